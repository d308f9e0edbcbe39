// What a data store's client runs, however it gets it: code by option (`psql -c`, `mysql -e`,
// `mongosh --eval`), as operands (`sqlite3 db 'SQL'`, `redis-cli FLUSHALL`), from files named by
// option (`psql -f`, `cqlsh -f`, `mongosh --file`) or included from inside the code (`\i`,
// `source`, `.read`, `load()`), and on its standard input: a heredoc, a here-string, a file
// (`< wipe.sql`), or a pipe (`echo … |`, `cat wipe.sql |`). Files are read through the caller's
// port (the policy does no I/O); a file that cannot be read is reported, to be refused.
import {posix} from 'node:path';
import {type SimpleCommand, type Word, knownText} from '../shell/index.js';
import {readable, spelled, written} from './spelling.js';
import {readSql, type SqlReading, sqlplusFile} from './sql.js';
import {readAt} from './read-at.js';
import type {EvaluationContext} from './types.js';

export type Language = 'sql' | 'mysql' | 'js' | 'redis';

/** One piece of code the client runs, and where it came from as the command writes it. */
export interface Code {
  text: string;
  /** The SQL as read, for SQL clients. */
  sql?: SqlReading;
  /** The word (or file) it came from, as written: the finding's word. */
  word: string;
  /** The file it was read from, when it was. */
  file?: string;
}

export interface ClientInput {
  language: Language;
  code: Code[];
  /** Files the client would run that guard could not read, and why. */
  unread: Array<{word: string; problem: string}>;
}

interface Client {
  language: Language;
  /** Options that take a value, as spelled (`-c`, `--command`); long ones also as `--name=value`. */
  takesValue: string[];
  /** Options whose value is code. */
  code?: string[];
  /** Options whose value names a file of code (`-` is the standard input). */
  files?: string[];
  /** Code options after which the client still reads its input (`mysql --init-command`, `sqlite3 -cmd`). */
  keepsInput?: string[];
  /** Short options whose value can only be attached (`mysql -pSECRET`; `-p` alone prompts). */
  attached?: string[];
  /** Options are `-name` words (sqlite3 `-cmd`, influx `-execute`), `--name` read the same. */
  singleDash?: boolean;
  /** Options stop at the first operand: what follows is the command's (redis-cli SET k -1). */
  stopAtOperand?: boolean;
  /** Long options may be shortened to a prefix only one of them has (`psql --comm`), as getopt_long, MySQL's and optparse allow. */
  abbreviations?: boolean;
  /** What operands are: code (all, or after the database file), `.js` files, a Redis command. */
  operands?: 'code' | 'after-first' | 'js-files' | 'command' | 'statement' | 'scripts';
  /** A code option's value may name a file instead: `file://reset.sql` (the AWS CLI's convention). */
  fileUrls?: boolean;
  /** Flags that make it only check the code, running none of it (`bq query --dry_run`). */
  dryRun?: string[];
}

const psqlLike: Client = {
  language: 'sql',
  takesValue: ['-c', '--command', '-d', '--dbname', '-f', '--file', '-F', '--field-separator', '-h', '--host', '-L', '--log-file', '-o', '--output', '-p', '--port', '-P', '--pset', '-R', '--record-separator', '-T', '--table-attr', '-U', '--username', '-v', '--set', '--variable'],
  code: ['-c', '--command'],
  files: ['-f', '--file'],
  abbreviations: true,
};

const mysqlLike: Client = {
  language: 'mysql',
  takesValue: [
    '-u', '--user', '-h', '--host', '-P', '--port', '-D', '--database', '-S', '--socket', '-e', '--execute', '--init-command', '--defaults-file', '--defaults-extra-file',
    '--defaults-group-suffix', '--default-character-set', '--login-path', '--character-sets-dir', '--ssl-ca', '--ssl-cert', '--ssl-key', '--ssl-mode', '--tls-version', '--plugin-dir',
    '--default-auth', '--protocol', '--bind-address', '--connect-timeout', '--max-allowed-packet', '--net-buffer-length', '--pager', '--prompt', '--tee', '--delimiter', '-O', '--set-variable',
  ],
  code: ['-e', '--execute', '--init-command'],
  keepsInput: ['--init-command'],
  attached: ['-p'],
  abbreviations: true,
};

