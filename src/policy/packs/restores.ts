// Restores and imports that replace what they load: pg_restore --clean, a dump piped straight
// into a client over a database, mongorestore's and mongoimport's --drop, mysqlimport --delete,
// myloader --overwrite-tables.
// The rule db.restore-over (databases.ts) judges with restoreOver.
import {type SimpleCommand, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {Hit} from '../types.js';

const pgDumpSpec = {
  takesValue: ['-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname', '-f', '--file', '-F', '--format', '-n', '--schema', '-N', '--exclude-schema', '-t', '--table', '-T', '--exclude-table', '-j', '--jobs', '-Z', '--compress', '-E', '--encoding', '-S', '--superuser', '--role', '--lock-wait-timeout', '--section', '--exclude-table-data', '--filter'],
  aliases: {'--clean': '-c', '--file': '-f', '--format': '-F'},
};
const mysqlSpec = {
  takesValue: ['-h', '--host', '-u', '--user', '-P', '--port', '-S', '--socket', '-D', '--database', '--default-character-set', '-w', '--where', '-r', '--result-file', '-T', '--tab', '-e', '--execute', '--protocol', '--ssl-ca', '--ssl-cert', '--ssl-key', '--ssl-mode', '--login-path', '--defaults-file', '--defaults-extra-file', '--ignore-table', '--max-allowed-packet'],
  aliases: {'--host': '-h', '--database': '-D', '--all-databases': '-A', '--databases': '-B', '--result-file': '-r'},
};

/**
 * A dump piped straight into a client that replaces what it restores: `pg_dump --clean … |
 * psql …` (its SQL drops each object before creating it again, as `pg_restore --clean` does),
 * and `mysqldump -h A DB | mysql -h B DB`, a database copied over the same-named one of another
 * server (mysqldump writes DROP TABLE before each table unless told not to). Into a database of
 * another name, or without `--clean`, a dump only adds.
 */
function dumpPipedOver(command: SimpleCommand): Hit | null {
  const from = command.piped?.from ?? [];
  if (command.program.value === 'psql') {
    const dump = from.find((upstream) => upstream.program.value === 'pg_dump' || upstream.program.value === 'pg_dumpall');
    if (!dump) return null;
    const {flags, values} = normalizeOptions(dump.argv.slice(1), pgDumpSpec);
    const format = values.get('-F')?.value ?? 'p';
    if (!flags.has('-c') || flags.has('-f') || !/^p(?:lain)?$/.test(format)) return null;
    return {word: written(command.argv[0]!), reason: `psql runs the SQL of ${dump.program.value} --clean, which drops each object of the dump in the database before creating it again: what was written there since is gone`};
  }

  const dump = from.find((upstream) => upstream.program.value === 'mysqldump' || upstream.program.value === 'mariadb-dump');
  if (!dump) return null;
  const source = normalizeOptions(dump.argv.slice(1), mysqlSpec);
  const target = normalizeOptions(command.argv.slice(1), mysqlSpec);
  if (source.flags.has('--skip-add-drop-table') || source.flags.has('--no-create-info') || source.flags.has('-t') || source.flags.has('-r')) return null;
  const [sourceHost, to] = [source.values.get('-h'), target.values.get('-h')];
  if (!sourceHost?.known || !to?.known || sourceHost.value === to.value) return null;
  const named = source.flags.has('-A') || source.flags.has('-B');
  const database = target.values.get('-D') ?? target.operands[0];
  if (!named && !(database?.known && source.operands[0]?.known && database.value === source.operands[0].value)) return null;
  return {word: written(command.argv[0]!), reason: `${command.program.value} -h ${to.value} loads ${dump.program.value}'s copy from ${sourceHost.value} over the same ${named ? 'databases' : `database ${spelled(database!)}`}: each table is dropped and written again, and what ${to.value} held is gone`};
}

const pgRestoreSpec = {
  takesValue: ['-d', '--dbname', '-f', '--file', '-F', '--format', '-h', '--host', '-p', '--port', '-U', '--username', '-j', '--jobs', '-n', '--schema', '-t', '--table', '-L', '--use-list', '-S', '--superuser', '--role', '-I', '-P', '-T'],
  aliases: {'--clean': '-c', '--dbname': '-d', '--list': '-l', '--file': '-f'},
};

/** `pg_restore --clean` into a database; with `-f`, `-l` or no `-d` it only writes SQL or a list. */
function pgRestoreClean(command: SimpleCommand): Hit | null {
  const {flags} = normalizeOptions(command.argv.slice(1), pgRestoreSpec);
  if (flags.has('--help') || !flags.has('-c') || !flags.has('-d') || flags.has('-l') || flags.has('-f')) return null;
  const clean = command.argv.find((word) => word.known && (word.value === '--clean' || /^-[a-zA-Z]*c/.test(word.value)))!;
  return {word: written(clean), reason: `pg_restore ${spelled(clean)} drops each object of the dump in the database before restoring it: what was written since the dump is gone`};
}

/** `mongorestore --drop` (not with `--dryRun`) and `mongoimport --drop`: each collection dropped before it is loaded. */
function mongoDrop(command: SimpleCommand): Hit | null {
  const {flags} = normalizeOptions(command.argv.slice(1), pgRestoreSpec);
  if (flags.has('--help') || !flags.has('--drop')) return null;
  if (command.program.value === 'mongoimport') return {word: '--drop', reason: 'mongoimport --drop drops the collection before importing the file: every document it held is gone'};
  return flags.has('--dryRun') ? null : {word: '--drop', reason: 'mongorestore --drop drops each collection before restoring it: what was written since the dump is gone'};
}

/** `mysqlimport --delete` (`-d`): each table emptied before its file is loaded. */
function mysqlImportDelete(command: SimpleCommand): Hit | null {
  // MySQL's clients take a long option by any prefix only it has (`--del`); `-#` takes its debug string attached.
  const words = command.argv.slice(1).filter((word) => !(word.known && /^-#/.test(word.value)));
  const {flags} = normalizeOptions(words, {takesValue: ['-h', '--host', '-u', '--user', '-P', '--port', '-S', '--socket', '-c', '--columns', '--fields-terminated-by', '--fields-enclosed-by', '--lines-terminated-by', '--ignore-lines', '--default-character-set', '-p'], long: ['delete', 'debug', 'debug-check', 'debug-info', 'default-auth', 'defaults-file', 'local', 'lock-tables', 'low-priority', 'force', 'help'], aliases: {'--delete': '-d'}});
  return flags.has('-d') && !flags.has('--help') ? {word: '-d', reason: `${command.program.value} --delete empties each table before loading its file: every row it held is gone`} : null;
}

/** myloader's `--overwrite-tables` (`-o`): each table of the dump dropped before it is loaded. */
function myloaderOverwrite(command: SimpleCommand): Hit | null {
  const words = command.argv.slice(1);
  if (words.some((word) => word.value === '--help' || word.value === '-?')) return null;
  const overwrite = words.find((word) => word.known && (word.value === '--overwrite-tables' || /^-[a-zA-Z]*o[a-zA-Z]*$/.test(word.value) || word.value.startsWith('--overwrite-tables=')));
  return overwrite ? {word: written(overwrite), reason: `myloader ${spelled(overwrite)} drops each table of the dump in the database before loading it: what was written since the dump is gone`} : null;
}

const restorers: Record<string, (command: SimpleCommand) => Hit | null> = {
  'myloader': myloaderOverwrite,
  'pg_restore': pgRestoreClean,
  'mongorestore': mongoDrop,
  'mongoimport': mongoDrop,
  'mysqlimport': mysqlImportDelete,
  'mariadb-import': mysqlImportDelete,
  'psql': dumpPipedOver,
  'mysql': dumpPipedOver,
  'mariadb': dumpPipedOver,
};

/** The check of db.restore-over (databases.ts): a restore or import that empties or drops what it loads first. */
export function restoreOver(command: SimpleCommand): Hit | null {
  const check = Object.hasOwn(restorers, command.program.value ?? '') ? restorers[command.program.value!] : undefined;
  return check ? check(command) : null;
}
