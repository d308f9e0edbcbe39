// SQL as a database client will run it, reduced to what decides danger: statements with their
// string literals, quoted names and comments blanked, so `SELECT 'DROP TABLE x'` is no DROP.
// What the client itself does with a line (`\i file`, `.read file`, `source file`) and code the
// server runs from inside a statement (a DO block, EXECUTE '…') are kept apart, to be read too.

export interface SqlDialect {
  /** MySQL: `#` starts a comment, and `/*!…*\/` is code, not a comment (mysqldump writes DROPs there). */
  mysql?: boolean;
}

export interface SqlReading {
  /** Each statement, spaces collapsed; literals read as `''` (a login's host `'%'` kept), quoted names as `x`. */
  statements: string[];
  /** Files the client reads as more of the same: `\i f`, `\ir f`, `\. f`, `source f`, `.read f`, `SOURCE 'f'`. */
  includes: Array<{file: string; relative: boolean}>;
  /** Code the server runs from inside a statement: a DO block's body, EXECUTE's or PREPARE's string, the literals of a query psql's `\gexec` runs the results of. */
  nested: string[];
}

const dollarTag = /^\$(?:[A-Za-z_]\w*)?\$/;

/** The file a client line names, quotes and a trailing `;` taken off. */
const fileOf = (text: string) => text.trim().replace(/;+$/, '').trim().replace(/^(['"])(.*)\1$/, '$2');

// What the client reads itself, where a statement starts: `.read f`, `source f`, `delimiter //`,
// sqlite3's other dot-commands; SQL*Plus's `@f`, `@@f` (beside the script that says it) and
// `start f.sql` (not `START TRANSACTION` or `START SLAVE`: only a file named `.sql`).
const clientLine = /^[ \t]*(?:(\.read|source)[ \t]+([^\n]+)|(delimiter)[ \t]+(\S+)|\.\w+\b[^\n]*|(@@?)[ \t]*([^\s;]+)[^\n]*|sta(?:rt)?[ \t]+([^\s;]+\.sql)\b[^\n]*)/i;
/** SQL*Plus runs `@reset` as `reset.sql`. */
export const sqlplusFile = (text: string) => (/\.[^/.]+$/.test(fileOf(text)) ? fileOf(text) : `${fileOf(text)}.sql`);
// sqlcmd's `GO` ends a batch wherever it stands on a line of its own.
const goLine = /^[ \t]*go(?:[ \t]+\d+)?[ \t]*\r?$/gim;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The characters the reader stops at: quotes, comments, dollar quotes, meta-commands, the end of a statement (and of a line, where a statement starts). */
function stops(delimiter: string): {lines: RegExp; within: RegExp} {
  const end = delimiter === ';' ? '' : `|${escape(delimiter)}`;
  return {lines: new RegExp(`['"\`\\-#/*$\\\\;\\n]${end}`, 'g'), within: new RegExp(`['"\`\\-#/*$\\\\;]${end}`, 'g')};
}

const plainStops = stops(';');

/**
 * Reads SQL the way a client and its server do; never throws. Linear in the text: it jumps from
 * one character that matters to the next, and looks at lines only where a statement starts, so
 * a dump's long INSERTs and many lines cost little.
 */
export function readSql(sql: string, dialect: SqlDialect = {}): SqlReading {
  const includes: SqlReading['includes'] = [];
  const nested: string[] = [];
  const out: string[] = [];
  const batches = [...sql.matchAll(goLine)].map((match) => ({from: match.index, to: match.index + match[0].length}));
  let go = 0;
  let first = 0;
  let blank = true;
  let executable = false;
  let delimiter = ';';
  let stop = plainStops;
  // The string literals of the statement being read: psql's `\gexec` runs what the query returns.
  let literals: string[] = [];
  // psql's `\gexec` after a `;` sends the query before it again: its literals.
  let sent: string[] = [];
  const end = () => {
    out.push(';');
    first = out.length;
    blank = true;
    if (literals.length > 0) sent = literals;
    literals = [];
  };

  const emit = (text: string) => {
    out.push(text);
    if (blank && /\S/.test(text)) blank = false;
  };

  // The statement read so far when it is short; how it starts; how it ends so far.
  const soFar = (): string | undefined => {
    let length = 0;
    for (let k = first; k < out.length; k++) if ((length += out[k]!.length) > 200) return undefined;
    return out.slice(first).join('');
  };

  const opening = () => out.slice(first, first + 4).map((text) => text.slice(0, 100)).join('');
  const lately = () => out.slice(Math.max(first, out.length - 4)).map((text) => text.slice(-100)).join('').slice(-100);

  // A line the client reads itself, where a statement starts.
  const atLine = (i: number): number => {
    const client = clientLine.exec(sql.slice(i, i + 4096));
    if (!client) return i;
    if (client[1]) includes.push({file: fileOf(client[2]!), relative: false});
    if (client[5]) includes.push({file: sqlplusFile(client[6]!), relative: client[5] === '@@'});
    if (client[7]) includes.push({file: fileOf(client[7]), relative: false});
    if (client[3]) {
      delimiter = client[4]!;
      stop = stops(delimiter);
    }

    end();
    return i + client[0].length;
  };

  let i = atLine(0);
  while (i < sql.length) {
    const pattern = blank ? stop.lines : stop.within;
    pattern.lastIndex = i;
    const found = pattern.exec(sql);
    const at = found ? found.index : sql.length;
    while (go < batches.length && batches[go]!.to <= i) go++;
    const batch = batches[go];
    if (batch && batch.from < at && batch.from >= i) {
      if (batch.from > i) emit(sql.slice(i, batch.from));
      end();
      i = batch.to;
      continue;
    }

    if (at > i) emit(sql.slice(i, at));
    if (!found) break;
    i = at;
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (delimiter !== ';' && sql.startsWith(delimiter, i)) {
      end();
      i += delimiter.length;
    } else if (ch === "'") {
      const start = i;
      for (i++; i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'"); i++) if (sql[i] === "'" || sql[i] === '\\') i++;
      const literal = sql.slice(start + 1, i).replace(/''/g, "'");
      // EXECUTE 'DROP …', and the statement format() builds for it (`EXECUTE format('DROP TABLE %I', t)`), its `%I` a name.
      if (/\b(?:EXECUTE(?:\s+IMMEDIATE)?(?:\s+format\s*\()?|PREPARE\s+\w+\s+FROM)\s*$/i.test(lately())) nested.push(literal.replace(/%[IsL]/g, 'x'));
      literals.push(literal);
      // A login's host of `%` (`'admin'@'%'`) is every host: kept, for the grants that read it.
      emit(literal === '%' && /@\s*$/.test(lately()) ? "'%'" : "''");
      i++;
    } else if (ch === '"' || ch === '`') {
      const close = sql.indexOf(ch, i + 1);
      const anyHost = sql.slice(i + 1, close) === '%' && /@\s*$/.test(lately());
      i = close === -1 ? sql.length : close + 1;
      emit(anyHost ? "'%'" : ' x ');
    } else if ((ch === '-' && next === '-') || (ch === '#' && dialect.mysql) || (ch === '/' && next === '/' && !dialect.mysql)) {
      const stop = sql.indexOf('\n', i);
      i = stop === -1 ? sql.length : stop;
    } else if (ch === '/' && next === '*') {
      if (dialect.mysql && (sql[i + 2] === '!' || (sql[i + 2] === 'M' && sql[i + 3] === '!'))) {
        // `/*!40101 … */` runs on MySQL, `/*M!100500 … */` on MariaDB: read on, and skip its closing `*/`.
        for (i += sql[i + 2] === 'M' ? 4 : 3; /\d/.test(sql[i] ?? ''); i++);
        executable = true;
        emit(' ');
        continue;
      }

      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
      emit(' ');
    } else if (ch === '*' && next === '/' && executable) {
      executable = false;
      i += 2;
      emit(' ');
    } else if (ch === '$' && dollarTag.test(sql.slice(i, i + 64))) {
      const tag = dollarTag.exec(sql.slice(i, i + 64))![0];
      const close = sql.indexOf(tag, i + tag.length);
      const body = sql.slice(i + tag.length, close === -1 ? sql.length : close);
      const statement = soFar();
      if (statement !== undefined && /^\s*DO(?:\s+LANGUAGE\s+\S+)?\s*$/i.test(statement)) nested.push(body);
      i = close === -1 ? sql.length : close + tag.length;
      emit("''");
    } else if (ch === '\\') {
      // A client meta-command (psql `\i file`, MySQL `\. file`, `\g`) runs to the end of its line.
      const stop = sql.indexOf('\n', i);
      const line = sql.slice(i, stop === -1 ? sql.length : stop);
      const include = /^\\(?:(i|include|\.)|(ir|include_relative))\s+(.+)/.exec(line.split('\\\\')[0]!);
      if (include) includes.push({file: fileOf(include[3]!), relative: include[2] !== undefined});
      // `SELECT format('DROP TABLE %I', …) FROM … \gexec` runs each value the query returns: the
      // literals it builds them from are read as the statements they become.
      if (/^\\gexec\b/.test(line)) nested.push(...(literals.length > 0 ? literals : sent));
      i += line.length;
      end();
    } else if (ch === ';') {
      // psql's `COPY … FROM stdin;` is followed by rows of data up to a line `\.`: data, not SQL.
      const copies = /^\s*COPY\b/i.test(opening()) && /\bFROM\s+STDIN\b/i.test(lately());
      end();
      i++;
      if (copies) {
        const data = sql.indexOf('\n\\.', i);
        i = data === -1 ? sql.length : data + 3;
      }
    } else if (ch === '\n') {
      emit('\n');
      i = atLine(i + 1);
    } else {
      emit(ch);
      i++;
    }
  }

  const statements = out
    .join('')
    .split(';')
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return {statements, includes, nested};
}

/** Each statement of the SQL, as `readSql` reads it. */
export const statements = (sql: string, dialect?: SqlDialect): string[] => readSql(sql, dialect).statements;

export type SqlDanger = 'drop' | 'truncate' | 'delete-all' | 'update-all' | 'reset-logs' | 'grant-all';

/** The text with what is inside parentheses blanked (`()` stays), and what was inside each outermost pair. */
function topLevel(text: string): {top: string; groups: string[]} {
  if (!text.includes('(')) return {top: text, groups: []};
  const parts: string[] = [];
  const groups: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') {
      if (depth++ === 0) {
        parts.push(text.slice(from, i + 1));
        from = i + 1;
      }
    } else if (ch === ')' && depth > 0 && --depth === 0) {
      groups.push(text.slice(from, i).trim());
      from = i;
    }
  }

  parts.push(depth === 0 ? text.slice(from) : ')');
  return {top: parts.join(''), groups};
}

// A WHERE that holds for every row deletes or changes them all the same.
const everyRow = /^(?:TRUE|1|NOT FALSE|1 ?(?:<>|!=) ?0|(\S+) ?= ?\1|(?:\w+\.)?id IS NOT NULL)$/i;

function noCondition(top: string): boolean {
  const at = top.search(/\bWHERE\b/);
  if (at === -1) return true;
  const clause = top.slice(at + 5).replace(/ (?:RETURNING|ORDER BY|LIMIT|SETTINGS)\b.*$/, '').trim();
  return clause.length <= 64 && everyRow.test(clause);
}

/**
 * What a statement destroys: DROP of a database, schema, table (or anything, with CASCADE),
 * TRUNCATE, DELETE or UPDATE of every row (no WHERE, or one that holds for every row). A
 * data-modifying statement inside parentheses (`WITH d AS (DELETE FROM t) …`) counts too.
 */
export function dangerOf(text: string, depth = 0): SqlDanger | undefined {
  const statement = text
    .toUpperCase()
    .replace(/^EXPLAIN (?:\(([^)]*\bANALYZE\b[^)]*)\) |ANALYZE (?:VERBOSE )?)/, '');
  // INSERT OVERWRITE … PARTITION (dt='…') replaces that partition only (Hive, Spark, Impala); one
  // with no value, `PARTITION (dt)`, may replace every partition.
  if (/^INSERT OVERWRITE (?:TABLE )?\S+ PARTITION ?\([^)]*=/.test(statement)) return undefined;
  // Every privilege on every database to a login from any host (MySQL's `'admin'@'%'`), or a role made superuser (PostgreSQL); read before strings are blanked.
  if (/^GRANT ALL (?:PRIVILEGES )?ON \*\.\* TO [^ ;]+@['"`]?%['"`]?(?:[ ;]|$)/.test(statement)) return 'grant-all';
  if (/^(?:ALTER|CREATE) (?:USER|ROLE) \S+ (?:[A-Z]+ )*?SUPERUSER\b/.test(statement)) return 'grant-all';
  const {top, groups} = topLevel(statement);
  const main = top.replace(/^WITH (?:RECURSIVE )?(?:\S+ (?:\(\) )?AS (?:NOT )?(?:MATERIALIZED )?\(\) ?,? ?)+/, '');
  const found = mainDanger(main);
  if (found || depth >= 3) return found;
  for (const group of groups) {
    if (!/^(?:DELETE|UPDATE|WITH)\b/.test(group)) continue;
    const inner = dangerOf(group, depth + 1);
    if (inner) return inner;
  }

  return undefined;
}

function mainDanger(statement: string): SqlDanger | undefined {
  if (/^DROP (?!TEMPORARY\b)(?:DATABASE|SCHEMA|TABLES?|TABLESPACE|OWNED|MATERIALIZED VIEW|KEYSPACE|COLUMNFAMILY|DICTIONARY|MEASUREMENT|SERIES|RETENTION POLICY)\b/.test(statement)) return 'drop';
  if (/^DROP\b.*\bCASCADE\b/.test(statement)) return 'drop';
  // MySQL's binary logs and GTID history, all of them (`RESET REPLICA` only forgets where a replica was).
  if (/^RESET (?:MASTER|BINARY LOGS AND GTIDS)\b/.test(statement)) return 'reset-logs';
  // Oracle's pluggable databases, Neo4j's composite ones.
  if (/^DROP (?:PLUGGABLE|COMPOSITE) DATABASE\b/.test(statement)) return 'drop';
  if (/^CREATE OR REPLACE TABLE\b/.test(statement)) return 'drop';
  // A restore over the database that is there (SQL Server's WITH REPLACE, Db2's REPLACE EXISTING).
  if (/^RESTORE (?:DATABASE|DB)\b.*\b(?:WITH\b.*\bREPLACE|REPLACE EXISTING)\b/.test(statement)) return 'drop';
  const alter = /^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?\S+(?: ON CLUSTER \S+)? (.*)$/.exec(statement)?.[1];
  if (alter !== undefined) {
    if (/(?:^|, )DROP (?:COLUMN |(?:DETACHED )?PARTITION )?(?!INDEX\b|KEY\b|PRIMARY\b|FOREIGN\b|CONSTRAINT\b|CHECK\b|DEFAULT\b|NOT\b|IDENTITY\b|EXPRESSION\b|PROJECTION\b|STATISTICS\b|TTL\b|IF EXISTS (?:INDEX|CONSTRAINT)\b)/.test(alter)) return 'drop';
    if (/(?:^|, )TRUNCATE PARTITION\b/.test(alter)) return 'truncate';
    if (/^DELETE\b/.test(alter) && noCondition(alter)) return 'delete-all';
    if (/^UPDATE\b/.test(alter) && noCondition(alter)) return 'update-all';
    return undefined;
  }

  // INSERT OVERWRITE of a directory writes files, not a table.
  if (/^TRUNCATE\b/.test(statement) || (/^INSERT OVERWRITE\b/.test(statement) && !/^INSERT OVERWRITE (?:LOCAL )?DIRECTORY\b/.test(statement))) return 'truncate';
  if (/^DELETE\b/.test(statement) && noCondition(statement)) return 'delete-all';
  if (/^UPDATE \S+.* SET\b/.test(statement) && noCondition(statement)) return 'update-all';
  return undefined;
}
