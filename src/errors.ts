// Every failure guard reports carries the exit status the contract gives it, so one
// handler at the top can print one line and exit with the right code.
import {exitStatus} from './exit-status.js';

export class GuardError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller's input was wrong (bad flag, bad duration, no command). */
export class UsageError extends GuardError {
  constructor(message: string) {
    super(message, exitStatus.usage);
  }
}

/** A bug in guard: the message says so, so nobody blames their command. */
export class InternalError extends GuardError {
  constructor(message: string) {
    super(`internal error (this is a bug in guard): ${message}`, exitStatus.internal);
  }
}

/** The audit log cannot be opened or written: nothing runs (fail closed). */
export class AuditError extends GuardError {
  constructor(message: string) {
    super(message, exitStatus.auditUnavailable);
  }
}

const causes: Record<string, string> = {
  EACCES: 'permission denied',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a folder',
  ENOENT: 'no such file or folder',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'a part of the path is not a folder',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

/** What a failed system call says to a person: `permission denied (EACCES)`. */
export function systemCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error instanceof Error ? error.message : String(error);
  return causes[code] ? `${causes[code]} (${code})` : code;
}
