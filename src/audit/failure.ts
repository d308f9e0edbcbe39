import {AuditError, GuardError} from '../errors.js';
import type {Step} from './busy.js';

type CodedError = Error & {code?: string};

/** The file was written by a newer guard: never altered, though reading it may still work. */
export class NewerSchemaError extends AuditError {}

// SQLite's result codes name the cause; an operator needs it in words, with the file.
function cause(error: CodedError): string {
  const code = error.code ?? '';
  if (code === 'SQLITE_NOTADB') return 'not a guard audit database (file is not a database)';
  if (code.startsWith('SQLITE_CORRUPT')) return `database is corrupt (${error.message}); restore it or recover it with sqlite3 .recover`;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'file system is full';
  if (code.startsWith('SQLITE_IOERR')) return `I/O error (${code})`;
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'cannot write: read-only';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cannot open the database (read-only file system or folder?)';
  if (code.startsWith('SQLITE_BUSY')) return 'busy: another process held the database past the wait budget';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ERR_DLOPEN_FAILED') return nativeModule(error.message);
  return error.message;
}

// better-sqlite3 is compiled for one Node ABI: after a switch of Node (nvm, a new system
// package) the store cannot load at all, and Node's own message is five lines long.
function nativeModule(message: string): string {
  const versions = /NODE_MODULE_VERSION (\d+)\.[\s\S]*NODE_MODULE_VERSION (\d+)\./.exec(message);
  if (versions) {
    return `better-sqlite3 was built for another Node.js (NODE_MODULE_VERSION ${versions[1]}; Node ${process.version} needs ${versions[2]}): run npm rebuild better-sqlite3 with this Node`;
  }
  return `cannot load better-sqlite3's native module: ${message.split('\n')[0]}`;
}

/** Any failure of the store as one line that says what went wrong and where (guard's own errors pass as they are). */
export function auditFailure(path: string, error: unknown): GuardError {
  if (error instanceof GuardError) return error;
  const detail = error instanceof Error ? cause(error) : String(error);
  return new AuditError(`audit log ${path}: ${detail.split('\n')[0]}`);
}

/** Runs `work`, turning whatever it throws into an AuditError naming the file. */
export function guarded<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw auditFailure(path, error);
  }
}

/** `step`, turning whatever it throws into an AuditError naming the file. */
export function* guardedStep<T>(path: string, step: Step<T>): Step<T> {
  try {
    return yield* step;
  } catch (error) {
    throw auditFailure(path, error);
  }
}
