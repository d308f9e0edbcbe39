// Databases and other data stores: statements and commands that destroy data, however they
// reach the client (by option, as operands, from a file, on standard input: src/policy/clients.ts),
// the tools that drop a whole database or restore over one, and the HTTP and etcd deletes that
// empty a store. Keywords inside string literals are data, not statements. A file the client
// would run that guard cannot read is refused (db.unreadable), as a script file is.
import {posix} from 'node:path';
import {type SimpleCommand, type Word, databaseMade, knownText, normalizeOptions} from '../../shell/index.js';
import {type ClientInput, type Code, clientInput, clientPrograms, curlOptions} from '../clients.js';
import {dangerOf, readSql, type SqlDanger} from '../sql.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';
import {brokerDelete, brokerPrograms} from './brokers.js';
import {frameworkDrop} from './migrations.js';
import {restoreOver} from './restores.js';
import {httpMethod, sentMethod, shortLived} from './hits.js';

const explained: Record<SqlDanger, string> = {
  drop: 'deletes it and everything in it',
  truncate: 'deletes every row',
  'delete-all': 'deletes every row: there is no WHERE that picks some',
  'update-all': 'changes every row: there is no WHERE that picks some',
  'reset-logs': 'deletes every binary log and the GTID history: replicas and point-in-time recovery lose what they need',
  'grant-all': 'gives a login every power over every database (from any host, or as superuser)',
};

/** JavaScript with its strings and comments blanked, so `print('.drop()')` is no drop. */
function jsCode(text: string): string {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (match) => (match.startsWith('/') ? ' ' : "''"));
}

