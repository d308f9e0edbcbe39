// SQL as a database client will run it, reduced to what decides danger: statements with their
// string literals, quoted names and comments blanked, so `SELECT 'DROP TABLE x'` is no DROP.

/** Each statement, spaces collapsed; literals read as `''`, quoted names as `x`. */
export function statements(sql: string): string[] {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'") {
      for (i++; i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'"); i++) if (sql[i] === "'" || sql[i] === '\\') i++;
      out += "''";
    } else if (ch === '"' || ch === '`') {
      for (i++; i < sql.length && sql[i] !== ch; i++);
      out += ' x ';
    } else if (ch === '-' && next === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += ' ';
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 1;
      out += ' ';
    } else if (ch === '$' && /^\$(?:[A-Za-z_]\w*)?\$/.test(sql.slice(i))) {
      const tag = /^\$(?:[A-Za-z_]\w*)?\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end === -1 ? sql.length : end + tag.length - 1;
      out += "''";
    } else out += ch;
  }

  return out
    .split(';')
    .map((statement) => statement.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export type SqlDanger = 'drop' | 'truncate' | 'delete-all' | 'update-all';

/** What a statement destroys: DROP of a database, schema or table, TRUNCATE, DELETE or UPDATE of every row. */
export function dangerOf(text: string): SqlDanger | undefined {
  const statement = text.toUpperCase();
  if (/^DROP (?:DATABASE|SCHEMA|TABLE|TABLESPACE|OWNED|MATERIALIZED VIEW)\b/.test(statement)) return 'drop';
  if (/^ALTER TABLE .* DROP (?:COLUMN|PARTITION)\b/.test(statement)) return 'drop';
  if (/^TRUNCATE\b/.test(statement)) return 'truncate';
  if (/^DELETE (?:FROM )?\S+/.test(statement) && !/\bWHERE\b/.test(statement)) return 'delete-all';
  if (/^UPDATE \S+.* SET\b/.test(statement) && !/\bWHERE\b/.test(statement)) return 'update-all';
  return undefined;
}