const sqliteLike: Client = {
  language: 'sql',
  takesValue: ['-cmd', '-init', '-separator', '-nullvalue', '-newline', '-mmap', '-pagecache', '-lookaside', '-maxsize', '-vfs', '-heap', '-escape', '-c', '-s'],
  code: ['-cmd', '-c', '-s'],
  files: ['-init'],
  keepsInput: ['-cmd', '-init'],
  singleDash: true,
  operands: 'after-first',
};

const clickhouse: Client = {
  language: 'sql',
  takesValue: ['-h', '--host', '--port', '-u', '--user', '--password', '-d', '--database', '-f', '--format', '-q', '--query', '--queries-file', '-C', '--config-file', '--config', '--query_id', '--history_file', '--stage', '--log-level', '--send_logs_level', '--max_threads', '--param'],
  code: ['-q', '--query'],
  files: ['--queries-file'],
  operands: 'code',
};

const cqlsh: Client = {
  language: 'sql',
  takesValue: ['-u', '--username', '-p', '--password', '-k', '--keyspace', '-f', '--file', '-e', '--execute', '--cqlshrc', '--cqlversion', '--encoding', '--connect-timeout', '--request-timeout', '-b', '--secure-connect-bundle'],
  code: ['-e', '--execute'],
  files: ['-f', '--file'],
  abbreviations: true,
};

const mongosh: Client = {
  language: 'js',
  takesValue: [
    '--eval', '-f', '--file', '--host', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--authenticationMechanism', '--gssapiServiceName', '--sspiHostnameCanonicalization',
    '--sspiRealmOverride', '--tlsCAFile', '--tlsCertificateKeyFile', '--tlsCertificateKeyFilePassword', '--tlsCertificateSelector', '--tlsCRLFile', '--tlsDisabledProtocols', '--apiVersion',
    '--awsAccessKeyId', '--awsSecretAccessKey', '--awsSessionToken', '--keyVaultNamespace', '--kmsURL', '--csfleLibraryPath', '--cryptSharedLibPath', '--oidcFlows', '--browser',
  ],
  code: ['--eval'],
  files: ['-f', '--file'],
  operands: 'js-files',
};

const redisCli: Client = {
  language: 'redis',
  takesValue: ['-h', '-p', '-s', '-a', '-u', '-n', '-r', '-i', '-d', '-D', '-t', '--user', '--pass', '--tls-cert', '--tls-key', '--cacert', '--cacertdir', '--sni', '--tls-ciphers', '--tls-ciphersuites', '--rdb', '--functions-rdb', '--pattern', '--quoted-pattern', '--count', '--eval', '--cluster', '--memkeys-samples', '--intrinsic-latency', '--show-pushes'],
  files: ['--eval'],
  stopAtOperand: true,
  operands: 'command',
};

const cockroach: Client = {...psqlLike, abbreviations: false, takesValue: ['-e', '--execute', '-f', '--file', '--url', '--host', '--port', '-u', '--user', '-d', '--database', '--certs-dir', '--format', '--set'], code: ['-e', '--execute']};

