// Databases: statements that destroy data, however they reach the client (psql -c, mysql -e,
// sqlite3's arguments, a heredoc or herestring on its input), and the tools that drop a whole
// database. Keywords inside string literals are data, not statements.
import {type SimpleCommand, type Word, normalizeOptions} from '../../shell/index.js';
import {dangerOf, type SqlDanger, statements} from '../sql.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';

const clients = ['psql', 'mysql', 'mariadb', 'sqlite3', 'mongosh', 'mongo'];

/** The SQL a client runs: its -c / -e / --command / --execute values, sqlite3's arguments, or its input. */
function sqlOf(command: SimpleCommand): Word[] {
  const name = command.program.value!;
  const args = command.argv.slice(1);
  const stdin = command.redirects.filter((redirect) => redirect.op === '<<' || redirect.op === '<<-' || redirect.op === '<<<').map((redirect) => redirect.target);
  if (name === 'sqlite3') {
    const operands: Word[] = [];
    const takesValue = new Set(['-cmd', '-separator', '-nullvalue', '-newline', '-mmap', '-pagecache', '-lookaside', '-maxsize', '-vfs', '-heap']);
    for (let i = 0; i < args.length; i++) {
      const text = args[i]!.value;
      if (text === '-cmd') operands.push(args[i + 1]!);
      if (text !== null && takesValue.has(text)) i++;
      else if (text === null || !text.startsWith('-')) operands.push(args[i]!);
    }

    return [...operands.slice(1).filter(Boolean), ...stdin];
  }

  if (name === 'mongosh' || name === 'mongo') {
    const {values} = normalizeOptions(args, {takesValue: ['--eval', '--host', '--port', '-u', '-p', '--username', '--password', '--file', '-f']});
    return [values.get('--eval'), ...stdin].filter((word): word is Word => word !== undefined);
  }

  const flag = name === 'psql' ? ['-c', '--command'] : ['-e', '--execute'];
  const takesValue = name === 'psql' ? ['-c', '--command', '-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-f', '--file', '-v', '--set', '--variable', '-o', '--output', '-L', '--log-file', '-P', '--pset', '-F', '-R', '-T'] : ['-e', '--execute', '-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-S', '--socket'];
  const found: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text === null) continue;
    if (flag.includes(text)) found.push(args[++i]!);
    else if (text.startsWith(`${flag[1]}=`)) found.push({...word, value: text.slice(flag[1]!.length + 1)});
    else if (text.startsWith(flag[0]!) && text.length > 2 && !text.startsWith('--')) found.push({...word, value: text.slice(2)});
    else if (takesValue.includes(text)) i++;
  }

  const reads = found.length === 0 && !args.some((word) => word.value === '-f' || word.value?.startsWith('--file'));
  return [...found.filter(Boolean), ...(reads ? stdin : [])];
}

