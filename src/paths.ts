import {chmodSync, lstatSync, mkdirSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** Where guard keeps its own state (audit log, locks): `$XDG_STATE_HOME/guard`, else `~/.local/state/guard`. */
export function stateDir(env: Env): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local/state');
  return join(base, 'guard');
}

/** The audit database: `--db`, else `GUARD_DB`, else `audit.db` in the state folder. */
export function auditDbPath({env, flag}: {env: Env; flag?: string | undefined}): string {
  return flag || env.GUARD_DB || join(stateDir(env), 'audit.db');
}

/**
 * `mkdir -p`, each new folder given `mode` whatever the umask. One level at a time: Node's
 * recursive mkdir spins for ever where mkdir answers ENOENT for a parent that exists (/proc),
 * and reports ENOENT instead of EROFS on a read-only file system. A folder another guard
 * made at the same instant (EEXIST) is taken as made, and its mode left to its maker.
 */
export function makeFolders(dir: string, mode: number): void {
  if (lstatSync(dir, {throwIfNoEntry: false})) return;
  makeFolders(dirname(dir), mode);
  try {
    mkdirSync(dir, {mode});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }

  chmodSync(dir, mode);
}