const clients: Record<string, Client> = {
  psql: psqlLike,
  vsql: psqlLike,
  usql: {...psqlLike, abbreviations: false},
  mysql: mysqlLike,
  mariadb: mysqlLike,
  mycli: {...mysqlLike, takesValue: [...mysqlLike.takesValue, '-p', '--password'], attached: [], abbreviations: false},
  sqlite3: sqliteLike,
  sqlite: sqliteLike,
  duckdb: sqliteLike,
  'clickhouse-client': clickhouse,
  'clickhouse-local': clickhouse,
  cqlsh,
  mongosh,
  mongo: mongosh,
  'redis-cli': redisCli,
  'valkey-cli': redisCli,
  'keydb-cli': redisCli,
  sqlcmd: {language: 'sql', takesValue: ['-S', '-U', '-P', '-d', '-Q', '-q', '-i', '-o', '-H', '-l', '-t', '-h', '-s', '-w', '-a', '-c', '-f', '-v', '-y', '-Y', '-A', '-L'], code: ['-Q', '-q'], files: ['-i']},
  snowsql: {language: 'sql', takesValue: ['-a', '--accountname', '-u', '--username', '-d', '--dbname', '-s', '--schemaname', '-r', '--rolename', '-w', '--warehouse', '-h', '--host', '-p', '--port', '-q', '--query', '-f', '--filename', '-o', '--option', '-c', '--connection', '--config', '-D', '--variable'], code: ['-q', '--query'], files: ['-f', '--filename']},
  trino: {language: 'sql', takesValue: ['--server', '--catalog', '--schema', '--user', '--execute', '-f', '--file', '--output-format', '--session', '--source'], code: ['--execute'], files: ['-f', '--file']},
  influx: {language: 'sql', takesValue: ['-execute', '-database', '-host', '-port', '-username', '-password', '-format', '-precision'], code: ['-execute'], singleDash: true},
};
clients.presto = clients.trino!;
// Oracle's SQL*Plus and SQLcl, Teradata's BTEQ, Informix's dbaccess, Firebird's isql: the SQL comes on their input.
// An `@file` operand is a script each runs first (`sqlplus / as sysdba @reset` runs reset.sql).
clients.sqlplus = {language: 'sql', takesValue: ['-M', '-R', '-markup'], operands: 'scripts'};
clients.sql = clients.sqlplus;
clients.bteq = {language: 'sql', takesValue: []};
clients.dbaccess = {language: 'sql', takesValue: ['-X']};
clients['isql-fb'] = {language: 'sql', takesValue: ['-user', '-u', '-password', '-p', '-i', '-input', '-o', '-output', '-role', '-r', '-ch', '-charset', '-page', '-pag'], files: ['-i', '-input'], singleDash: true};
clients.isql = clients['isql-fb'];
// SAP HANA's hdbsql: the statement is its operand (`-I FILE` reads one); YugabyteDB's ysqlsh is psql.
clients.hdbsql = {language: 'sql', takesValue: ['-n', '-i', '-u', '-p', '-d', '-U', '-I', '-o', '-c'], files: ['-I'], operands: 'code'};
clients.ysqlsh = psqlLike;
// Db2's command line takes its statement as operands: quoted whole (`db2 "DROP TABLE t"`) or word by word.
clients.db2 = {language: 'sql', takesValue: ['-f', '-td', '-z', '-l'], files: ['-f'], operands: 'statement'};
// Impala's shell: `-q SQL` (`--query=`), `-f FILE` (`--query_file=`).
clients['impala-shell'] = {language: 'sql', takesValue: ['-i', '--impalad', '-d', '--database', '-q', '--query', '-f', '--query_file', '-o', '--output_file', '-u', '--user', '--var', '--delimiter', '--output_delimiter', '--config_file', '-b', '--kerberos_host_fqdn'], code: ['-q', '--query'], files: ['-f', '--query_file']};
// Spark's and Hive's SQL shells: `-e SQL`, `-f FILE`.
const hiveLike: Client = {language: 'sql', takesValue: ['-e', '-f', '-i', '--database', '--hiveconf', '--hivevar', '--conf', '--master', '--name', '--jars', '--driver-memory', '--executor-memory', '-u', '-n', '-p', '-d', '--define'], code: ['-e'], files: ['-f']};
clients['spark-sql'] = hiveLike;
clients.hive = hiveLike;
clients.beeline = hiveLike;

/** Programs whose first operand picks the client: `clickhouse client`, `cockroach sql`, `bq query`. */
const dispatched: Record<string, Record<string, Client>> = {
  clickhouse: {client: clickhouse, local: clickhouse},
  cockroach: {sql: cockroach, demo: cockroach},
  bq: {query: {language: 'sql', takesValue: ['--destination_table', '--parameter', '--project_id', '--location', '--format', '--max_rows', '--dataset_id', '--job_id', '--label'], operands: 'code', dryRun: ['--dry_run', '--dry-run']}},
};

/**
 * Cloud services' SQL APIs, named by the words that pick them, wherever they stand among the
 * global options: `aws --profile prod athena start-query-execution --query-string SQL`.
 */
