// SQL as a database client will run it, reduced to what decides danger: statements with their
// string literals, quoted names and comments blanked, so `SELECT 'DROP TABLE x'` is no DROP.
// What the client itself does with a line (`\i file`, `.read file`, `source file`) and code the
// server runs from inside a statement (a DO block, EXECUTE '…') are kept apart, to be read too.

export interface SqlDialect {
  /** MySQL: `#` starts a comment, and `/*!…*\/` is code, not a comment (mysqldump writes DROPs there). */
  mysql?: boolean;
}

export interface SqlReading {
  /** Each statement, spaces collapsed; literals read as `''`, quoted names as `x`. */
  statements: string[];
  /** Files the client reads as more of the same: `\i f`, `\ir f`, `\. f`, `source f`, `.read f`, `SOURCE 'f'`. */
  includes: Array<{file: string; relative: boolean}>;
  /** Code the server runs from inside a statement: a DO block's body, EXECUTE's or PREPARE's string. */
  nested: string[];
}

const dollarTag = /^\$(?:[A-Za-z_]\w*)?\$/;

/** The file a client line names, quotes and a trailing `;` taken off. */
const fileOf = (text: string) => text.trim().replace(/;+$/, '').trim().replace(/^(['"])(.*)\1$/, '$2');

/** Reads SQL the way a client and its server do; never throws. */
export function readSql(sql: string, dialect: SqlDialect = {}): SqlReading {
  const includes: SqlReading['includes'] = [];
  const nested: string[] = [];
  let out = '';
  let statement = '';
  let delimiter = ';';
  let executable = false;
  const end = () => {
    out += ';';
    statement = '';
  };

  const emit = (text: string) => {
    out += text;
    statement += text;
  };

  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    const lineStart = i === 0 || sql[i - 1] === '\n';
    // A line the client reads itself: only where a statement starts, at the start of a line.
    if (lineStart) {
      const stop = sql.indexOf('\n', i);
      const line = sql.slice(i, stop === -1 ? sql.length : stop);
      // sqlcmd's `GO` ends a batch wherever it stands on a line of its own.
      const client = statement.trim() === '' ? /^\s*(?:(\.read|source)\s+(.+)|(delimiter)\s+(\S+)|\.\w+\b.*$|go(?:\s+\d+)?\s*$)/i.exec(line) : /^\s*go(?:\s+\d+)?\s*$/i.exec(line);
      if (client) {
        if (client[1]) includes.push({file: fileOf(client[2]!), relative: false});
        if (client[3]) delimiter = client[4]!;
        i += line.length - 1;
        end();
        continue;
      }
    }

    if (ch === "'") {
      const start = i;
      for (i++; i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'"); i++) if (sql[i] === "'" || sql[i] === '\\') i++;
      if (/\b(?:EXECUTE(?:\s+IMMEDIATE)?|PREPARE\s+\w+\s+FROM)\s*$/i.test(statement)) nested.push(sql.slice(start + 1, i).replace(/''/g, "'"));
      emit("''");
    } else if (ch === '"' || ch === '`') {
      for (i++; i < sql.length && sql[i] !== ch; i++);
      emit(' x ');
    } else if ((ch === '-' && next === '-') || (ch === '#' && dialect.mysql) || (ch === '/' && next === '/' && !dialect.mysql)) {
      while (i < sql.length && sql[i] !== '\n') i++;
      emit(' ');
    } else if (ch === '/' && next === '*') {
      if (dialect.mysql && sql[i + 2] === '!') {
        // `/*!40101 … */` runs on MySQL: read on, and skip its closing `*/`.
        i += 2;
        while (/\d/.test(sql[i + 1] ?? '')) i++;
        executable = true;
        emit(' ');
        continue;
      }

      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 1;
      emit(' ');
    } else if (ch === '*' && next === '/' && executable) {
      executable = false;
      i++;
      emit(' ');
    } else if (ch === '$' && dollarTag.test(sql.slice(i, i + 64))) {
      const tag = dollarTag.exec(sql.slice(i, i + 64))![0];
      const close = sql.indexOf(tag, i + tag.length);
      const body = sql.slice(i + tag.length, close === -1 ? sql.length : close);
      if (/^\s*DO(?:\s+LANGUAGE\s+\S+)?\s*$/i.test(statement)) nested.push(body);
      i = close === -1 ? sql.length : close + tag.length - 1;
      emit("''");
    } else if (ch === '\\') {
      // A client meta-command (psql `\i file`, MySQL `\. file`, `\g`) runs to the end of its line.
      const stop = sql.indexOf('\n', i);
      const line = sql.slice(i, stop === -1 ? sql.length : stop);
      const include = /^\\(?:(i|include|\.)|(ir|include_relative))\s+(.+)/.exec(line.split('\\\\')[0]!);
      if (include) includes.push({file: fileOf(include[3]!), relative: include[2] !== undefined});
      i += line.length - 1;
      end();
    } else if (delimiter !== ';' && sql.startsWith(delimiter, i)) {
      i += delimiter.length - 1;
      end();
    } else if (ch === ';') end();
    else emit(ch);
  }

  const statements = out
    .split(';')
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return {statements, includes, nested};
}

/** Each statement of the SQL, as `readSql` reads it. */
export const statements = (sql: string, dialect?: SqlDialect): string[] => readSql(sql, dialect).statements;

export type SqlDanger = 'drop' | 'truncate' | 'delete-all' | 'update-all';

/** The text with what is inside parentheses blanked: the clauses of the statement itself. */
function topLevel(text: string): {top: string; groups: string[]} {
  let top = '';
  let depth = 0;
  let start = 0;
  const groups: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(') {
      if (depth++ === 0) {
        start = i + 1;
        top += '(';
      }
    } else if (ch === ')' && depth > 0) {
      if (--depth === 0) {
        groups.push(text.slice(start, i).trim());
        top += ')';
      }
    } else if (depth === 0) top += ch;
  }

  return {top, groups};
}

// A WHERE that holds for every row deletes or changes them all the same.
const everyRow = /^(?:TRUE|1|NOT FALSE|1 ?(?:<>|!=) ?0|(\S+) ?= ?\1)$/;

function noCondition(top: string): boolean {
  const where = /\bWHERE (.*?)(?: RETURNING\b.*| ORDER BY\b.*| LIMIT\b.*| SETTINGS\b.*)?$/.exec(top);
  return !where || everyRow.test(where[1]!.trim());
}

/**
 * What a statement destroys: DROP of a database, schema, table (or anything, with CASCADE),
 * TRUNCATE, DELETE or UPDATE of every row (no WHERE, or one that holds for every row). A
 * data-modifying statement inside parentheses (`WITH d AS (DELETE FROM t) …`) counts too.
 */
export function dangerOf(text: string): SqlDanger | undefined {
  const statement = text
    .toUpperCase()
    .replace(/^EXPLAIN (?:\(([^)]*\bANALYZE\b[^)]*)\) |ANALYZE (?:VERBOSE )?)/, '');
  const {top, groups} = topLevel(statement);
  const main = top.replace(/^WITH (?:RECURSIVE )?(?:\S+ (?:\(\) )?AS (?:NOT )?(?:MATERIALIZED )?\(\) ?,? ?)+/, '');
  const found = mainDanger(main);
  if (found) return found;
  for (const group of groups) {
    if (!/^(?:DELETE|UPDATE|WITH|\()/.test(group)) continue;
    const inner = dangerOf(group);
    if (inner) return inner;
  }

  return undefined;
}

function mainDanger(statement: string): SqlDanger | undefined {
  if (/^DROP (?!TEMPORARY\b)(?:DATABASE|SCHEMA|TABLES?|TABLESPACE|OWNED|MATERIALIZED VIEW|KEYSPACE|COLUMNFAMILY|DICTIONARY|MEASUREMENT|SERIES|RETENTION POLICY)\b/.test(statement)) return 'drop';
  if (/^DROP\b.*\bCASCADE\b/.test(statement)) return 'drop';
  if (/^CREATE OR REPLACE TABLE\b/.test(statement)) return 'drop';
  const alter = /^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?\S+(?: ON CLUSTER \S+)? (.*)$/.exec(statement)?.[1];
  if (alter !== undefined) {
    if (/(?:^|, )DROP (?:COLUMN |(?:DETACHED )?PARTITION )?(?!INDEX\b|KEY\b|PRIMARY\b|FOREIGN\b|CONSTRAINT\b|CHECK\b|DEFAULT\b|NOT\b|IDENTITY\b|EXPRESSION\b|PROJECTION\b|STATISTICS\b|TTL\b|IF EXISTS (?:INDEX|CONSTRAINT)\b)/.test(alter)) return 'drop';
    if (/(?:^|, )TRUNCATE PARTITION\b/.test(alter)) return 'truncate';
    if (/^DELETE\b/.test(alter) && noCondition(alter)) return 'delete-all';
    if (/^UPDATE\b/.test(alter) && noCondition(alter)) return 'update-all';
    return undefined;
  }

  if (/^TRUNCATE\b/.test(statement) || /^INSERT OVERWRITE\b/.test(statement)) return 'truncate';
  if (/^DELETE\b/.test(statement) && noCondition(statement)) return 'delete-all';
  if (/^UPDATE \S+.* SET\b/.test(statement) && noCondition(statement)) return 'update-all';
  return undefined;
}
