import {homedir} from 'node:os';
import {join} from 'node:path';

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