const services: Array<{program: string; words: string[]; client: Client}> = [
  {program: 'aws', words: ['athena', 'start-query-execution'], client: {language: 'sql', takesValue: ['--query-string'], code: ['--query-string'], fileUrls: true}},
  {program: 'aws', words: ['redshift-data', 'execute-statement'], client: {language: 'sql', takesValue: ['--sql'], code: ['--sql'], fileUrls: true}},
  {program: 'aws', words: ['rds-data', 'execute-statement'], client: {language: 'sql', takesValue: ['--sql'], code: ['--sql'], fileUrls: true}},
  {program: 'gcloud', words: ['spanner', 'databases', 'execute-sql'], client: {language: 'sql', takesValue: ['--sql'], code: ['--sql']}},
  // The SQL a CMS's own CLI sends its database: `wp db query 'SQL'`, `drush sql:query 'SQL'` (or `sqlq`, or its `--file`).
  {program: 'wp', words: ['db', 'query'], client: {language: 'mysql', takesValue: [], operands: 'code'}},
  ...['sql:query', 'sql-query', 'sqlq'].map((verb) => ({program: 'drush', words: [verb], client: {language: 'mysql', takesValue: ['--file', '--database', '--target', '--uri', '-l'], files: ['--file'], operands: 'code'} as Client})),
  {program: 'snow', words: ['sql'], client: {language: 'sql', takesValue: ['-q', '--query', '-f', '--filename', '-c', '--connection'], code: ['-q', '--query'], files: ['-f', '--filename']}},
];

/** The options of curl that take a value, for reading its URL and its body. */
export const curlOptions = {
  takesValue: [
    '-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json', '-u', '--user', '-o', '--output', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie',
    '-c', '--cookie-jar', '-F', '--form', '-T', '--upload-file', '-w', '--write-out', '-x', '--proxy', '-m', '--max-time', '--connect-timeout', '--retry', '-K', '--config', '--cacert', '--cert', '--key',
    '-E', '--url', '--resolve', '--retry-delay', '--retry-max-time', '-r', '--range', '-Y', '-y', '-z', '--oauth2-bearer', '--aws-sigv4',
  ],
};

const wgetOptions = {takesValue: ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '-U', '--user-agent', '--header', '--user', '--password', '--http-user', '--http-password', '-e', '--execute', '-t', '--tries', '-T', '--timeout', '--post-data', '--post-file', '--body-data', '--body-file', '--method', '-i', '--input-file']};

/** The programs this module reads: for the rules' `match`. */
export const clientPrograms = [...Object.keys(clients), ...Object.keys(dispatched), ...new Set(services.map(({program}) => program)), 'curl', 'wget'];

interface Scanned {
  values: Array<{name: string; value: Word}>;
  flags: Set<string>;
  operands: Word[];
}

/** A long option as the client reads it: `--comm` is `--command` where prefixes are allowed and only one option has it. */
function longName(given: string, client: Client): string {
  if (!client.abbreviations || client.takesValue.includes(given)) return given;
  const longs = new Set(client.takesValue.filter((option) => option.startsWith('--') && option.startsWith(given)));
  return longs.size === 1 ? [...longs][0]! : given;
}

/** The client's options in order (an option given twice counts twice), and its operands. */
function scan(args: Word[], client: Client): Scanned {
  const takes = new Set(client.takesValue);
  const scanned: Scanned = {values: [], flags: new Set(), operands: []};
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    const operand = text === null || text === '-' || !text.startsWith('-') || (client.stopAtOperand && scanned.operands.length > 0);
    if (text === '--') {
      scanned.operands.push(...args.slice(i + 1));
      break;
    }

    if (operand) {
      scanned.operands.push(word);
      continue;
    }

    if (text.startsWith('--') || client.singleDash) {
      const long = client.singleDash ? text.replace(/^--/, '-') : text;
      const eq = long.indexOf('=');
      const name = longName(eq === -1 ? long : long.slice(0, eq), client);
      scanned.flags.add(name);
      if (eq !== -1) scanned.values.push({name, value: {...word, value: long.slice(eq + 1)} as Word});
      else if (takes.has(name) && args[i + 1]) scanned.values.push({name, value: args[++i]!});
      continue;
    }

    for (let k = 1; k < text.length; k++) {
      const name = `-${text[k]}`;
      scanned.flags.add(name);
      const attached = text.slice(k + 1);
      if (client.attached?.includes(name)) {
        if (attached) scanned.values.push({name, value: {value: attached, known: true, raw: word.raw}});
        break;
      }

      if (!takes.has(name)) continue;
      if (attached) scanned.values.push({name, value: {value: attached, known: true, raw: word.raw}});
      else if (args[i + 1]) scanned.values.push({name, value: args[++i]!});
      break;
    }
  }

  return scanned;
}

