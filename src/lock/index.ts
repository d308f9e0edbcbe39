import {closeSync} from 'node:fs';
import {join} from 'node:path';
import {flock} from './flock.js';
import {openLockFile} from './lock-file.js';

export {argvLockName, checkLockName} from './name.js';

/** A kernel lock guard holds; the command inherits `fd`, so the lock lives as long as it does. */
export interface HeldLock {
  fd: number;
  name: string;
  release(): void;
}

/** Takes the named lock, waiting up to `waitMs`; `busy` when another live run holds it. */
export async function acquireLock(dir: string, name: string, waitMs: number, abort?: AbortSignal): Promise<HeldLock | 'busy'> {
  const fd = openLockFile(dir, name);
  try {
    if ((await flock(fd, waitMs, abort)) === 'busy') {
      closeSync(fd);
      return 'busy';
    }
  } catch (error) {
    closeSync(fd);
    throw error;
  }

  return {fd, name, release: () => closeSync(fd)};
}

export {heldLocks} from './held.js';

/** Locks live in the state folder of the user who runs guard. */
export function lockDir(stateDir: string): string {
  return join(stateDir, 'locks');
}
