import {closeSync, constants, fchmodSync, lstatSync, openSync, readSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import {AuditError, systemCause} from '../errors.js';
import {makeFolders} from '../paths.js';
import {busyBudgetMs, retryBusy, runNow, untilFree, writerBusyTimeoutMs, type Step} from './busy.js';
import {NewerSchemaError} from './failure.js';
import {migrations} from './migrations/list.js';

/** "GRD1" in the header: a SQLite file without it is somebody else's, and is never touched. */
export const applicationId = 0x47524431;

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as {code?: string}).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates the folder 0700 and the file 0600 before SQLite sees it: SQLite would create it
 * through the umask, and copies the file's mode to `-wal` and `-shm`.
 */
export function ensureFile(path: string): void {
  const folder = dirname(path);
  makeFolders(folder, 0o700);

  const existing = lstatOrUndefined(path);
  if (existing?.isSymbolicLink()) throw new AuditError(`audit log ${path}: is a symbolic link; refusing to follow it`);
  if (existing && !existing.isFile()) throw new AuditError(`audit log ${path}: is not a regular file`);
  if (existing) return;

  let fd: number;
  try {
    fd = openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_WRONLY, 0o600);
  } catch (error) {
    // Another guard created it first: that is the same file we wanted.
    if ((error as {code?: string}).code === 'EEXIST') return ensureFile(path);
    throw error;
  }

  try {
    fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
}

/**
 * What a reader (and `prune`) refuses before SQLite sees the path, so that a mistyped path
 * or an emptied log is never taken for a log with nothing in it: nothing there, a symbolic
 * link, a folder or other non-file, a file of 0 bytes (a log guard made always has a header).
 */
export function requireLogFile(path: string): void {
  let stat;
  try {
    stat = lstatOrUndefined(path);
  } catch (error) {
    throw new AuditError(`audit log ${path}: cannot read it: ${systemCause(error)}`);
  }

  if (!stat) throw new AuditError(`audit log ${path}: does not exist (no guard has written a log there)`);
  if (stat.isSymbolicLink()) throw new AuditError(`audit log ${path}: is a symbolic link; refusing to follow it`);
  if (stat.isDirectory()) throw new AuditError(`audit log ${path}: is a folder, not a guard audit log`);
  if (!stat.isFile()) throw new AuditError(`audit log ${path}: is not a regular file`);
  if (stat.size === 0) throw new AuditError(`audit log ${path}: is empty (0 bytes), not a guard audit log`);
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Refuses a file that is not SQLite before SQLite opens it: with a `-wal` left beside it
 * (the log was replaced while a guard had it open), SQLite would replay that WAL and, on
 * close, checkpoint the old log's pages into the stranger's file.
 */
function checkHeader(path: string): void {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const header = Buffer.alloc(sqliteMagic.length);
    const read = readSync(fd, header, 0, header.length, 0);
    // Empty is a log not yet written: SQLite makes it a database.
    if (read > 0 && !header.equals(sqliteMagic)) throw new AuditError(`audit log ${path}: not a guard audit database (file is not a database)`);
  } finally {
    closeSync(fd);
  }
}

/** Refuses a SQLite file that is not guard's, or one from a newer guard, before anything is written. */
function checkIdentity(db: Database.Database, path: string, readonly: boolean): number {
  const id = db.pragma('application_id', {simple: true}) as number;
  const version = db.pragma('user_version', {simple: true}) as number;
  const empty = db.prepare<[], {n: number}>('SELECT count(*) AS n FROM sqlite_schema').get()!.n === 0;
  if (id !== applicationId && !(id === 0 && version === 0 && empty)) {
    throw new AuditError(`audit log ${path}: not a guard audit database (application_id ${id}, another program's SQLite file)`);
  }

  if (version > migrations.length && !readonly) {
    throw new NewerSchemaError(
      `audit log ${path}: written by a newer guard (schema ${version}, this guard knows ${migrations.length}); left unchanged, upgrade guard`,
    );
  }

  return version;
}

/**
 * A log that lives in memory and dies with guard: what a run records into when the real
 * one is unusable and the policy says `audit.onError: run`, so that run goes through the
 * same steps (lock holder, epoch, end fields) and only the keeping is lost.
 */
export function connectInMemory(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  runNow(migrating(db));
  return db;
}

/** One connection with the audit log's settings; `readonly` never writes, creates or migrates. */
export function connect(path: string, readonly: boolean): Database.Database {
  if (!readonly) return runNow(connecting(path));
  requireLogFile(path);
  if (lstatOrUndefined(path)?.isSymbolicLink()) throw new AuditError(`audit log ${path}: is a symbolic link; refusing to follow it`);
  checkHeader(path);
  const db = new Database(path, {fileMustExist: true, readonly, timeout: busyBudgetMs});
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('foreign_keys = ON');
    // One read transaction: three separate reads could straddle another guard's first
    // migration and see its application_id unset but its tables already there.
    const version = retryBusy(() => db.transaction(() => checkIdentity(db, path, readonly)).deferred());
    // SQLite's header and nothing else: a writer died before its first migration.
    if (version === 0) throw new AuditError(`audit log ${path}: an empty SQLite database, not yet a guard audit log`);
    return db;
  } catch (error) {
    db.close();
    throw readFailure(path, error);
  }
}

// Reading a WAL log needs its -wal and -shm: SQLite creates them when they are missing, and
// says "read-only" when it cannot, which would read as if guard had tried to write the log.
function readFailure(path: string, error: unknown): unknown {
  const code = (error as {code?: unknown}).code;
  if (typeof code !== 'string' || !/^SQLITE_(READONLY|CANTOPEN)/.test(code)) return error;
  return new AuditError(`audit log ${path}: cannot read it: SQLite needs the log's -wal and -shm beside it, and cannot create them there (${code})`);
}

/**
 * Opens the log for writing (the file already made by ensureFile): WAL, synchronous=FULL,
 * migrated. SQLite does not wait: the step yields whenever the log is busy (see busy.ts).
 */
export function* connecting(path: string): Step<Database.Database> {
  if (lstatOrUndefined(path)?.isSymbolicLink()) throw new AuditError(`audit log ${path}: is a symbolic link; refusing to follow it`);
  checkHeader(path);
  const db = new Database(path, {fileMustExist: true, timeout: writerBusyTimeoutMs});
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('foreign_keys = ON');
    // One read transaction: three separate reads could straddle another guard's first
    // migration and see its application_id unset but its tables already there.
    yield* untilFree(db, () => db.transaction(() => checkIdentity(db, path, false)).deferred());
    yield* untilFree(db, () => db.pragma('journal_mode = WAL'));
    // An audit trail must survive a power cut: better-sqlite3 defaults WAL to NORMAL.
    db.pragma('synchronous = FULL');
    yield* migrating(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

// Each migration in its own IMMEDIATE transaction, re-reading user_version inside it, so
// ten guards opening a fresh file at once apply each migration exactly once.
function* migrating(db: Database.Database): Step<void> {
  // A log already at this guard's schema, as on every run but the first: one read, not one a migration.
  if ((yield* untilFree(db, () => db.pragma('user_version', {simple: true}) as number)) >= migrations.length) return;
  for (const [index, step] of migrations.entries()) {
    const target = index + 1;
    if ((yield* untilFree(db, () => db.pragma('user_version', {simple: true}) as number)) >= target) continue;
    const apply = db.transaction(() => {
      if ((db.pragma('user_version', {simple: true}) as number) >= target) return;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`application_id = ${applicationId}`);
      db.pragma(`user_version = ${target}`);
    });
    yield* untilFree(db, () => apply.immediate());
  }
}
