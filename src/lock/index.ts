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
export async function acquireLock(folder: LockFolder, name: string, waitMs: number, abort?: AbortSignal): Promise<HeldLock | 'busy'> {
  const fd = openLockFile(folder.dir, name, folder.shared);
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

export {heldLockFiles, mainHolder, type HeldLockFile, type LockHolder} from './held.js';

/** Where lock files live: `shared` when the policy names a folder for jobs of several users. */
export interface LockFolder {
  dir: string;
  shared: boolean;
}

/** The policy's `locks.dir` when it names one, else `locks` in the state folder of the user who runs guard. */
export function lockFolder(stateDir: string, policyDir: string | undefined): LockFolder {
  return policyDir === undefined ? {dir: lockDir(stateDir), shared: false} : {dir: policyDir, shared: true};
}

/** Locks live in the state folder of the user who runs guard. */
export function lockDir(stateDir: string): string {
  return join(stateDir, 'locks');
}