/** The client a command starts, and its arguments: `clickhouse client -q …` is clickhouse-client. */
function clientOf(command: SimpleCommand): {client: Client; args: Word[]} | undefined {
  const name = command.program.value ?? '';
  const args = command.argv.slice(1);
  if (Object.hasOwn(clients, name)) return {client: clients[name]!, args};
  for (const service of services) {
    if (service.program !== name) continue;
    const at = args.findIndex((_, i) => service.words.every((word, j) => args[i + j]?.value === word));
    if (at !== -1) return {client: service.client, args: [...args.slice(0, at), ...args.slice(at + service.words.length)]};
  }

  const table = dispatched[name];
  if (!table) return undefined;
  const at = args.findIndex((word) => !word.value?.startsWith('-'));
  const sub = args[at]?.value;
  return sub && Object.hasOwn(table, sub) ? {client: table[sub]!, args: [...args.slice(0, at), ...args.slice(at + 1)]} : undefined;
}

const maxIncludes = 20;
// How a command reached over ssh or into a container is named in its `via`.
const remote = /^(?:ssh|docker|podman|nerdctl|kubectl|oc|lxc|incus)\b/;

class Reader {
  readonly input: ClientInput;
  private included = 0;
  constructor(
    readonly command: SimpleCommand,
    readonly context: EvaluationContext,
    language: Language,
  ) {
    this.input = {language, code: [], unread: []};
  }

  /** Code as text: what the client runs, and what it includes from files in turn. */
  add(text: string, word: string, file?: string, dir?: string): void {
    const {language} = this.input;
    const sql = language === 'sql' || language === 'mysql' ? readSql(text, {mysql: language === 'mysql'}) : undefined;
    this.input.code.push({text, word, ...(file === undefined ? {} : {file}), ...(sql ? {sql} : {})});
    if (this.included >= maxIncludes) return;
    const includes = sql ? sql.includes : language === 'js' ? jsIncludes(text) : [];
    for (const include of includes) {
      this.included++;
      const base = include.relative && dir !== undefined ? dir : undefined;
      this.file({value: include.file, known: true, raw: include.file}, base);
    }
  }

