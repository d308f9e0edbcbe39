import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa, type Options, type ResultPromise} from 'execa';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin/run.js');

/** A private folder for one test's state (audit log, locks, policies), removed afterwards. */
export function sandbox(): {dir: string; env: Record<string, string>; remove(): void} {
  const dir = mkdtempSync(join(tmpdir(), 'guard-test-'));
  return {
    dir,
    env: {GUARD_DB: join(dir, 'state/audit.db'), XDG_CONFIG_HOME: join(dir, 'config'), XDG_STATE_HOME: join(dir, 'state')},
    remove: () => rmSync(dir, {force: true, recursive: true}),
  };
}

/** Runs the built CLI as a user would: a real process, its own exit status, stdout and stderr. */
export function guard(args: readonly string[], options: Options = {}): ResultPromise {
  const env = {...process.env, NODE_OPTIONS: undefined, ...(options.env ?? {})};
  const stdin = options.input === undefined && options.inputFile === undefined ? 'ignore' : undefined;
  return execa(process.execPath, [bin, ...args], {reject: false, ...(stdin ? {stdin} : {}), ...options, env, extendEnv: false});
}

/** SQL that takes an audit log back to before migration 008 (the fleet's columns and tables), for tests of older logs. */
export const untilFleet = 'ALTER TABLE runs DROP COLUMN lock_scope; ALTER TABLE locks DROP COLUMN fleet_epoch_seen; DROP TABLE meta; DROP TABLE fleet_outbox;';
