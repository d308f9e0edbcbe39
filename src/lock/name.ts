import {sha256} from '../digest.js';
import {UsageError} from '../errors.js';

const valid = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

/** A lock name is a file name under the lock folder: no path, no dot-files, no surprises. */
export function checkLockName(name: string): string {
  if (!valid.test(name)) {
    throw new UsageError(`--lock: '${name}' is not a lock name (1-64 letters, digits, '.', '_' or '-', not starting with '.')`);
  }

  return name;
}

/**
 * The lock of an unnamed job is its exact argv, as run-one does: two different `sh -c`
 * scripts never share one.
 */
export function argvLockName(argv: readonly string[]): string {
  return `argv-${sha256().update(JSON.stringify(argv)).digest('hex').slice(0, 32)}`;
}
