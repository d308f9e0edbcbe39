import {mkdirSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import type {Options, ResultPromise} from 'execa';
import {guard, sandbox} from './guard.js';
import {adminApplication, type Cluster} from './pg-cluster.js';

/** Fleet timing short enough for tests, and safe by guard's own rule (heartbeat < lostAfter; lostAfter + killAfter < 25 s + lockDelay). */
export const quickFleet = {
  connectTimeout: '2s',
  heartbeat: '300ms',
  lockDelay: '3s',
  lostAfter: '1200ms',
  monitorRetry: 0,
  shipTimeout: '2s',
} as const;

export type FleetFields = Partial<Record<keyof typeof quickFleet | 'onLost' | 'onUnavailable' | 'output' | 'history' | 'lock', string | number | boolean>>;

/** A local run row as `history --json` and `show --json` print it (the fields the fleet tests read). */
export interface LocalRow {
  id: number;
  status: string;
  exit_code: number | null;
  signal: string | null;
  lock: string | null;
  lock_epoch: number | null;
  lock_scope: string | null;
  notes: string[];
  reason: string | null;
  pid: number;
}

/** One "host" of a fleet: its own audit log, state and user policy, so its own source id. */
export interface FleetHost {
  /** The audit log's path. */
  db: string;
  dir: string;
  env: Record<string, string>;
  /** Rewrites the user policy's fleet block: the URL and the given fields, over quickFleet. */
  policy(url: string, fields?: FleetFields, killAfter?: string): void;
  run(args: readonly string[], options?: Options): ResultPromise;
  /** The local rows, newest first. */
  history(): Promise<LocalRow[]>;
  /** This log's source id, as `guard fleet status --json` says it. */
  sourceId(): Promise<string>;
  remove(): void;
}

export function fleetHost(url: string, fields: FleetFields = {}): FleetHost {
  const box = sandbox();
  const env = {...box.env, HOME: box.dir};
  const host: FleetHost = {
    db: box.env.GUARD_DB!,
    dir: box.dir,
    env,
    policy(target, more = {}, killAfter = '1s') {
      const block = {...quickFleet, ...more, url: target};
      const lines = Object.entries(block).map(([key, value]) => `  ${key}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
      mkdirSync(join(box.dir, 'config/guard'), {recursive: true});
      writeFileSync(join(box.dir, 'config/guard/policy.yaml'), `defaults:\n  killAfter: ${killAfter}\nfleet:\n${lines.join('\n')}\n`);
    },
    run: (args, options = {}) => guard(args, {...options, cwd: box.dir, env: {...env, ...(options.env as Record<string, string> | undefined)}}),
    async history() {
      const result = await guard(['history', '--json', '--all'], {env});
      if (result.exitCode !== 0) throw new Error(`guard history failed (${result.exitCode}): ${String(result.stderr)}`);
      return JSON.parse(String(result.stdout)) as LocalRow[];
    },
    async sourceId() {
      const result = await guard(['fleet', 'status', '--json'], {env});
      const id = (JSON.parse(String(result.stdout)) as {source_id: string | null}).source_id;
      if (!id) throw new Error(`no source id yet: ${String(result.stdout)}`);
      return id;
    },
    remove: () => box.remove(),
  };
  host.policy(url, fields);
  return host;
}

/** This machine's name, which every "host" of a test fleet records. */
export const machine = hostname();

/** The application_name guard gives a lock's session: `guard <lock> <host>`. */
export const lockApplication = (lock: string) => `guard ${lock} ${machine}`.slice(0, 63);

/** Polls `check` until it gives a value other than undefined/false, or throws after `withinMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, withinMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waited ${withinMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The backend pid of the session that holds fleet lock `lock` for a guard, once there is one. */
export function holderBackend(cluster: Cluster, lock: string, withinMs = 10_000): Promise<number> {
  return until(`a guard session holding fleet lock '${lock}'`, async () => {
    const rows = await cluster.sql<{pid: number}>(
      `SELECT a.pid FROM pg_stat_activity a JOIN guard.locks l ON l.backend_pid = a.pid
       WHERE a.application_name LIKE 'guard %' AND a.application_name <> $1 AND l.name = $2 AND NOT l.released`,
      [adminApplication, lock],
    );
    return rows[0]?.pid;
  }, withinMs);
}

/** Backends holding the advisory lock of fleet lock `lock` (granted), from pg_locks. */
export async function advisoryHolders(cluster: Cluster, lock: string): Promise<number[]> {
  const rows = await cluster.sql<{pid: number}>(
    `SELECT p.pid FROM pg_locks p JOIN guard.locks l ON ((p.classid::bigint << 32) | p.objid::bigint) = l.key
     WHERE p.locktype = 'advisory' AND p.granted AND p.objsubid = 1 AND l.name = $1`,
    [lock],
  );
  return rows.map((row) => row.pid);
}

/** A central row of one log, as the tests compare it. */
export interface CentralRow {
  local_id: number;
  revision: number;
  status: string;
  exit_code: number | null;
  lock: string | null;
  lock_epoch: number | null;
  lock_scope: string | null;
  notes: string[] | null;
  host: string;
}

/** The central copies of one log's rows, by local id. */
export async function centralRows(cluster: Cluster, sourceId: string): Promise<CentralRow[]> {
  const rows = await cluster.sql<CentralRow>(
    `SELECT local_id::int AS local_id, revision, status, exit_code, lock, lock_epoch::int AS lock_epoch, lock_scope, notes, host
     FROM guard.runs WHERE source_id = $1::uuid ORDER BY local_id`,
    [sourceId],
  );
  return rows;
}

/** The fleet lock's central row. */
export async function lockRow(cluster: Cluster, lock: string): Promise<{epoch: number; released: boolean; backend_pid: number | null; pid: number | null} | undefined> {
  const [row] = await cluster.sql<{epoch: number; released: boolean; backend_pid: number | null; pid: number | null}>(
    'SELECT epoch::int AS epoch, released, backend_pid, pid FROM guard.locks WHERE name = $1',
    [lock],
  );
  return row;
}

/** Creates the central schema with `guard fleet init` as the cluster's superuser. */
export async function initFleet(cluster: Cluster): Promise<void> {
  const box = sandbox();
  try {
    const result = await guard(['fleet', 'init'], {env: {...box.env, HOME: box.dir, GUARD_FLEET_URL: cluster.url()}});
    if (result.exitCode !== 0) throw new Error(`guard fleet init failed (${result.exitCode}): ${String(result.stderr)}`);
  } finally {
    box.remove();
  }
}