  /**
   * A file of code: read through the port, or reported as unread. A file the client opens
   * itself (not its input) is on the other machine when it runs in a container or over ssh.
   */
  file(word: Word, base?: string, opened = true): void {
    // A name guard cannot know (or a pattern, `for f in *.sql`) is like code it cannot know, as a
    // script file's is; an empty one the client cannot open.
    if (!word.known || word.value === '' || /[*?[]/.test(word.value)) return;
    const cwd = base ?? (this.command.cwd.known ? this.command.cwd.value : undefined);
    const shown = written(word);
    const elsewhere = opened ? this.command.via.find((via) => remote.test(via)) : undefined;
    if (elsewhere) {
      this.input.unread.push({word: shown, problem: `${spelled(word)} is opened where the client runs (${elsewhere}), not here`});
      return;
    }

    if (!word.value.startsWith('/') && cwd === undefined) {
      this.input.unread.push({word: shown, problem: `${spelled(word)} is relative and the working folder is not known here`});
      return;
    }

    const path = posix.resolve(cwd ?? '/', word.value);
    if (path === '/dev/null') return;
    const read = readAt(path, this.command, this.context) ?? {problem: `cannot read ${path}`};
    if ('problem' in read) this.input.unread.push({word: shown, problem: read.problem});
    else this.add(read.text, shown, path, posix.dirname(path));
  }

  /** What reaches standard input: heredocs, here-strings, `< file`, and a pipe guard can see into. */
  stdin(): void {
    const {command} = this;
    for (const redirect of command.redirects) {
      if (redirect.fd !== undefined && redirect.fd !== 0) continue;
      if (redirect.op === '<<' || redirect.op === '<<-' || redirect.op === '<<<') this.add(knownText(redirect.target), written(redirect.target).trim());
      else if (redirect.op === '<' || redirect.op === '<>') this.file(redirect.target, undefined, false);
    }

    const piped = command.piped;
    if (!piped) return;
    if (piped.text !== undefined) {
      this.add(readable(piped.text), piped.from.map((producer) => producer.location.text).join(' | '));
      return;
    }

    // `cat FILE… | client`, `pv FILE | client`, `printf 'DROP …\n' | client`, also through `| pv |`
    // or `| tee LOG |`: the files, or the text, are what it reads.
    const upstream = [...piped.from];
    while (upstream.length > 1 && passesThrough(upstream.at(-1)!)) upstream.pop();
    const [producer] = upstream;
    if (upstream.length !== 1 || producer!.wrappers.length > 0) return;
    const text = printed(producer!);
    if (text !== undefined) {
      this.add(text, producer!.location.text);
      return;
    }

    if (!/^(?:cat|pv)$/.test(producer!.program.value ?? '')) return;
    const files = producer!.argv.slice(1);
    if (files.some((word) => !word.known || word.value.startsWith('-'))) return;
    for (const file of files) this.file(file, producer!.cwd.known ? producer!.cwd.value : undefined, false);
  }
}

const escapes: Record<string, string> = {n: '\n', r: '\r', t: '\t', '\\': '\\', a: '', b: '', f: '\n', v: '\n', e: '', '"': '"', "'": "'"};
const unescape = (text: string) => text.replace(/\\(.)/g, (match, ch: string) => escapes[ch] ?? match);

/** What `printf FORMAT ARGS…` or `echo [-neE] ARGS…` print (parts guard cannot know as `…`). */
function printed(command: SimpleCommand): string | undefined {
  const args = command.argv.slice(1).map(knownText);
  if (command.program.value === 'echo') {
    let i = 0;
    let interpret = false;
    for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) interpret ||= args[i]!.includes('e');
    const text = args.slice(i).join(' ');
    return interpret ? unescape(text) : text;
  }

  if (command.program.value !== 'printf' || args.length === 0 || args[0] === '-v') return undefined;
  const [format, ...values] = args[0] === '--' ? args.slice(1) : args;
  if (format === undefined) return undefined;
  let out = '';
  // The format is used again while arguments remain, as printf does.
  for (let round = 0; round === 0 || (values.length > 0 && round < 100); round++) {
    out += format.replace(/%%|%[-+ #0]*\d*(?:\.\d+)?([sbdiqcxXuoeEfgG])|\\(.)/g, (match, conversion?: string, escaped?: string) => {
      if (match === '%%') return '%';
      if (escaped !== undefined) return escapes[escaped] ?? match;
      const value = values.shift() ?? '';
      return conversion === 'b' ? unescape(value) : value;
    });
  }

  return out;
}

/** A command that copies its input to its output unchanged: `pv`, `cat`, `buffer` without files, `tee LOG`. */
function passesThrough(command: SimpleCommand): boolean {
  const operands = command.argv.slice(1).filter((word) => !word.value?.startsWith('-'));
  const name = command.program.value ?? '';
  return name === 'tee' || (/^(?:pv|cat|buffer|mbuffer)$/.test(name) && operands.length === 0);
}