const mongoDanger: Array<[RegExp, SqlDanger, 'code' | 'raw']> = [
  [/\.dropDatabase\s*\(|\.drop\s*\(/, 'drop', 'code'],
  [/\b(?:runCommand|adminCommand)\s*\(\s*\{\s*['"]?(?:dropDatabase|drop)['"]?\s*:/, 'drop', 'raw'],
  [/\.(?:deleteMany|remove)\s*\(\s*(?:\{\s*\}\s*)?[,)]/, 'delete-all', 'code'],
  [/\.updateMany\s*\(\s*\{\s*\}\s*,|\.update\s*\(\s*\{\s*\}\s*,[^;]*\bmulti\s*:\s*true/, 'update-all', 'code'],
];

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
const from = (code: Code) => (code.file === undefined ? '' : ` (in ${code.word})`);

/** The statements a piece of SQL runs, with what it runs from inside them (DO blocks, EXECUTE), a few levels down. */
function statementsOf(code: Code, mysql: boolean, transactional: boolean): string[] {
  const found: string[] = [];
  let pending = code.sql ? [code.sql] : [];
  for (let depth = 0; depth < 4 && pending.length > 0; depth++) {
    found.push(...pending.flatMap((reading) => (depth === 0 && transactional ? committed(reading.statements) : reading.statements)));
    pending = pending.flatMap((reading) => reading.nested.map((text) => readSql(text, {mysql})));
  }

  return found;
}

/**
 * The statements that outlive their transaction: those between `BEGIN` and a `ROLLBACK` (not `TO
 * SAVEPOINT`) with no `COMMIT` between are undone, DDL included, on the servers whose DDL is
 * transactional (PostgreSQL, CockroachDB, SQLite, DuckDB). MySQL commits before DDL, so it is not read so.
 */
const transactionStart = /^(?:BEGIN(?: (?:TRANSACTION|WORK|DEFERRED|IMMEDIATE|EXCLUSIVE))?(?: (?:ISOLATION LEVEL|READ ONLY|READ WRITE)\b.*)?|START TRANSACTION\b.*)$/i;

function committed(statements: string[]): string[] {
  const kept: string[] = [];
  let open: number | undefined;
  for (const statement of statements) {
    if (transactionStart.test(statement)) open = kept.length;
    else if (/^(?:ROLLBACK|ABORT)(?:\s+(?:WORK|TRANSACTION))?$/i.test(statement) && open !== undefined) {
      kept.length = open;
      open = undefined;
      continue;
    } else if (/^(?:COMMIT|END)\b/i.test(statement)) open = undefined;
    kept.push(statement);
  }

  return kept;
}

const dangers = new WeakMap<Code, Array<{statement: string; danger: SqlDanger}>>();

// A temporary table the same SQL made (`CREATE TEMP TABLE ids AS …`), and the tables a statement
// empties or drops. Only a temporary one: it shadows a table of the same name, so the DROP after
// it reaches it, while a plain CREATE TABLE of a name that exists fails, and a client that goes
// on after an error (psql -f, sqlite3, duckdb) would drop the old table.
const tableName = (text: string) => text.replace(/["`\[\]]/g, '');
const createdTable = /^CREATE (?:OR REPLACE )?(?:(?:GLOBAL|LOCAL) )?(?:TEMP|TEMPORARY|VOLATILE) TABLE (?!IF NOT EXISTS\b)(\S+?)(?:\s|\(|$)|^CREATE TABLE (#[^\s(]+)/i;
// Another database, schema path or session: a name the SQL made before may now be another table.
const elsewhere = /^(?:USE\b|\\c(?:onnect)?\b|SET (?:SESSION )?search_path\b|DISCARD\b|SET SCHEMA\b)/i;
function targetsOf(statement: string): string[] | undefined {
  const drop = /^DROP (?:TEMPORARY )?TABLES? (?:IF EXISTS )?(.+?)(?: CASCADE| RESTRICT| PURGE)?;?$/i.exec(statement)?.[1];
  if (drop) return drop.split(/\s*,\s*/).map(tableName);
  const emptied = /^(?:TRUNCATE (?:TABLE )?|DELETE FROM )(\S+)/i.exec(statement)?.[1];
  return emptied ? [tableName(emptied)] : undefined;
}

/** The dangerous statements of a piece of SQL, found once for the four rules that each report one kind; a scratch table the same SQL made is its own to drop. */
function dangersOf(code: Code, mysql: boolean, transactional: boolean): Array<{statement: string; danger: SqlDanger}> {
  let found = dangers.get(code);
  if (!found) {
    const made = new Set<string>();
    found = statementsOf(code, mysql, transactional).flatMap((statement) => {
      if (elsewhere.test(statement)) made.clear();
      const creation = createdTable.exec(statement);
      const created = creation?.[1] ?? creation?.[2];
      if (created) made.add(tableName(created));
      const danger = dangerOf(statement);
      const targets = danger && made.size > 0 ? targetsOf(statement) : undefined;
      if (targets?.every((name) => made.has(name))) {
        // Dropped, it is gone: a second DROP of the name reaches another table.
        if (danger === 'drop') for (const name of targets) made.delete(name);
        return [];
      }

      return danger ? [{statement, danger}] : [];
    });
    dangers.set(code, found);
  }

  return found;
}

// The clients of servers whose DDL is transactional: a ROLLBACK undoes a DROP as well as a DELETE.
const transactionalDdl = new Set(['psql', 'cockroach', 'sqlite3', 'sqlite', 'duckdb']);

function dataHit(command: SimpleCommand, context: EvaluationContext, wanted: SqlDanger): Hit | null {
  const input = clientInput(command, context);
  if (!input) return null;
  const name = command.program.value!;
  for (const code of input.code) {
    if (input.language === 'js') {
      const blanked = jsCode(code.text);
      const found = mongoDanger.find(([pattern, danger, on]) => danger === wanted && pattern.test(on === 'code' ? blanked : code.text));
      if (found) return {word: code.word, reason: `${name} runs ${found[0].exec(found[2] === 'code' ? blanked : code.text)![0].trim()}${from(code)}, which ${explained[wanted]}`};
      continue;
    }

    if (input.language === 'redis') continue;
    const found = dangersOf(code, input.language === 'mysql', transactionalDdl.has(name)).find(({danger}) => danger === wanted);
    if (found) return {word: code.word, reason: `${name} runs ${shorten(found.statement)}${from(code)}, which ${explained[wanted]}`};
  }

  return null;
}

/** A Redis command line as redis-cli splits it: words, with quotes. */
function redisWords(line: string): string[] {
  return [...line.matchAll(/"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

// A Lua script's calls (`EVAL "redis.call('flushall')" 0`, `--eval wipe.lua`) are commands too.
const luaCall = /\bredis\.p?call\s*\(\s*(['"])(\w+)\1((?:\s*,\s*(['"])[^'"]*\4)*)/g;

function redisCommands(input: ClientInput): Array<{words: string[]; code: Code}> {
  if (input.language !== 'redis') return [];
  return input.code.flatMap((code) => [
    ...code.text.split('\n').map((line) => ({words: redisWords(line), code})),
    ...[...code.text.matchAll(luaCall)].map((call) => ({words: [call[2]!, ...[...call[3]!.matchAll(/(['"])([^'"]*)\1/g)].map((arg) => arg[2]!)], code})),
  ]);
}

function redisFlush(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const input = clientInput(command, context);
  const name = command.program.value!;
  for (const {words, code} of input ? redisCommands(input) : []) {
    const verb = words[0]?.toUpperCase();
    if (verb === 'FLUSHALL' || verb === 'FLUSHDB') return {word: code.word, reason: `${name} ${verb} deletes every key${verb === 'FLUSHALL' ? ' of every database' : ' of the database'}`};
    // A stream trimmed to nothing, or a consumer group destroyed with the entries it had not acknowledged.
    if (verb === 'XTRIM' && words[2]?.toUpperCase() === 'MAXLEN' && (words[3] === '0' || (/^[=~]$/.test(words[3] ?? '') && words[4] === '0'))) return {word: code.word, reason: `${name} XTRIM ${words[1] ?? ''} MAXLEN 0 deletes every entry of the stream`};
    if (verb === 'XGROUP' && words[1]?.toUpperCase() === 'DESTROY') return {word: code.word, reason: `${name} XGROUP DESTROY ${words.slice(2, 4).join(' ')} deletes the consumer group with every entry it had not acknowledged`};
    if (verb === 'FT.DROPINDEX' && words.slice(2).some((word) => word.toUpperCase() === 'DD')) return {word: code.word, reason: `${name} FT.DROPINDEX ${words[1] ?? ''} DD deletes the index and every document it indexes`};
    if ((verb === 'REPLICAOF' || verb === 'SLAVEOF') && words[1] && words[1].toUpperCase() !== 'NO') {
      return {word: code.word, reason: `${name} ${verb} ${words.slice(1, 3).join(' ')} discards every key and copies those of ${words[1]} instead`};
    }
  }

  return null;
}

/** DEL or UNLINK of keys named at run time (`KEYS '*' | xargs redis-cli DEL`, `DEL $(…)`): a flush by another name. */
function redisDeleteUnknown(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const input = clientInput(command, context);
  const name = command.program.value!;
  for (const {words, code} of input ? redisCommands(input) : []) {
    const verb = words[0]?.toUpperCase();
    if ((verb === 'DEL' || verb === 'UNLINK') && words.slice(1).some((word) => word === '…')) {
      return {word: code.word, reason: `${name} ${verb} deletes keys guard cannot know: their names come from elsewhere when it runs (a KEYS or SCAN piped through xargs deletes every key that matches)`};
    }
  }

  return null;
}

function redisFileWrite(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const input = clientInput(command, context);
  const name = command.program.value!;
  for (const {words, code} of input ? redisCommands(input) : []) {
    if (words[0]?.toUpperCase() !== 'CONFIG' || words[1]?.toUpperCase() !== 'SET') continue;
    const parameter = words.slice(2).find((word, i) => i % 2 === 0 && /^(?:dir|dbfilename|appendfilename|appenddirname|logfile)$/i.test(word));
    if (parameter) return {word: code.word, reason: `${name} CONFIG SET ${parameter} makes the server write its files where it names, which is how Redis is made to overwrite authorized_keys or a crontab`};
  }

  return null;
}

function unreadable(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const unread = clientInput(command, context)?.unread[0];
  return unread ? {word: unread.word, reason: `${unread.problem}: guard cannot vouch for what ${command.program.value} would run from a file it cannot read`} : null;
}

function dropTool(command: SimpleCommand): Hit | null {
  const args = command.argv.slice(1);
  const help = command.program.value === 'pg_dropcluster' ? ['--help', '-h'] : ['--help', '--version', '-?', '-V'];
  if (args.some((word) => word.known && help.includes(word.value))) return null;
  if (command.program.value === 'mysqladmin') {
    const drop = args.find((word) => word.known && /^drop$/i.test(word.value));
    return drop ? {word: written(drop), reason: `mysqladmin drop ${spelled(args[args.indexOf(drop) + 1] ?? drop)} deletes the database and everything in it`} : null;
  }

  if (command.program.value === 'influx') {
    // InfluxDB 2's CLI; 1.x's `influx -execute 'DROP …'` is SQL, read with the clients.
    const {operands, values} = normalizeOptions(args, {takesValue: ['-n', '--name', '-o', '--org', '--org-id', '-i', '--id', '--host', '-t', '--token', '-c', '--active-config', '-b', '--bucket', '--bucket-id', '--start', '--stop', '-p', '--predicate', '--configs-path']});
    const [verb, sub] = operands;
    if (verb?.value === 'bucket' && sub?.value === 'delete') return {word: written(sub), reason: 'influx bucket delete deletes the bucket and every point in it'};
    // A predicate picks the points, as a WHERE picks rows; without one, every point between --start and --stop goes.
    if (verb?.value === 'delete' && !values.has('-p') && !values.has('--predicate')) return {word: written(verb), reason: 'influx delete with no --predicate deletes every point of the bucket between --start and --stop'};
    return null;
  }

  // A hosting panel's API: cPanel's `uapi Mysql delete_database name=…`, WHM's `whmapi1 removeacct user=…` (or `/scripts/removeacct`),
  // Plesk's `plesk bin database --remove` and `plesk bin subscription --remove`.
  if (command.program.value === 'uapi' || command.program.value === 'whmapi1' || command.program.value === 'removeacct' || command.program.value === 'plesk') {
    const texts = args.map((word) => word.value ?? '');
    const at = texts.findIndex((text, i) => /^(?:Mysql|Postgresql)$/i.test(text) && /^delete_database$/i.test(texts[i + 1] ?? ''));
    if (at !== -1) return {word: written(args[at + 1]!), reason: `uapi ${texts[at]} delete_database ${texts.slice(at + 2).find((text) => text.startsWith('name=')) ?? ''} deletes the database and everything in it`.trimEnd()};
    const account = command.program.value === 'removeacct' || texts.includes('removeacct');
    if (account) return {word: written(command.program.value === 'removeacct' ? command.argv[0]! : args[texts.indexOf('removeacct')]!), reason: 'removes the hosting account with its sites, mail and databases'};
    const plesk = texts[0] === 'bin' && /^(?:database|subscription|site|domain|customer)$/.test(texts[1] ?? '') && texts.some((text) => text === '--remove' || text === '-r');
    return plesk ? {word: written(args.find((word) => word.value === '--remove' || word.value === '-r')!), reason: `plesk bin ${texts[1]} --remove deletes the ${texts[1]}${texts[1] === 'database' ? '' : ' with its sites, mail and databases'}`} : null;
  }

  if (command.program.value === 'pg_dropcluster') {
    const {operands} = normalizeOptions(args, {});
    const [version, cluster] = operands;
    return {word: written(cluster ?? command.argv[0]!), reason: `pg_dropcluster ${[version, cluster].filter(Boolean).map((word) => spelled(word!)).join(' ')} deletes the cluster's data folder and every database in it`};
  }

  const {operands, values} = normalizeOptions(args, {takesValue: ['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db']});
  const name = operands.at(-1);
  // A database the same code made (`createdb ci_1 && … && dropdb ci_1`): the createdb fails on one that exists.
  const own = name?.known ? databaseMade(command, values, name.value) : undefined;
  if (own && command.made?.has(own)) return null;
  return {word: written(name ?? command.argv[0]!), reason: `dropdb ${name ? spelled(name) : ''} deletes the database and everything in it`.replace('  ', ' ')};
}

const etcdSpec = {takesValue: ['--endpoints', '--cacert', '--cert', '--key', '--user', '--password', '--dial-timeout', '--command-timeout', '-w', '--write-out', '--discovery-srv', '--discovery-srv-name', '--keepalive-time', '--keepalive-timeout']};

/** `etcdctl del "" --prefix`, `--from-key`: every key, and with it every object of a Kubernetes cluster; `--prefix /registry/KIND`: every object of a kind. */
function etcdDeleteAll(command: SimpleCommand): Hit | null {
  const {flags, operands, values} = normalizeOptions(command.argv.slice(1), etcdSpec);
  if (operands[0]?.value !== 'del' || flags.has('--help') || flags.has('-h')) return null;
  const key = operands[1];
  const off = (flag: string) => values.get(flag)?.value === 'false';
  const fromKey = flags.has('--from-key') && !off('--from-key');
  const prefix = flags.has('--prefix') && !off('--prefix') && key?.known ? key.value : undefined;
  // Kubernetes keeps each kind under /registry/KIND (a custom one under /registry/GROUP/KIND), and
  // a namespace's objects of that kind one level down: a prefix that short is every such object,
  // deleted behind the API server's back.
  const kind = prefix === undefined ? undefined : /^\/?registry\/[^/]+(?:\/[^/]+)?\/?$/.test(prefix);
  if (!fromKey && !(prefix !== undefined && (/^\/?(?:registry\/?)?$/.test(prefix) || kind))) return null;
  const how = fromKey ? '--from-key' : '--prefix';
  if (kind && !fromKey) return {word: how, reason: `etcdctl del ${spelled(key!)} --prefix deletes every Kubernetes object stored under it (every one of that kind, or of that kind in a namespace), bypassing the API server`};
  return {word: how, reason: `etcdctl del ${key ? spelled(key) : "''"} ${how} deletes every key${fromKey ? ' from that one on' : ' under it'}; on a Kubernetes control plane, every object of the cluster`};
}

/**
 * A URL naming a whole index or database: one path segment on Elasticsearch's or OpenSearch's
 * port (9200, 9243) or CouchDB's (5984), or `_all` or a wildcard index anywhere. A document
 * (`/logs/_doc/1`) is a deeper path.
 */
function storeUrl(url: string, raw = ''): boolean {
  const parsed = /^(?:https?:\/\/)?(?:[^@/\s]*@)?([^/\s?]*)(\/[^?#\s]*)?/.exec(url);
  const segments = (parsed?.[2] ?? '').split('/').filter(Boolean);
  // A data stream is every backing index it has.
  if (segments.length === 2 && segments[0] === '_data_stream') return true;
  // Meilisearch's index or all its documents (`/indexes/products`, `/indexes/products/documents`), Typesense's collection.
  if (segments[0] === 'indexes' && (segments.length === 2 || (segments.length === 3 && segments[2] === 'documents'))) return true;
  // A collection of a vector or search store, with all its points: Qdrant's (6333) and Typesense's (8108) `/collections/NAME`,
  // Chroma's under `/api/v1` or `/api/v2`, or where the host or the variable its URL starts with names the store; Weaviate's class (`/v1/schema/CLASS`).
  if (segments.at(-2) === 'collections' && (/:(?:6333|6334|8108)$/.test(parsed![1]!) || (segments[0] === 'api' && /^v[12]$/.test(segments[1] ?? '')) || /qdrant|typesense|chroma/i.test(`${parsed![1]} ${raw}`))) return true;
  if (segments.length === 3 && segments[0] === 'v1' && segments[1] === 'schema') return true;
  if (segments.length !== 1) return false;
  return /:(?:9200|9243|5984)$/.test(parsed![1]!) || segments[0] === '_all' || segments[0]!.includes('*');
}

/** `curl -X DELETE es:9200/logs-*` (or `_all`), `http DELETE couch:5984/app`; `_delete_by_query` of every document. */
function httpDelete(command: SimpleCommand): Hit | null {
  const args = command.argv.slice(1);
  let method: string | undefined;
  let urls: Word[];
  let body = '';
  if (command.program.value === 'http' || command.program.value === 'https') {
    const {operands} = normalizeOptions(args, {takesValue: ['-a', '--auth', '-A', '--auth-type', '--session', '-o', '--output', '--verify', '--cert', '--cert-key', '--timeout', '--proxy']});
    const first = operands[0]?.value;
    method = first && /^[A-Z]+$/.test(first) ? first : undefined;
    urls = method ? operands.slice(1, 2) : operands.slice(0, 1);
    body = operands.slice(2).map((word) => word.value ?? '').join(' ');
  } else {
    const {operands, values} = normalizeOptions(args, curlOptions);
    method = (values.get('-X') ?? values.get('--request'))?.value?.toUpperCase();
    urls = [...operands, ...[values.get('--url')].filter((word): word is Word => word !== undefined)];
    body = ['-d', '--data', '--data-raw', '--data-binary', '--json'].map((flag) => values.get(flag)?.value ?? '').join(' ');
  }

  // A URL whose base comes from a variable (`"$QDRANT_URL/collections/docs"`) still has its path.
  const urlText = (word: Word) => (word.known ? word.value : knownText(word).includes('/') ? knownText(word) : '');
  const url = urls.find((word) => (method === 'DELETE' ? storeUrl(urlText(word), word.raw) : /\/_delete_by_query\b/.test(urlText(word))));
  // A collection or class named for a test or scratch (`collections/test_collection`): its own data is meant to go.
  if (url && method === 'DELETE' && /\/(?:collections|schema)\/[^/?]+\/?(?:\?.*)?$/.test(urlText(url)) && shortLived.test(/([^/?]+)\/?(?:\?.*)?$/.exec(urlText(url))![1]!)) return null;
  if (url && method === 'DELETE') return {word: written(url), reason: `${command.program.value} DELETE ${spelled(url)} deletes the index, collection or database and every document in it`};
  if (url) return /match_all/.test(body) ? {word: written(url), reason: `${command.program.value} ${spelled(url)} with match_all deletes every document of the index`} : null;
  // Vector stores' drops by POST: Milvus's `/v2/vectordb/collections/drop` (and its databases'), Chroma's `/api/v1/reset`, Pinecone's `deleteAll`.
  const drop = sentMethod(command) === 'POST' ? urls.find((word) => /\/(?:collections|databases)\/drop\/?(?:\?|$)|\/api\/v[12]\/reset\/?(?:\?|$)/.test(urlText(word))) : undefined;
  if (drop) return {word: written(drop), reason: `${command.program.value} POST ${spelled(drop)} drops the collection or database (or, for a reset, every one) with every vector in it`};
  // MLflow's REST API: a registered model with every version of it, an experiment with its runs.
  const registry = /^(?:POST|DELETE)$/.test(sentMethod(command)) ? urls.find((word) => /\/(?:ajax-)?api\/2\.0\/mlflow\/(?:registered-models|experiments)\/delete\/?(?:\?|$)/.test(urlText(word))) : undefined;
  if (registry) return {word: written(registry), reason: `${command.program.value} ${spelled(registry)} deletes the registered model with every version of it, or the experiment with its runs`};
  const all = /\/vectors\/delete\/?(?:\?|$)/.test(urls.map(urlText).join(' ')) && /"deleteAll"\s*:\s*true/.test(body) ? urls.find((word) => /\/vectors\/delete/.test(urlText(word))) : undefined;
  return all ? {word: written(all), reason: `${command.program.value} ${spelled(all)} with deleteAll deletes every vector of the namespace`} : null;
}

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** A label selector every series or stream matches: each matcher a regex of anything (`=~".+"`, `=~".*"`) or `!=""`. */
export function matchesEverything(selector: string): boolean {
  const inner = /^\s*\{(.*)\}\s*$/s.exec(selector)?.[1];
  if (inner === undefined) return false;
  const matchers = inner.split(',').map((part) => part.trim()).filter(Boolean);
  return matchers.length > 0 && matchers.every((matcher) => /^[\w.]+\s*(?:=~\s*(["'`]?)\.[*+]\??\1|!=\s*(["'`])\2)$/.test(matcher));
}

/** The query parameters of a URL, and of the form a request sends (`-d`, `--data-urlencode`, wget's `--post-data`). */
function requestParams(command: SimpleCommand): {url: Word | undefined; params: URLSearchParams} {
  const args = command.argv.slice(1);
  const {operands, values} = normalizeOptions(args, command.program.value === 'wget' ? {takesValue: ['-O', '--output-document', '-o', '--header', '--post-data', '--body-data', '--method', '-U', '--user-agent']} : curlOptions);
  const urls = [...operands, ...[values.get('--url')].filter((word): word is Word => word !== undefined)].filter((word) => word.known && /^(?:https?:\/\/)?[^\s/]+(?::\d+)?\//.test(word.value));
  const url = urls[0];
  // Read as typed: a `+` in a selector (`=~".+"`) is what the command means, however a server decodes it.
  const params = new URLSearchParams();
  const add = (text: string) => {
    for (const pair of text.split('&')) {
      const at = pair.indexOf('=');
      if (at > 0) params.append(decoded(pair.slice(0, at)), decoded(pair.slice(at + 1)));
    }
  };

  if (url?.known) add((url.value.split('?')[1] ?? '').split('#')[0]!);

  for (const flag of ['-d', '--data', '--data-raw', '--data-urlencode', '--data-binary', '--post-data', '--body-data']) {
    const value = values.get(flag);
    if (!value?.known) continue;
    add(flag === '--data-urlencode' ? value.value.replace(/^([^=]*)=(.*)$/s, (_, name: string, rest: string) => `${name}=${encodeURIComponent(rest)}`) : value.value);
  }

  return {url, params};
}

/**
 * A metrics or log store emptied over its HTTP API: Prometheus's `delete_series` with a selector
 * every series matches, Loki's delete of every stream, Mimir's or Cortex's `delete_tenant`.
 */
function observabilityWipe(command: SimpleCommand): Hit | null {
  const {url, params} = requestParams(command);
  if (!url?.known) return null;
  const path = url.value.replace(/^(?:https?:\/\/)?[^/]+/, '').split('?')[0]!;
  const name = command.program.value;
  if (/\/api\/v1\/admin\/tsdb\/delete_series\/?$/.test(path)) {
    const all = params.getAll('match[]').find(matchesEverything);
    return all ? {word: written(url), reason: `${name} ${path} with match[]=${all} deletes every series Prometheus holds`} : null;
  }

  if (/\/loki\/api\/v1\/delete\/?$/.test(path) && httpMethod(command) !== 'DELETE') {
    const query = params.get('query');
    return query && matchesEverything(query) ? {word: written(url), reason: `${name} ${path} with query=${query} deletes every log stream of the tenant`} : null;
  }

  if (/\/(?:compactor|purger)\/delete_tenant\/?$/.test(path)) return {word: written(url), reason: `${name} ${path} deletes every block of the tenant from object storage`};
  return null;
}

const heredoc = (sql: string, tag = 'SQL') => `<<'${tag}'\n${sql}\n${tag}`;

const sqlRule = (id: string, wanted: SqlDanger, reason: string, alternative: string, examples: BuiltinRule['examples']): BuiltinRule => ({
  id,
  pack: 'databases',
  level: 'deny',
  reason,
  alternative,
  match: {program: clientPrograms},
  check: (command, context) => dataHit(command, context, wanted),
  examples,
});

const redisClients = ['redis-cli', 'valkey-cli', 'keydb-cli'];

/**
 * A data platform's own deletes, past its safety net: HDFS's recursive remove that skips the
 * trash and a NameNode format; Databricks' recursive DBFS remove, a cluster deleted for good, a
 * bundle destroyed unasked; a Prefect database reset; dbt rebuilding every incremental model of
 * a production target; a Schema Registry subject deleted for good.
 */
function platformDelete(command: SimpleCommand): Hit | null {
  const name = command.program.value!;
  const words = command.argv.slice(1);
  const texts = words.map((word) => word.value ?? '');
  const has = (...values: string[]) => words.find((word) => word.known && values.includes(word.value));
  if (has('-h', '--help', '-help')) return null;
  const at = (word: Word | undefined, reason: string): Hit => ({word: written(word ?? command.argv[0]!), reason: `${[name, ...texts].join(' ').slice(0, 80)} ${reason}`});
  if (name === 'hdfs' || name === 'hadoop') {
    const rm = words.find((word) => word.known && /^-rm(?:r)?$/.test(word.value));
    const recursive = rm?.value === '-rmr' || texts.some((text) => /^-[rR]$/.test(text));
    const skip = has('-skipTrash') ?? words.find((word) => word.known && /^fs\.trash\.interval=0$/.test(word.value));
    // HDFS's /tmp is scratch space: a job's own leftovers there go for good routinely.
    const paths = words.slice(words.indexOf(rm!) + 1).filter((word) => !word.value?.startsWith('-'));
    const scratch = paths.length > 0 && paths.every((word) => word.known && /^\/tmp\//.test(posix.normalize(word.value.replace(/^hdfs:\/\/[^/]*/, ''))));
    if (rm && recursive && skip && !scratch) return at(skip, 'deletes the tree for good: -skipTrash leaves nothing in the trash to restore');
    const format = texts[0] === 'namenode' ? has('-format') : undefined;
    if (format) return at(format, "formats the NameNode: every file's metadata in HDFS is gone");
    return null;
  }

  if (name === 'databricks') {
    // Its global options take the next word (`--profile prod`, `-p prod`, `-o json`).
    const [group, verb] = texts.filter((text, i) => !text.startsWith('-') && !/^(?:-p|--profile|-o|--output|-t|--target|--log-level|--log-file)$/.test(texts[i - 1] ?? ''));
    const scratchDbfs = words.some((word) => word.known && word.value.startsWith('dbfs:/') && posix.normalize(word.value.slice(5)).startsWith('/tmp/'));
    const target = words.find((word, i) => /^(?:-t|--target)$/.test(texts[i - 1] ?? ''))?.value ?? '';
    if (group === 'fs' && scratchDbfs) return null;
    if (group === 'bundle' && /^(?:dev|development|test|testing|staging|stg|sandbox|ci|local)\b/i.test(target)) return null;
    if (group === 'fs' && (verb === 'rm' || verb === 'remove') && has('-r', '--recursive')) return at(has('-r', '--recursive'), 'deletes a DBFS tree recursively, with no trash');
    if (group === 'workspace' && verb === 'delete' && has('-r', '--recursive')) return at(has('-r', '--recursive'), 'deletes a workspace folder and every notebook in it');
    if (group === 'clusters' && verb === 'permanent-delete') return at(words[texts.indexOf('permanent-delete')], 'deletes the cluster for good, its configuration with it');
    if (group === 'bundle' && verb === 'destroy' && has('--auto-approve')) return at(has('--auto-approve'), "destroys every resource of the bundle's target without asking");
    return null;
  }

  if (name === 'prefect') return texts.filter((text) => !text.startsWith('-')).slice(0, 3).join(' ') === 'server database reset' ? at(words[2], "drops and recreates Prefect's database: every flow run and its history is gone") : null;
  if (name === 'dbt') {
    const full = has('--full-refresh', '-f');
    const target = words.find((word, i) => /^(?:-t|--target)$/.test(texts[i - 1] ?? '') || /^--target=/.test(word.value ?? ''));
    const prod = target?.known && /^(?:prod|production|prd|live)(?:[_-]\w+)?$/i.test(target.value.replace(/^--target=/, ''));
    const verb = texts.find((text) => !text.startsWith('-'));
    if (full && prod && /^(?:run|build|seed)$/.test(verb ?? '')) return at(full, 'drops and rebuilds every incremental model of the production target from scratch');
    // A macro run by name whose name says it drops or empties (drop_schema, truncate_all), against production.
    const macro = verb === 'run-operation' ? words[texts.indexOf('run-operation') + 1] : undefined;
    return prod && macro?.known && /drop|truncate|delete|purge|wipe/i.test(macro.value) ? at(macro, `runs the macro ${macro.value} against the production target`) : null;
  }

  if (name === 'bq') {
    // Tables that expire within the hour: every row is gone when the clock runs out.
    const joined = words.find((word) => word.known && /^--expiration=\d+$/.test(word.value));
    const expiry = joined ? ({...joined, value: joined.value!.slice(13)} as Word) : words.find((word, i) => texts[i - 1] === '--expiration' && word.known && /^\d+$/.test(word.value));
    return texts.includes('update') && expiry && Number(expiry.value) > 0 && Number(expiry.value) < 3600 ? at(expiry, `makes the table expire in ${expiry.value} s: every row is deleted then`) : null;
  }

  // curl: a Schema Registry subject deleted for good.
  const url = words.find((word) => word.known && /\/subjects\/[^/?\s]+(?:\/versions\/[^/?\s]+)?\?(?:.*&)?permanent=true/.test(word.value));
  return url && httpMethod(command) === 'DELETE' ? {word: written(url), reason: `${name} DELETE ${url.value} deletes the schema subject for good: producers and consumers of its topic fail`} : null;
}

export const databases: BuiltinRule[] = [
  sqlRule('db.drop', 'drop', 'drops a database, schema, table or collection', 'take a backup, then drop it by hand in a reviewed session', () => ({
    refuse: [
      `psql -d app <<'SQL'\nDO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables LOOP EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename); END LOOP; END $$;\nSQL`,
      `mariadb -e '/*M!100500 DROP DATABASE shop */'`,
      "psql -c 'CREATE TABLE IF NOT EXISTS users (id int); DROP TABLE users;'", "duckdb -c 'CREATE TABLE t AS SELECT 1; DROP TABLE t;'",
      'psql -c "DROP DATABASE production"', "psql -c 'drop   table users'", `psql ${heredoc('DROP SCHEMA public CASCADE;')}`, 'psql --command="DROP TABLE x"', "mysql -u root -e 'DROP DATABASE shop'",
      "sqlite3 app.db 'DROP TABLE users'", "psql <<< 'select 1; drop table users'", "mongosh --eval 'db.dropDatabase()'", 'psql -c "/* tidy */ DROP\tTABLE\nlogs"', "sh -c \"psql -c 'DROP TABLE users'\"",
      'sqlplus -s / as sysdba @wipe', 'sqlplus system/pw@orcl @nightly.sql', "sqlplus -s / as sysdba @report <<'EOF'\nDROP TABLE orders;\nEOF", "sqlplus -s / as sysdba <<< 'DROP PLUGGABLE DATABASE pdb1 INCLUDING DATAFILES;'", "sql -s admin@db <<'EOF'\nstart wipe.sql\nEOF",
      'psql app < ./reset.sql', 'psql -f ./reset.sql app', 'psql --file=reset.sql', 'psql -v ON_ERROR_STOP=1 -1 -f reset.sql', 'cat reset.sql | psql', 'psql -f - < reset.sql', 'psql -f /dev/stdin < reset.sql', "psql -c '\\i reset.sql'", 'psql < include.sql',
      'mysql shop < wipe.sql', "mysql -pS3cret shop -e 'DROP TABLE orders'", "mysql --execute='drop schema shop'", 'mariadb -e "DROP DATABASE IF EXISTS shop"', "mysql -e 'source wipe.sql'", "echo 'DROP TABLE orders;' | mysql shop",
      'mysql shop < dump.sql', "mysql -e '# keep\nDROP TABLE t'", "sqlite3 db.sqlite3 < reset.sql", "sqlite3 app.db '.read reset.sql'", "sqlite3 -cmd 'DROP TABLE users' app.db", "echo 'DROP TABLE users;' | sqlite3 app.db",
      "clickhouse-client -q 'DROP DATABASE analytics'", "clickhouse-client --query='DROP TABLE logs.events SYNC'", "echo 'DROP DATABASE analytics' | clickhouse-client", "clickhouse client --queries-file reset.sql", "clickhouse-client -n 'SELECT 1; DROP TABLE t'",
      'spark-sql --database raw -e "DROP TABLE clickstream PURGE"', "beeline -u jdbc:hive2://h:10000 -e 'DROP DATABASE staging CASCADE'", "cqlsh -e 'DROP KEYSPACE shop'", 'cqlsh -f reset.sql', "cqlsh db1 9042 <<< 'DROP TABLE shop.orders;'", "mongo shop --eval 'db.orders.drop()'", `mongosh app ${heredoc('db.getCollectionNames().forEach(c => db[c].drop())', 'JS')}`,
      'mongosh --file ./wipe.js', 'mongosh app wipe.js', "mongosh --eval 'db.runCommand({dropDatabase: 1})'", "mongosh --eval \"db.getSiblingDB('app').dropDatabase()\"", "mongosh --eval \"load('wipe.js')\"",
      "cockroach sql --url \"$DB\" -e 'DROP DATABASE bank CASCADE'", "sqlcmd -S db -Q 'DROP DATABASE shop'", 'sqlcmd -S db -i reset.sql', "duckdb warehouse.db 'DROP TABLE sales'", "bq query --use_legacy_sql=false 'DROP TABLE ds.sales'",
      'psql -c "DO \\$\\$ BEGIN EXECUTE \'DROP TABLE \' || quote_ident(\'users\'); END \\$\\$"', "psql -c 'DROP TYPE mood CASCADE'", "psql -c 'ALTER TABLE users DROP COLUMN email'", "mysql -e 'ALTER TABLE users DROP email'",
      "psql -c \"CREATE OR REPLACE TABLE t AS SELECT 1\"", 'T=$(cat name); psql -c "DROP TABLE $T"', "psql \"$URL\" -c 'DROP TABLE users' -c 'SELECT 1'", "trino --execute 'DROP TABLE hive.web.clicks'", "influx -execute 'DROP DATABASE metrics'",
      "snowsql -q 'DROP DATABASE analytics'", "mysql -e '/*!40000 DROP DATABASE IF EXISTS shop*/'", "printf 'DROP TABLE x;' | psql", "psql --comm 'DROP TABLE x'", "mysql --exec='DROP TABLE x'",
      'pv dump.sql | mysql shop', "printf 'BEGIN;\\nDROP TABLE users;\\nCOMMIT;\\n' | psql", "printf '%s\\n' 'DROP TABLE users' | psql", "echo -e 'SELECT 1;\\nDROP TABLE t;' | mysql", 'cat reset.sql | pv | psql', `sqlcmd -S db ${heredoc('SELECT 1\nGO\nDROP TABLE dbo.Orders\nGO')}`, `mysql shop ${heredoc('DELIMITER //\nSELECT 1 //\nDROP TABLE orders //\nDELIMITER ;')}`, 'cat wipe.sql | tee -a restore.log | mysql shop', "mongosh --eval 'db.adminCommand({dropDatabase: 1})'",
      "aws athena start-query-execution --query-string 'DROP TABLE logs.events' --work-group primary", 'aws --profile prod redshift-data execute-statement --cluster-identifier c1 --database dev --sql "DROP SCHEMA staging CASCADE"',
      "gcloud spanner databases execute-sql orders --instance=prod --sql='DROP TABLE Orders'", "curl 'http://ch.internal:8123/' --data-binary 'DROP TABLE logs.events'", "curl -sS 'http://localhost:8123/?query=DROP%20DATABASE%20analytics'",
      "echo 'DROP TABLE t' | curl 'http://localhost:8123/' --data-binary @-", "wget -qO- --post-data='DROP DATABASE analytics' http://clickhouse:8123/", "curl -X POST http://trino:8080/v1/statement -H 'X-Trino-User: ops' -d 'DROP TABLE hive.web.clicks'",
      "curl -XPOST 'http://localhost:8086/query' --data-urlencode 'q=DROP DATABASE telegraf'", "snow sql -q 'DROP DATABASE analytics'",
      `psql -d app ${heredoc("SELECT format('DROP TABLE %I.%I CASCADE', schemaname, tablename)\nFROM pg_tables WHERE schemaname = 'public'\n\\gexec")}`, "printf '%s\\n' \"SELECT 'DROP TABLE ' || tablename FROM pg_tables\" '\\gexec' | psql app",
    ],
    allow: [
      'sqlplus -s / as sysdba @report', "mysql -e 'START TRANSACTION; SELECT 1; COMMIT;'", "psql -c 'START TRANSACTION; SELECT 1; COMMIT'",
      "psql -c 'CREATE TEMP TABLE ids AS SELECT id FROM orders; SELECT count(*) FROM ids; DROP TABLE ids;'", "hive -e 'CREATE TEMPORARY TABLE tmp AS SELECT 1; DROP TABLE tmp;'",
      `psql -d app ${heredoc("SELECT format('ANALYZE %I.%I', schemaname, tablename) FROM pg_tables\n\\gexec")}`, "psql -c \"BEGIN; DROP TABLE t; ROLLBACK\"",
      "psql -c \"SELECT 'DROP TABLE x' AS example\"", "rg -n 'DROP TABLE' migrations/", "grep -r 'DROP TABLE' .", "echo 'DROP TABLE users;' > ./examples/bad.sql", 'psql -c "SELECT count(*) FROM users"', `cat ${heredoc('DROP TABLE x;')} > notes.sql`,
      'psql -c "SELECT \\$\\$DROP TABLE x\\$\\$"', "psql -c '-- DROP TABLE users\nSELECT 1'", 'psql -f report.sql', 'psql app < report.sql', 'cat report.sql | psql', "psql -c 'DROP INDEX idx_users_email'", "psql -c 'DROP VIEW report'",
      "mysql -e 'DROP TEMPORARY TABLE scratch'", "psql -c 'ALTER TABLE users DROP CONSTRAINT users_email_key'", "psql -c 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL'", 'psql --help', 'mysqldump shop > dump.sql', 'pg_dump -Fc app > app.dump',
      "mongosh --eval 'db.users.dropIndex(\"email_1\")'", "mongosh --eval 'print(\"db.users.drop() is not run\")'", "sqlite3 app.db '.tables'", "clickhouse-client -q 'SELECT count() FROM events'", "cqlsh -e 'DESCRIBE KEYSPACES'",
      "psql -c 'CREATE FUNCTION f() RETURNS void AS $$ DROP TABLE t $$ LANGUAGE sql'", "psql -c 'SELECT 1' < reset.sql", "psql -c \"$QUERY\"", 'psql -f "$MIGRATION"', "mysql -e 'SELECT 1' shop < wipe.sql", "psql -c 'DROP TABLE x' --help",
      "aws athena start-query-execution --query-string 'SELECT count(*) FROM logs.events'", 'aws athena get-query-execution --query-execution-id 1f2e', "curl 'http://ch.internal:8123/' --data-binary 'SELECT count() FROM logs.events'",
      "curl 'http://localhost:8123/?query=SELECT%201'", "curl -G 'http://localhost:8086/query' --data-urlencode 'q=SHOW DATABASES'", "curl 'https://api.example.com/search?query=drop+table'",
      "gcloud spanner databases execute-sql orders --instance=prod --sql='SELECT 1'", "curl -X POST http://trino:8080/v1/statement -d 'SELECT 1'",
      "curl 'http://localhost:8123/?query=INSERT%20INTO%20logs.events%20FORMAT%20CSV' --data-binary @events.csv",
    ],
  })),
  sqlRule('db.truncate', 'truncate', 'empties a table', 'DELETE with a WHERE, after a backup', () => ({
    refuse: [
      "psql \"$DATABASE_URL\" -c 'TRUNCATE orders'", "mysql -e 'truncate table sessions'", `mysql ${heredoc('TRUNCATE logs;')}`, "clickhouse-client -q 'TRUNCATE TABLE logs.events'", "cqlsh -e 'TRUNCATE shop.orders;'",
      "psql -c 'TRUNCATE TABLE a, b RESTART IDENTITY CASCADE'", "mysql -e 'ALTER TABLE logs TRUNCATE PARTITION p2020'", "bq query 'INSERT OVERWRITE TABLE ds.t SELECT * FROM ds.empty'", "sqlcmd -Q 'TRUNCATE TABLE dbo.Orders'",
    ],
    allow: ["psql -c \"SELECT 'TRUNCATE' AS word\"", 'psql -c "SELECT 1"', "psql -c 'SELECT truncated FROM jobs'"],
  })),
  sqlRule('db.delete-all', 'delete-all', 'deletes every row of a table (DELETE without a WHERE that picks rows), or every document of a collection', 'add a WHERE clause (a filter) that picks the rows', () => ({
    refuse: [
      "wp --path=/var/www/html db query 'DELETE FROM wp_comments'",
      `psql -d app -c 'DELETE FROM users WHERE id IS NOT NULL'`,
      `psql -d app -c 'BEGIN' -c 'DELETE FROM users' -c 'COMMIT'`,
      'mysql -e "DELETE FROM customers"', "mysql -u root -e 'delete from sessions;'", 'psql -c "delete from \\"Users\\""', "mongosh --eval 'db.users.deleteMany({})'", 'mysql -e"DELETE FROM t"', "echo 'DELETE FROM notes;' | sqlite3 notes.db",
      "psql -c 'DELETE FROM users WHERE 1=1'", "psql -c 'DELETE FROM users WHERE true RETURNING id'", "psql -c 'WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone'", "mongosh --eval 'db.users.deleteMany({ })'",
      "mongo app --eval 'db.sessions.remove({})'", "clickhouse-client -q 'ALTER TABLE events DELETE WHERE 1'", "psql -c 'EXPLAIN ANALYZE DELETE FROM users'", "mysql -e \"DELETE FROM users WHERE 'a' = 'a'\"",
      "psql -c 'BEGIN; DELETE FROM carts; COMMIT;'", "mysql -e 'BEGIN; DELETE FROM carts; ROLLBACK;'", "psql -c 'BEGIN; SAVEPOINT a; DELETE FROM carts; ROLLBACK TO SAVEPOINT a; COMMIT'", "psql -c 'BEGIN; ROLLBACK; DELETE FROM carts'",
    ],
    allow: [
      "wp db query 'SELECT 1'",
      "drush @prod sqlq 'SELECT count(*) FROM node'",
      `psql -d app -c 'BEGIN' -c 'DELETE FROM users' -c 'ROLLBACK'`,
      `psql -d app -c 'DELETE FROM users WHERE deleted_at IS NOT NULL'`,
      "psql -d app -c 'BEGIN; DELETE FROM carts; SELECT count(*) FROM carts; ROLLBACK;'", "sqlite3 app.db 'BEGIN TRANSACTION; DELETE FROM carts; ROLLBACK;'",
      'mysql -e "DELETE FROM sessions WHERE expires_at < NOW()"', "psql -c \"INSERT INTO notes VALUES ('DELETE FROM x')\"", `psql app ${heredoc('COPY notes (verb, obj) FROM stdin;\ndelete\tfrom everything;\n\\.\nSELECT 1;')}`, "mongosh --eval 'db.users.deleteMany({old: true})'", "psql -c 'EXPLAIN DELETE FROM users'",
      "psql -c 'DELETE FROM users WHERE id = 1'", "psql -c 'DELETE FROM t WHERE id IN (SELECT id FROM u WHERE 1=1)'", "mongosh --eval 'db.users.deleteOne({})'", "clickhouse-client -q \"ALTER TABLE events DELETE WHERE day < '2020-01-01'\"",
    ],
  })),
  sqlRule('db.binlog-reset', 'reset-logs', "deletes every binary log and the server's GTID history (RESET MASTER, RESET BINARY LOGS AND GTIDS): replicas break and point-in-time recovery loses its logs", 'PURGE BINARY LOGS BEFORE a date the replicas and backups have passed', () => ({
    refuse: ["mysql -h db1 -e 'RESET MASTER'", 'mysql --execute="RESET BINARY LOGS AND GTIDS"', "mariadb -e 'reset master to 1000'", "echo 'RESET MASTER;' | mysql -h db1"],
    allow: ["mysql -e 'RESET REPLICA'", "mysql -e 'SHOW BINARY LOGS'", "mysql -e \"PURGE BINARY LOGS BEFORE '2024-06-01 00:00:00'\"", "mysql -e 'RESET QUERY CACHE'"],
  })),
  sqlRule('db.grant-all', 'grant-all', "gives a login every power over every database: MySQL's GRANT ALL ON *.* to a user from any host ('%'), PostgreSQL's SUPERUSER", 'grant the privileges the work needs, on its database, to a user from the hosts that need it', () => ({
    refuse: [`mysql -e "CREATE USER 'admin'@'%' IDENTIFIED BY 'x'; GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION"`, `psql -c 'ALTER USER app WITH SUPERUSER'`, `psql -c "CREATE ROLE ops LOGIN SUPERUSER PASSWORD 'x'"`],
    allow: [`mysql -e "GRANT SELECT, INSERT ON shop.* TO 'app'@'10.0.%'"`, `mysql -e "GRANT ALL PRIVILEGES ON shop.* TO 'app'@'localhost'"`, `mysql -e "GRANT ALL ON *.* TO 'root'@'localhost'"`, `psql -c 'ALTER USER app WITH NOSUPERUSER'`, `psql -c 'ALTER ROLE app CREATEDB'`],
  })),
  sqlRule('db.update-all', 'update-all', 'changes every row of a table (UPDATE without a WHERE that picks rows), or every document of a collection', 'add a WHERE clause (a filter) that picks the rows', () => ({
    refuse: [
      "psql -c 'UPDATE users SET admin = true'", "mysql -e 'update accounts set balance=0;'", "psql -c 'UPDATE users SET x = (SELECT y FROM z WHERE z.id = 1)'", "mongosh --eval 'db.users.updateMany({}, {$set: {admin: true}})'",
      "psql -c 'UPDATE users SET admin = true WHERE 1 = 1'",
    ],
    allow: ["psql -c 'UPDATE users SET admin = false WHERE id = 7'", "psql -c \"SELECT 'UPDATE t SET x=1'\"", "mongosh --eval 'db.users.updateMany({active: false}, {$set: {archived: true}})'"],
  })),
  {
    id: 'db.unreadable',
    pack: 'databases',
    level: 'deny',
    lowerable: 'machine',
    reason: 'feeds a database client a file guard cannot read (missing, unreadable, over 1 MiB, not a regular file), so what it would run cannot be checked',
    alternative: 'keep the file readable and under 1 MiB where the check runs; or the system or user policy may lower db.unreadable',
    match: {program: clientPrograms},
    check: unreadable,
    examples() {
      return {
        refuse: [
          'psql -f missing.sql', 'mysql shop < missing.sql', 'sqlite3 app.db < /nonexistent/wipe.sql', 'mongosh --file missing.js', 'cqlsh -f missing.cql', 'cat missing.sql | psql', "psql -c '\\i missing.sql'", 'cd "$(mktemp -d)" && psql -f reset.sql',
          "ssh db1 'psql -f /opt/migrations/down.sql'", 'psql -f k8s', 'sqlplus / as sysdba @missing', 'sqlplus -s / as sysdba @@missing.sql',
        ],
        allow: ['psql -f report.sql', 'cat missing.sql', 'psql -c "SELECT 1" < missing.sql', 'psql -f "$SQL_FILE"', 'psql -f "$1"', 'for f in migrations/*.sql; do psql -f "$f"; done', 'psql app < /dev/null', 'mysql -e "SELECT 1"', "ssh db1 'psql -c \"SELECT 1\"'"],
      };
    },
  },
  {
    id: 'db.framework-drop',
    pack: 'databases',
    level: 'deny',
    reason: "drops or resets an application's database through its framework or migration tool (rails db:drop, flyway clean, liquibase dropAll, alembic downgrade base, django flush, prisma migrate reset…) where the tool's own guard is off, the environment is production, or it has no guard",
    alternative: 'take a backup, then run it by hand; keep DISABLE_DATABASE_ENVIRONMENT_CHECK unset',
    match: {program: ['rails', 'rake', 'airflow', 'flyway', 'liquibase', 'alembic', 'django-admin', 'python', 'python3', 'prisma', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'php', 'symfony', 'mix', 'goose', 'migrate', 'atlas', 'sqitch', 'artisan', 'manage.py', 'wp', 'drush', 'magento', 'n98-magerun2', 'n98-magerun', 'ghost', 'strapi', 'yarn', 'pnpm', 'bun', 'bunx', 'uv', 'poetry', 'pipenv', 'flask', 'mvn', 'mvnw', 'gradle', 'gradlew', 'dotnet', 'dotnet-ef', 'hasura', 'hasura-cli']},
    check: frameworkDrop,
    examples() {
      return {
        refuse: [
          'python3 manage.py migrate --database replica orders zero',
          'sqitch revert -y -t prod',
          'migrate -path m -database x drop -f=true',
          './manage.py flush --noinput',
          'php -d memory_limit=-1 artisan migrate:fresh --force',
          'RAILS_ENV=production DISABLE_DATABASE_ENVIRONMENT_CHECK=1 bundle exec rails db:drop', 'DISABLE_DATABASE_ENVIRONMENT_CHECK=1 rake db:reset', 'RAILS_ENV=production bin/rails db:schema:load', 'rails db:drop RAILS_ENV=production',
          'RACK_ENV=production bundle exec rake db:purge', 'airflow db reset --yes', 'flyway -url=jdbc:postgresql://db/app -cleanDisabled=false clean', 'FLYWAY_CLEAN_DISABLED=false flyway clean', 'liquibase --defaults-file=prod.properties dropAll',
          'alembic -c alembic.ini downgrade base', 'django-admin flush --noinput --settings=shop.settings.production', 'python3 manage.py flush --no-input', 'npx prisma migrate reset --force', 'knex migrate:rollback --all', 'npx sequelize-cli db:drop',
          'typeorm schema:drop -d ./src/data-source.ts', 'php bin/console doctrine:database:drop --force', 'MIX_ENV=prod mix ecto.reset',
          'python3 manage.py migrate orders zero', 'npx prisma db push --accept-data-loss', 'npx sequelize-cli db:migrate:undo:all', 'goose -dir db/migrations postgres "host=db dbname=shop" reset',
          'migrate -path db/migrations -database "postgres://app@db/shop" drop -f', 'migrate -path m -database "$DB" down -all', 'atlas schema clean -u "mysql://root:pass@db:3306/shop" --auto-approve', 'sqitch revert -y db:pg://app@db/shop',
          'php artisan migrate:fresh --force', 'php artisan db:wipe --force',
          'wp db reset --yes --path=/home/shop/public_html', 'flask --app billing db downgrade base', 'flask db downgrade -d migrations base', 'dotnet ef database update --context ShopContext 0', 'dotnet ef database update -c ShopContext 0', 'php bin/console doctrine:migrations:migrate --configuration=x.yaml first -n', 'mvn -Dflyway.cleanDisabled=false flyway:clean', './mvnw liquibase:dropAll', 'MIX_ENV=prod mix ecto.rollback --all', 'dotnet ef database drop --force',
          'dotnet ef database update 0', 'php bin/console doctrine:migrations:migrate first --no-interaction', 'hasura migrate apply --down all --database-name default',
        ],
        allow: [
          'goose -dir m create reset sql',
          'sqitch revert -y @HEAD^',
          'rails db:migrate', 'RAILS_ENV=production rails db:migrate', 'rails db:drop', 'RAILS_ENV=test rails db:reset', 'rails db:drop --help', 'rake -T db', 'airflow db migrate', 'airflow db check', 'flyway clean', 'flyway migrate', 'liquibase update',
          'alembic downgrade -1', 'alembic upgrade head', 'alembic downgrade base --sql', 'python3 manage.py migrate orders 0007', 'python3 manage.py migrate orders zero --plan', 'npx prisma db push', 'migrate -path m -database "$DB" down 1',
          'sqitch revert -y --to @HEAD^ db:pg://app@db/shop', 'php artisan migrate --force', 'php artisan migrate:fresh', 'atlas schema clean -u "mysql://root@db/shop"', 'goose -dir db/migrations postgres "host=db dbname=shop" status', 'django-admin flush', 'python3 manage.py migrate', 'npx prisma migrate reset', 'npx prisma migrate deploy', 'knex migrate:rollback', 'php bin/console doctrine:schema:drop --dump-sql', 'mix ecto.reset',
          'flask db upgrade', 'flask db downgrade', 'flask db downgrade -d migrations ae1027a6acf', 'dotnet ef database update --context ShopContext AddOrders', 'mvn flyway:migrate', 'mvn flyway:clean', 'mix ecto.rollback', 'MIX_ENV=prod mix ecto.rollback --step 1', 'dotnet ef database drop', 'dotnet ef database update',
          'php bin/console doctrine:migrations:migrate prev --no-interaction', 'hasura migrate apply --down 1', 'hasura migrate status',
        ],
      };
    },
  },
  {
    id: 'db.dropdb',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes a whole database (a cluster of them, an InfluxDB bucket or its points)',
    alternative: 'take a backup (pg_dump, mysqldump), then drop it by hand',
    match: {program: ['dropdb', 'mysqladmin', 'pg_dropcluster', 'influx', 'uapi', 'whmapi1', 'removeacct', 'plesk']},
    check: dropTool,
    examples() {
      return {
        refuse: [
          'dropdb production', 'dropdb -h db1 -U admin production', 'createdb ci_1; dropdb ci_1', 'createdb -h db2 ci_1 && dropdb ci_1', 'mysqladmin -u root drop shop', 'dropdb -f app', 'dropdb --if-exists app', 'mysqladmin -f drop shop', 'pg_dropcluster 15 main --stop', 'sudo pg_dropcluster --stop 16 main',
          'influx bucket delete -n telegraf -o acme', 'uapi --user=shopuser Mysql delete_database name=shopuser_wp', 'whmapi1 removeacct user=shopuser', '/scripts/removeacct shopuser --force', 'plesk bin subscription --remove shop.example.com', "influx delete --bucket telegraf --start 1970-01-01T00:00:00Z --stop 2030-01-01T00:00:00Z",
        ],
        allow: ['uapi --user=shopuser Mysql list_databases', 'whmapi1 listaccts', 'plesk bin subscription --list', 'dropdb --help', 'mysqladmin status', 'createdb scratch', 'createdb ci_1234 && pg_restore -d ci_1234 dump.pgc && dropdb ci_1234', 'pg_lsclusters', 'pg_dropcluster --help', 'mysqladmin -u root processlist', 'influx bucket list', "influx query 'from(bucket:\"x\") |> range(start: -1h)'", "influx delete --bucket telegraf --start 2024-05-01T00:00:00Z --stop 2024-05-02T00:00:00Z --predicate '_measurement=\"cpu\" AND host=\"web-3\"'"],
      };
    },
  },
  {
    id: 'db.restore-over',
    pack: 'databases',
    level: 'deny',
    reason: 'restores a dump over a database, or imports into a table or collection, emptying or dropping what it restores first (pg_restore --clean, pg_dump --clean piped into psql, a mysqldump piped over the same database of another server, mongorestore --drop, mongoimport --drop, mysqlimport --delete, myloader --overwrite-tables)',
    alternative: 'restore into a new database, check it, then switch over',
    match: {program: ['pg_restore', 'mongorestore', 'mongoimport', 'mysqlimport', 'mariadb-import', 'psql', 'mysql', 'mariadb', 'myloader']},
    check: restoreOver,
    examples() {
      return {
        refuse: [
          'mysqlimport --del shop t.csv',
          'mariadb-import --delete shop t.csv', 'pg_dump --clean --if-exists -h staging-db shop | psql -h prod-db shop', 'mysqldump -h staging-db shop | mysql -h prod-db shop', 'mysqldump -h db1 --databases shop crm | mariadb -h db2', 'pg_restore --clean -d prod app.dump', 'pg_restore -c --if-exists -d "$DATABASE_URL" app.dump', 'pg_restore -cd prod app.dump', 'mongorestore --drop --uri "$MONGO_URL" ./dump', 'mongorestore --drop -d app dump/app', 'mongoimport --uri "mongodb://db/shop" --collection products --drop --file products.json', 'mysqlimport --delete --local -h db shop orders.csv', 'mysqlimport -d shop orders.csv', 'myloader -h db-prod -u restore -B shop -d /backups/shop --overwrite-tables', 'myloader -d ./dump -o'],
        allow: [
          'mysqlimport -#d:t shop t.csv', 'pg_dump -h prod-db shop | psql -h localhost shop_copy', 'pg_dump -Fc --clean shop | psql -l', 'mysqldump -h prod-db shop | mysql -h localhost shop_dev', 'mysqldump -h prod-db --no-create-info shop | mysql -h db2 shop', 'pg_restore -d scratch app.dump', 'pg_restore --clean -f restore.sql app.dump', 'pg_restore -l app.dump', 'mongorestore --uri "$MONGO_URL" ./dump', 'pg_restore --help', 'mongorestore --drop --dryRun --archive=app.gz', 'mongoimport --uri "mongodb://db/shop" --collection products --file products.json', 'mysqlimport --local -h db shop orders.csv', 'mysqlimport --replace shop orders.csv', 'myloader -h db-staging -B shop_copy -d /backups/shop'],
      };
    },
  },
  {
    id: 'db.reset-wal',
    pack: 'databases',
    level: 'deny',
    reason: "throws away a PostgreSQL cluster's write-ahead log (pg_resetwal): transactions not yet written out are lost, and the data may be left inconsistent",
    alternative: 'restore from a backup; pg_resetwal -n shows what it would do; the manual calls it a last resort',
    match: {program: ['pg_resetwal', 'pg_resetxlog']},
    check: (command) => {
      const words = command.argv.slice(1);
      if (words.some((word) => word.known && /^(?:-n|--dry-run|--help|-\?|-V|--version)$/.test(word.value))) return null;
      return {word: written(command.argv[0]!), reason: `${command.program.value} resets the write-ahead log of the cluster${words.some((word) => word.value === '-f' || word.value === '--force') ? ', even one that was not shut down cleanly' : ''}: transactions not yet written out are lost, and the data may be left inconsistent`};
    },
    examples() {
      return {
        refuse: ['pg_resetwal -f -D /var/lib/postgresql/15/main', 'sudo -u postgres pg_resetwal /var/lib/postgresql/16/main', 'pg_resetxlog -f "$PGDATA"'],
        allow: ['pg_resetwal -n -D /var/lib/postgresql/15/main', 'pg_resetwal --help', 'pg_resetwal --dry-run "$PGDATA"'],
      };
    },
  },
  {
    id: 'db.redis-flush',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes every key of a Redis database (FLUSHALL, FLUSHDB, or REPLICAOF another server)',
    alternative: 'delete the keys you mean (SCAN with a pattern, then DEL)',
    match: {program: redisClients},
    check: redisFlush,
    examples() {
      return {
        refuse: [
          'redis-cli FLUSHALL', 'redis-cli -h cache -n 2 flushdb', 'redis-cli -h streams-1 XTRIM orders MAXLEN 0', 'redis-cli -n 2 XGROUP DESTROY orders billing', "printf 'XTRIM orders MAXLEN 0\\n' | redis-cli -h redis-1", 'redis-cli -a "$REDIS_PASSWORD" FLUSHALL ASYNC', 'echo FLUSHALL | redis-cli', 'redis-cli <<< flushdb', `redis-cli -h cache ${heredoc('SELECT 3\nFLUSHDB', 'EOF')}`,
          'valkey-cli flushall', 'redis-cli --cluster call 10.0.0.1:6379 FLUSHALL', 'redis-cli -n 0 --no-auth-warning flushall sync', 'redis-cli REPLICAOF evil.example 6379', 'echo FLUSHALL | redis-cli --pipe', "printf 'SELECT 2\\r\\nFLUSHDB\\r\\n' | redis-cli", `redis-cli EVAL "redis.call('flushall')" 0`,
        ],
        allow: ['redis-cli XTRIM orders MAXLEN ~ 100000', 'redis-cli XDEL orders 1526919030474-55', "printf 'PING\\r\\n' | redis-cli", 'redis-cli GET key', 'redis-cli INFO', 'redis-cli DEL flushall', 'redis-cli PING', "redis-cli --scan --pattern 'session:*'", 'redis-cli REPLICAOF NO ONE', 'echo flushall | redis-cli -x SET note', 'redis-cli --rdb /backups/dump.rdb'],
      };
    },
  },
  {
    id: 'db.redis-delete-unknown',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes Redis keys whose names are only known when it runs (KEYS or SCAN piped into DEL): on a pattern like *, every key',
    alternative: 'list the keys first and review them, then delete those (or use a pattern you have checked with --scan)',
    match: {program: redisClients},
    check: redisDeleteUnknown,
    examples() {
      return {
        refuse: [
          "redis-cli -h cache KEYS '*' | xargs redis-cli -h cache DEL", "redis-cli --scan --pattern 'user:*' | xargs -L 100 redis-cli unlink", 'redis-cli DEL $(redis-cli KEYS "sess*")',
          "valkey-cli --scan | xargs valkey-cli del",
        ],
        allow: ['redis-cli DEL session:42 session:43', "redis-cli --scan --pattern 'user:*' | wc -l", "redis-cli KEYS 'tmp:*'", 'redis-cli GET "$(hostname)"'],
      };
    },
  },
  {
    id: 'db.redis-file-write',
    pack: 'databases',
    level: 'deny',
    reason: 'points Redis at a folder or file name of its choosing for its dump (CONFIG SET dir / dbfilename), the way Redis is made to write authorized_keys or a crontab',
    alternative: 'set dir and dbfilename in redis.conf, reviewed',
    match: {program: redisClients},
    check: redisFileWrite,
    examples() {
      return {
        refuse: ['redis-cli config set dir /root/.ssh', 'redis-cli -h 10.0.0.5 CONFIG SET dbfilename authorized_keys', 'echo "CONFIG SET dir /var/spool/cron" | redis-cli', 'redis-cli config set maxmemory 1gb dir /etc'],
        allow: ['redis-cli CONFIG GET dir', 'redis-cli config set maxmemory 2gb', 'redis-cli CONFIG SET save ""'],
      };
    },
  },
  {
    id: 'db.http-delete',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes a search index, a vector store\'s collection or a document database over HTTP (Elasticsearch, OpenSearch, CouchDB, Meilisearch, Typesense, Qdrant, Weaviate, Chroma, Milvus, Pinecone), every document of an index, or every series or log stream of a metrics or log store (Prometheus delete_series, Loki delete, Mimir delete_tenant)',
    alternative: 'take a snapshot first, and delete one index by its full name, by hand',
    match: {program: ['curl', 'http', 'https', 'wget']},
    check: (command) => (command.program.value === 'wget' ? null : httpDelete(command)) ?? (command.program.value === 'curl' || command.program.value === 'wget' ? observabilityWipe(command) : null),
    examples() {
      return {
        refuse: [
          'curl -d "{}" http://chroma:8000/api/v1/reset',
          `curl -X POST -g 'http://localhost:9090/api/v1/admin/tsdb/delete_series?match[]={__name__=~".+"}'`, "wget -qO- --method=POST 'http://127.0.0.1:9090/api/v1/admin/tsdb/delete_series?match%5B%5D=%7B__name__%3D~%22.%2B%22%7D'",
          `curl -X POST http://prom:9090/api/v1/admin/tsdb/delete_series --data-urlencode 'match[]={job=~".*"}'`, `curl -g -X POST 'http://loki:3100/loki/api/v1/delete?query={namespace=~".+"}&start=1'`, 'curl -X POST -H "X-Scope-OrgID: prod" http://mimir:8080/compactor/delete_tenant',
          "curl -XDELETE 'http://localhost:9200/_all'", 'curl -X DELETE http://localhost:7700/indexes/products', 'curl -X DELETE http://localhost:7700/indexes/products/documents', 'http DELETE :7700/indexes/products', 'curl -X DELETE http://search:8108/collections/products', 'curl -u "elastic:$ES_PASS" -X DELETE https://es.internal:9200/_data_stream/logs-nginx.access-default', 'curl -X DELETE http://es.internal:9200/logs-2024.01.01', "curl -s -X DELETE 'https://search.example.com/logs-*'", 'curl --request DELETE http://couch:5984/app',
          'http DELETE es:9200/orders', `curl -X POST 'es:9200/orders/_delete_by_query' -H 'Content-Type: application/json' -d '{"query": {"match_all": {}}}'`,
          'curl -X DELETE "$QDRANT_URL/collections/product_vectors?timeout=60"', 'curl -X DELETE https://weaviate.internal/v1/schema/Article', 'curl -X DELETE http://chroma:8000/api/v1/collections/docs',
          `curl -X POST http://milvus:19530/v2/vectordb/collections/drop -d '{"collectionName": "products"}'`, 'curl -X POST http://chroma:8000/api/v1/reset', `curl -X POST https://mlflow.internal/api/2.0/mlflow/registered-models/delete -d '{"name": "fraud"}'`, `curl -X POST "https://$INDEX_HOST/vectors/delete" -d '{"deleteAll": true, "namespace": "customers"}'`,
        ],
        allow: [
          'curl -X DELETE https://api.example.com/v1/users/42/collections/7',
          `python3 -c 'from qdrant_client import QdrantClient; QdrantClient(":memory:").delete_collection("docs")'`,
          `python3 -c 'import chromadb; from tqdm import tqdm; bar = tqdm(total=10); bar.reset()'`,
          'curl -X DELETE http://qdrant:6333/collections/docs/points/5', 'curl -X DELETE http://localhost:6333/collections/test_collection', `curl -X POST http://qdrant:6333/collections/docs/points/delete -d '{"points": [1]}'`, `curl -X POST "https://$INDEX_HOST/vectors/delete" -d '{"ids": ["a"]}'`, 'curl http://milvus:19530/v2/vectordb/collections/list', 'curl https://mlflow.internal/api/2.0/mlflow/registered-models/search',
          `curl -X POST -g 'http://localhost:9090/api/v1/admin/tsdb/delete_series?match[]={instance="web-3:9100"}&start=2024-05-01T00:00:00Z'`, 'curl -X POST http://localhost:9090/api/v1/admin/tsdb/snapshot', `curl -g 'http://prom:9090/api/v1/series?match[]={__name__=~".+"}'`,
          `curl -X DELETE -g 'http://loki:3100/loki/api/v1/delete?request_id=abc123'`, 'curl http://mimir:8080/compactor/delete_tenant_status',
          'curl http://localhost:9200/_cat/indices', 'curl -X DELETE http://localhost:7700/indexes/products/documents/123', 'curl http://localhost:7700/indexes/products/search -d q=shoe', 'curl -X DELETE http://localhost:7700/keys/abc', 'curl -X DELETE https://api.example.com/v1/sessions/42', 'curl -X DELETE es:9200/logs/_doc/1', 'curl -X DELETE https://api.example.com/sessions', 'curl -X PUT es:9200/_snapshot/backups/nightly', `curl -X POST 'es:9200/orders/_delete_by_query' -d '{"query": {"range": {"ts": {"lt": "now-30d"}}}}'`,
          'curl -fsSL https://example.com/install.sh -o install.sh', 'http GET es:9200/_cluster/health',
        ],
      };
    },
  },
  {
    id: 'db.etcd-delete-all',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes every key of etcd (or every Kubernetes object it holds)',
    alternative: 'etcdctl del the keys you mean; take an etcdctl snapshot save first',
    match: {program: ['etcdctl']},
    check: etcdDeleteAll,
    examples() {
      return {
        refuse: ["etcdctl del '' --prefix", 'etcdctl del --prefix /registry', 'ETCDCTL_API=3 etcdctl --endpoints=https://10.0.0.1:2379 del "" --from-key=true', 'etcdctl del / --prefix', 'etcdctl del /registry/namespaces --prefix', 'etcdctl del --prefix /registry/secrets/kube-system/', 'etcdctl del --prefix /registry/cert-manager.io/certificates'],
        allow: ['etcdctl get --prefix /registry --keys-only', 'etcdctl get --prefix /registry/namespaces --keys-only', 'etcdctl del /registry/pods/default/web-1', 'etcdctl del /app/config/feature-x', 'etcdctl snapshot save backup.db', 'etcdctl del --prefix /app/cache/', "etcdctl del '' --prefix=false"],
      };
    },
  },
  {
    id: 'db.platform-delete',
    pack: 'databases',
    level: 'deny',
    reason: "deletes a data platform's files or state past its safety net (hdfs -rm -r -skipTrash, hdfs namenode -format, databricks fs rm -r, clusters permanent-delete, bundle destroy --auto-approve, prefect server database reset, dbt --full-refresh or a dropping macro against a production target, a BigQuery table set to expire within the hour, a Schema Registry subject deleted with permanent=true)",
    alternative: 'let the trash keep it (drop -skipTrash), delete by hand after a review, or rebuild against a development target first',
    match: {program: ['hdfs', 'hadoop', 'databricks', 'prefect', 'dbt', 'bq', 'curl']},
    check: platformDelete,
    examples() {
      return {
        refuse: [
          'hdfs dfs -rm -r -skipTrash /user/hive/warehouse/sales.db', "hadoop fs -rm -R -skipTrash '/data/raw/*'", 'sudo -u hdfs hdfs namenode -format -force -nonInteractive', 'databricks fs rm -r dbfs:/',
          'databricks clusters permanent-delete 0611-204501-abcd123', 'databricks bundle destroy --auto-approve -t prod', 'prefect server database reset --yes', 'dbt run --full-refresh --target prod',
          "curl -sS -X DELETE 'http://schema-registry.prod:8081/subjects/orders-value?permanent=true'", "dbt run-operation drop_schema --args '{schema: analytics}' --target prod", 'bq update --expiration 60 myproject:analytics.events',
        ],
        allow: [
          'hdfs dfs -rm -r /tmp/scratch/run-42', 'hdfs dfs -rm -skipTrash /data/one-file.csv', 'hdfs dfs -rm -r -skipTrash /tmp/staging/run-42', 'hdfs dfs -ls /user/hive/warehouse', 'databricks fs ls dbfs:/', 'databricks fs rm dbfs:/tmp/x.csv', 'databricks clusters delete 0611-204501-abcd123',
          'databricks bundle destroy -t dev', 'dbt run --full-refresh --target dev', 'dbt run --target prod', "dbt run-operation drop_schema --args '{schema: scratch}' --target dev", 'dbt run-operation grant_select --target prod', 'bq update --expiration 604800 myproject:scratch.events', 'bq ls myproject:analytics', "curl -X DELETE 'http://schema-registry:8081/subjects/orders-value'", 'hdfs namenode -h',
        ],
      };
    },
  },
  {
    id: 'db.kv-delete-tree',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes a whole tree of keys or every version of a secret (or destroys versions beyond undelete), or switches off a secrets engine or an auth method with everything it holds or issued (consul kv delete -recurse, vault kv metadata delete, vault secrets disable, vault auth disable)',
    alternative: 'export first (consul kv export, vault kv get), then delete the one key or version you mean',
    match: {program: ['consul', 'vault'], regex: String.raw`^(?:consul (?:\S+ )*kv delete (?:\S+ )*-{1,2}recurse(?:=(?:true|t|1|TRUE|True))?(?: |$)|vault (?:\S+ )*(?:kv metadata delete|kv destroy|secrets disable|auth disable) )`},
    examples() {
      return {
        refuse: ['consul kv delete -recurse config/', 'consul kv delete -recurse=1 app/', 'consul kv delete -http-addr=https://c:8501 -recurse app/', 'vault kv metadata delete secret/prod/db', 'vault secrets disable secret/', 'vault auth disable kubernetes/', 'vault kv destroy -mount=secret -versions=1,2 payments/stripe'],
        allow: ['consul kv delete config/feature-x', 'consul kv get -recurse config/', 'consul kv export config/', 'vault kv get secret/prod/db', 'vault kv delete secret/prod/db', 'vault kv metadata get secret/prod/db'],
      };
    },
  },
  {
    id: 'db.broker-delete',
    pack: 'databases',
    level: 'deny',
    reason: "deletes what a message broker's consumers have not read: a topic, stream, queue or virtual host deleted or purged, a group's offsets deleted or moved past the unread, a length or TTL cut to nothing, a node reset (kafka-topics --delete, kafka-consumer-groups --reset-offsets --to-latest --execute, rabbitmqctl purge_queue, rabbitmqadmin delete queue, RabbitMQ's management API, nats stream rm, rpk topic delete, pulsar-admin topics delete, zookeeper-shell deleteall, celery purge -f)",
    alternative: 'drain or mirror the topic or queue first; delete it by hand after a review',
    match: {program: brokerPrograms},
    check: brokerDelete,
    examples() {
      return {
        refuse: [
          'kafka-topics --bootstrap-server k:9092 --delete --topic orders', 'kafka-topics.sh --delete --topic orders --bootstrap-server k:9092', 'rabbitmqctl delete_vhost /production', 'rabbitmqctl -n rabbit@mq1 force_reset', 'rabbitmqctl purge_queue orders', 'rpk topic delete orders',
          'kafka-consumer-groups --bootstrap-server b1:9092 --delete --all-groups',
          'kafka-delete-records --bootstrap-server localhost:9092 --offset-json-file ./offsets.json', 'rabbitmqadmin -V /orders purge queue name=orders.created', 'nats stream rm ORDERS --force',
          'kafka-consumer-groups --bootstrap-server k:9092 --group billing --topic invoices --reset-offsets --to-latest --execute', 'kafka-consumer-groups.sh --bootstrap-server k:9092 --all-groups --all-topics --reset-offsets --to-earliest --execute',
          'rpk group seek billing --to end --topics invoices', 'rpk group offset-delete billing -t invoices', 'rpk topic trim orders -o end --no-confirm', 'kafka-streams-application-reset --bootstrap-server k:9092 --application-id fraud',
          'zookeeper-shell.sh zk-1:2181 deleteall /brokers/topics/orders', 'pulsar-admin topics delete persistent://acme/payments/settlements', 'pulsar-admin namespaces delete acme/payments --force', 'pulsar-admin topics clear-backlog -s fulfillment persistent://acme/orders/created',
          'pulsar-admin namespaces set-message-ttl acme/payments --messageTTL 5', `rabbitmqctl set_policy drop-all '.*' '{"max-length":0}' --apply-to queues`, 'rabbitmqadmin -H mq.prod -u admin delete exchange name=events', 'curl -XDELETE -u admin http://mq-1:15672/api/queues/%2f/payments/contents',
          'amqp-delete-queue --server=mq-1 -q orders', 'nats consumer rm ORDERS billing -f', 'nats s rm ORDERS -f', 'kafka-consumer-groups --bootstrap-server k:9092 --group g --topic t --reset-offsets --shift-by=100 --execute', 'activemq purge orders.inbound', 'celery -A proj purge -f', 'celery -A shop amqp queue.purge celery',
        ],
        allow: [
          'kafka-topics --bootstrap-server k:9092 --list', 'kafka-topics --bootstrap-server k:9092 --describe --topic orders', 'rabbitmqctl list_queues', 'rabbitmqctl add_vhost /staging', 'rabbitmqctl status',
          'kafka-consumer-groups --bootstrap-server b1:9092 --describe --all-groups',
          'rabbitmqadmin list queues', 'nats stream info ORDERS', 'nats stream ls',
          'rabbitmqctl purge_queue -p /ci tmp.e2e-results', 'nats stream purge SCRATCH_LOADTEST -f', 'nats kv del CONFIG feature_x', 'curl -X DELETE https://helpdesk.example.com/api/queues/support/tickets', 'rabbitmqctl help purge_queue', 'kafka-consumer-groups --bootstrap-server k:9092 --group billing --topic invoices --reset-offsets --to-latest --dry-run',
          'kafka-consumer-groups --bootstrap-server k:9092 --group billing --topic invoices --reset-offsets --to-earliest --execute', 'pulsar-admin topics skip -n 1 -s billing persistent://acme/orders/created', 'rpk group seek billing --to start', 'celery -A proj purge',
          'curl -u admin http://mq-1:15672/api/queues/%2f/payments', 'kafka-streams-application-reset --bootstrap-server k:9092 --application-id fraud --dry-run', 'zookeeper-shell.sh zk-1:2181 ls /brokers/topics',
        ],
      };
    },
  },
];

