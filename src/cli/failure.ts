import {GuardError, InternalError} from '../errors.js';
import {log} from '../log.js';

/**
 * Reports any failure as one `guard: …` line and turns it into the contract's exit status.
 * A file of its own: every command reaches it, and importing it from the lean path brought
 * the whole policy engine and shell layer into `guard history`.
 */
export function exitStatusOf(error: unknown): number {
  const known = error instanceof GuardError ? error : new InternalError(error instanceof Error ? error.message : String(error));
  log().error(known.message);
  return known.exitCode;
}