/** The files mongosh code loads: `load('seed.js')`. */
const jsIncludes = (text: string) => [...text.matchAll(/\bload\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((match) => ({file: match[2]!, relative: false}));

const cache = new WeakMap<SimpleCommand, ClientInput | null>();

/** What the client runs; undefined when the command is no client this module knows. */
export function clientInput(command: SimpleCommand, context: EvaluationContext): ClientInput | undefined {
  const cached = cache.get(command);
  if (cached !== undefined) return cached ?? undefined;
  const name = command.program.value;
  const found = name === 'curl' || name === 'wget' ? undefined : clientOf(command);
  const input = found ? read(command, context, found.client, found.args) : name === 'curl' || name === 'wget' ? overHttp(command, context) : null;
  cache.set(command, input);
  return input ?? undefined;
}

function read(command: SimpleCommand, context: EvaluationContext, client: Client, args: Word[]): ClientInput {
  const reader = new Reader(command, context, client.language);
  const {values, operands, flags} = scan(args, client);
  if ([...flags].some((flag) => flag === '--help' || flag === '--version' || flag === '-?' || flag === '-help' || flag === '-version')) return reader.input;
  // A dry run checks the code and runs none of it (not `--dry_run=false`).
  if (args.some((word) => word.known && client.dryRun?.some((flag) => word.value === flag || word.value === `${flag}=true`))) return reader.input;
  let runsCode = false;
  let readsInput = false;
  // psql runs its -c commands one after another in one session: `-c BEGIN -c 'DELETE …' -c ROLLBACK` undoes the delete.
  const commands = client === psqlLike ? values.filter(({name}) => client.code?.includes(name)) : [];
  if (commands.length > 1 && !client.fileUrls) {
    reader.add(commands.map(({value}) => `${knownText(value)};`).join('\n'), commands.map(({value}) => written(value)).join(' '));
    runsCode = true;
  }
  for (const {name, value} of values) {
    if (commands.length > 1 && client.code?.includes(name)) continue;
    if (client.code?.includes(name) && client.fileUrls && value.known && /^fileb?:\/\//.test(value.value)) {
      reader.file({...value, value: value.value.replace(/^fileb?:\/\//, '')});
      runsCode = true;
    } else if (client.code?.includes(name)) {
      reader.add(knownText(value), written(value));
      if (!client.keepsInput?.includes(name)) runsCode = true;
    } else if (client.files?.includes(name)) {
      if (!client.keepsInput?.includes(name)) runsCode = true;
      if (value.value === '-' || value.value === '/dev/stdin') readsInput = true;
      else if (name === '-i' && value.known && value.value.includes(',')) for (const part of value.value.split(',')) reader.file({...value, value: part});
      else reader.file(value);
    }
  }

  // Db2's command line: its operands are one statement, quoted whole or word by word (`db2 drop table orders`).
  if (client.operands === 'statement' && operands.length > 0) {
    reader.add(operands.map(knownText).join(' '), operands.map(written).join(' '));
    runsCode = true;
  }

  if (client.operands === 'scripts') {
    for (const operand of operands) {
      if (!operand.known || !/^@@?[^@]/.test(operand.value)) continue;
      // Its input is read after the script too, unless the script exits: both are judged.
      reader.file({...operand, value: sqlplusFile(operand.value.replace(/^@@?/, ''))});
    }
  }

  // A site alias before the verb (`drush @prod sqlq 'SQL'`) names where, not what runs.
  const codeOperands = client.operands === 'code' ? operands.filter((word) => !(word.known && /^@[\w.-]+$/.test(word.value))) : client.operands === 'after-first' ? operands.slice(1) : [];
  for (const operand of codeOperands) {
    reader.add(knownText(operand), written(operand));
    runsCode = true;
  }

  if (client.operands === 'js-files') {
    for (const operand of operands.filter((word) => word.known && /\.js$/.test(word.value))) {
      reader.file(operand);
      runsCode = true;
    }
  }

  if (client.operands === 'command') {
    const cluster = values.find((value) => value.name === '--cluster')?.value.value;
    const words = cluster === 'call' ? operands.slice(1) : cluster ? [] : operands;
    if (words.length > 0) {
      reader.add(words.map(knownText).join(' '), words.map(written).join(' '));
      runsCode = true;
    }

    // With -x the input is the last argument's value, data rather than commands.
    if (flags.has('-x')) return reader.input;
  }

  if (readsInput || !runsCode) reader.stdin();
  return reader.input;
}

/**
 * SQL sent over HTTP, to the endpoints that run it: ClickHouse's interface (port 8123, or a host
 * named for it: the `query` parameter, else the body), Trino's and Presto's `/v1/statement` (the
 * body) and InfluxDB 1's `/query` (its `q`, in the URL or the form). The body as curl or wget
 * sends it: `-d 'SQL'`, `--data-binary @file` (`@-`: the standard input), `--data-urlencode
 * q=SQL`, `--post-data`. Null when no URL is such an endpoint: any other request is no client's.
 */
function overHttp(command: SimpleCommand, context: EvaluationContext): ClientInput | null {
  const curl = command.program.value === 'curl';
  const args = command.argv.slice(1);
  const {operands, values} = scan(args, {language: 'sql', ...(curl ? curlOptions : wgetOptions)});
  const urls = [...operands, ...values.filter(({name}) => name === '--url').map(({value}) => value)];
  let kind: 'clickhouse' | 'statement' | 'influx' | undefined;
  let url: {word: Word; text: string} | undefined;
  for (const word of urls) {
    kind = word.known ? sqlEndpoint(word.value) : undefined;
    if (kind && word.known) {
      url = {word, text: word.value};
      break;
    }
  }

  if (!kind || !url) return null;
  const reader = new Reader(command, context, 'sql');
  const param = kind === 'clickhouse' ? 'query' : kind === 'influx' ? 'q' : undefined;
  const inUrl = param === undefined ? null : new URLSearchParams(url.text.split(/[?#]/)[1] ?? '').get(param);
  if (inUrl !== null) reader.add(inUrl, written(url.word));
  // ClickHouse appends the body to a query given in the URL: the rows of an INSERT, data.
  if (kind === 'clickhouse' && inUrl?.trim()) return reader.input;
  for (const {name, value} of values) {
    const data = curl ? curlData(name, value) : wgetData(name, value);
    if (!data) continue;
    if (data.file === '-') reader.stdin();
    else if (data.file !== undefined) reader.file(value.known ? {...value, value: data.file} : value);
    else if (kind === 'clickhouse' && /^query=/.test(data.text)) reader.add(decodedForm(data.text.slice('query='.length), data.urlencoded === true), written(value));
    else if (kind === 'influx') {
      // InfluxDB reads `q` from a form body; any other field is not code.
      const field = new URLSearchParams(data.text).get('q');
      if (data.urlencoded && data.text.startsWith('q=')) reader.add(data.text.slice(2), written(value));
      else if (field !== null) reader.add(field, written(value));
    } else reader.add(data.text, written(value));
  }

  return reader.input;
}

/** A form value as the server reads it: `%XX` decoded, and `+` a space unless curl encoded it itself. */
function decodedForm(text: string, encodedByCurl: boolean): string {
  if (encodedByCurl) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Which SQL endpoint a URL names, if any. */
function sqlEndpoint(url: string): 'clickhouse' | 'statement' | 'influx' | undefined {
  const parsed = /^(?:https?:\/\/)?(?:[^@/\s]*@)?([^/\s?#:]*)(?::(\d+))?(\/[^?#\s]*)?/i.exec(url);
  if (!parsed) return undefined;
  const [, host = '', port, path = '/'] = parsed;
  if (port === '8123' || /clickhouse/i.test(host)) return 'clickhouse';
  if (/^\/v1\/statement\/?$/.test(path)) return 'statement';
  if (/^\/query\/?$/.test(path) && (port === '8086' || /influx/i.test(host))) return 'influx';
  return undefined;
}

/** A curl option that sends data: its text, or the file it names (`@file`, `@-`). */
function curlData(name: string, value: Word): {text: string; file?: string; urlencoded?: boolean} | undefined {
  if (!['-d', '--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode', '--json'].includes(name)) return undefined;
  const text = knownText(value);
  if (name === '--data-urlencode') {
    // `content`, `=content`, `name=content`, `@file`, `name@file`.
    const file = /^[^=@]*@(.*)$/s.exec(text);
    if (file && !text.includes('=')) return {text: '', file: file[1]!};
    return {text: text.startsWith('=') ? text.slice(1) : text, urlencoded: true};
  }

  if (name !== '--data-raw' && text.startsWith('@')) return {text: '', file: text.slice(1)};
  return {text};
}

/** A wget option that sends data: `--post-data`, `--body-data`, or the file of `--post-file`. */
function wgetData(name: string, value: Word): {text: string; file?: string; urlencoded?: boolean} | undefined {
  if (name === '--post-data' || name === '--body-data') return {text: knownText(value)};
  if (name === '--post-file' || name === '--body-file') return {text: '', file: knownText(value)};
  return undefined;
}