const mongoDanger: Array<[RegExp, SqlDanger]> = [
  [/\.dropDatabase\s*\(|\.drop\s*\(\s*\)/, 'drop'],
  [/\.(?:deleteMany|remove)\s*\(\s*\{\s*\}\s*\)/, 'delete-all'],
];

const explained: Record<SqlDanger, string> = {
  drop: 'deletes it and everything in it',
  truncate: 'deletes every row',
  'delete-all': 'deletes every row: there is no WHERE',
  'update-all': 'changes every row: there is no WHERE',
};

function sqlHit(command: SimpleCommand, wanted: SqlDanger): Hit | null {
  for (const word of sqlOf(command)) {
    if (!word.known) continue;
    if (command.program.value === 'mongosh' || command.program.value === 'mongo') {
      const found = mongoDanger.find(([pattern, danger]) => danger === wanted && pattern.test(word.value));
      if (found) return {word: written(word), reason: `${command.program.value} runs ${found[0].exec(word.value)![0]}, which ${explained[wanted]}`};
      continue;
    }

    const statement = statements(word.value).find((text) => dangerOf(text) === wanted);
    if (statement) {
      const shown = statement.length > 60 ? `${statement.slice(0, 57)}...` : statement;
      return {word: written(word).trim(), reason: `${command.program.value} runs ${shown}, which ${explained[wanted]}`};
    }
  }

  return null;
}

function dropTool(command: SimpleCommand): Hit | null {
  const args = command.argv.slice(1);
  if (args.some((word) => word.value === '--help' || word.value === '--version' || word.value === '-?')) return null;
  if (command.program.value === 'mysqladmin') {
    const drop = args.find((word) => word.known && /^drop$/i.test(word.value));
    return drop ? {word: written(drop), reason: `mysqladmin drop ${spelled(args[args.indexOf(drop) + 1] ?? drop)} deletes the database and everything in it`} : null;
  }

  const {operands} = normalizeOptions(args, {takesValue: ['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db']});
  const name = operands.at(-1);
  return {word: written(name ?? command.argv[0]!), reason: `dropdb ${name ? spelled(name) : ''} deletes the database and everything in it`.replace('  ', ' ')};
}

function redisFlush(command: SimpleCommand): Hit | null {
  const {operands} = normalizeOptions(command.argv.slice(1), {takesValue: ['-h', '-p', '-a', '-n', '-u', '-s', '--user', '--pass', '-r', '-i', '-d', '--tls-cert', '--tls-key', '--cacert', '--sni']});
  const flush = operands[0]?.known && /^flush(all|db)$/i.test(operands[0].value) ? operands[0] : undefined;
  return flush ? {word: written(flush), reason: `redis-cli ${spelled(flush)} deletes every key${/all/i.test(flush.value!) ? ' of every database' : ''}`} : null;
}

const heredoc = (sql: string) => `<<'SQL'\n${sql}\nSQL`;

const sqlRule = (id: string, wanted: SqlDanger, reason: string, alternative: string, examples: BuiltinRule['examples']): BuiltinRule => ({
  id,
  pack: 'databases',
  level: 'deny',
  reason,
  alternative,
  match: {program: clients},
  check: (command) => sqlHit(command, wanted),
  examples,
});

export const databases: BuiltinRule[] = [
  sqlRule('db.drop', 'drop', 'drops a database, schema or table', 'take a backup, then drop it by hand in a reviewed session', {
    refuse: ['psql -c "DROP DATABASE production"', "psql -c 'drop   table users'", `psql ${heredoc('DROP SCHEMA public CASCADE;')}`, 'psql --command="DROP TABLE x"', "mysql -u root -e 'DROP DATABASE shop'", "sqlite3 app.db 'DROP TABLE users'", "psql <<< 'select 1; drop table users'", "mongosh --eval 'db.dropDatabase()'", 'psql -c "/* tidy */ DROP\tTABLE\nlogs"', "sh -c \"psql -c 'DROP TABLE users'\""],
    allow: ["psql -c \"SELECT 'DROP TABLE x' AS example\"", "rg -n 'DROP TABLE' migrations/", "grep -r 'DROP TABLE' .", "echo 'DROP TABLE users;' > ./examples/bad.sql", 'psql -c "SELECT count(*) FROM users"', `cat ${heredoc('DROP TABLE x;')} > notes.sql`, 'psql -c "SELECT \\$\\$DROP TABLE x\\$\\$"', "psql -c '-- DROP TABLE users\nSELECT 1'"],
  }),
  sqlRule('db.truncate', 'truncate', 'empties a table', 'DELETE with a WHERE, after a backup', {
    refuse: ["psql \"$DATABASE_URL\" -c 'TRUNCATE orders'", "mysql -e 'truncate table sessions'", `mysql ${heredoc('TRUNCATE logs;')}`],
    allow: ["psql -c \"SELECT 'TRUNCATE' AS word\"", 'psql -c "SELECT 1"'],
  }),
  sqlRule('db.delete-all', 'delete-all', 'deletes every row of a table (DELETE without WHERE)', 'add a WHERE clause', {
    refuse: ['mysql -e "DELETE FROM customers"', "mysql -u root -e 'delete from sessions;'", 'psql -c "delete from \\"Users\\""', "mongosh --eval 'db.users.deleteMany({})'", 'mysql -e"DELETE FROM t"'],
    allow: ['mysql -e "DELETE FROM sessions WHERE expires_at < NOW()"', "psql -c \"INSERT INTO notes VALUES ('DELETE FROM x')\"", "mongosh --eval 'db.users.deleteMany({old: true})'"],
  }),
  sqlRule('db.update-all', 'update-all', 'changes every row of a table (UPDATE without WHERE)', 'add a WHERE clause', {
    refuse: ["psql -c 'UPDATE users SET admin = true'", "mysql -e 'update accounts set balance=0;'"],
    allow: ["psql -c 'UPDATE users SET admin = false WHERE id = 7'", "psql -c \"SELECT 'UPDATE t SET x=1'\""],
  }),
  {
    id: 'db.dropdb',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes a whole database',
    alternative: 'take a backup (pg_dump), then drop it by hand',
    match: {program: ['dropdb', 'mysqladmin']},
    check: dropTool,
    examples: {refuse: ['dropdb production', 'dropdb -h db1 -U admin production', 'mysqladmin -u root drop shop'], allow: ['dropdb --help', 'mysqladmin status', 'createdb scratch']},
  },
  {
    id: 'db.redis-flush',
    pack: 'databases',
    level: 'deny',
    reason: 'deletes every key of a Redis database',
    alternative: 'delete the keys you mean (SCAN with a pattern, then DEL)',
    match: {program: ['redis-cli']},
    check: redisFlush,
    examples: {refuse: ['redis-cli FLUSHALL', 'redis-cli -h cache -n 2 flushdb', 'redis-cli -a "$REDIS_PASSWORD" FLUSHALL ASYNC'], allow: ['redis-cli GET key', 'redis-cli INFO', 'redis-cli DEL flushall']},
  },
];
