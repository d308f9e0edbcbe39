import {hostname} from 'node:os';
import type Database from 'better-sqlite3';
import {readProcessStat} from '../proc.js';
import type {Redactor} from '../redact/redactor.js';
import {guardVersion} from '../version.js';
import {retryBusy} from './busy.js';
import {chainWriter, type ChainLink} from './chain.js';
import {endColumns, endParameters, presentColumns, startColumns, startParameters, type StoredRow, type StoredValue} from './columns.js';
import {guarded} from './failure.js';
import type {OutboxWriter} from './outbox.js';
import {redactFields} from './redaction.js';
import {rebuildRollups} from './rollup.js';
import type {EndFields, PruneRecord, StartFields} from './row.js';
import {userLabel} from '../user.js';

/** The job name of every `pruned` row: a space keeps it apart from a program's basename. */
export const pruneName = 'guard prune';

/** Who prunes: guard's own process, named as a run row names its guard. */
export type Pruner = Pick<StartFields, 'argv' | 'command' | 'cwd' | 'guard_version' | 'host' | 'pid' | 'pid_start' | 'user'>;

/** This guard process as the pruner, run as `argv` (shown as `command`). */
export function thisGuard(argv: string[], command: string): Pruner {
  return {
    argv,
    command,
    cwd: process.cwd(),
    guard_version: guardVersion(),
    host: hostname(),
    pid: process.pid,
    pid_start: readProcessStat(process.pid)?.startTime ?? 0,
    user: userLabel(),
  };
}

const recordColumns = [...startColumns, ...endColumns, 'pruned'] as const;

/**
 * Appends a finalized `pruned` row naming what was removed, sealed at the head of the chain;
 * call inside the IMMEDIATE transaction that removed it. Its tails are not recorded: a prune
 * runs no command. Counted nowhere in stats (rollup.ts).
 */
export function recordPrune(db: Database.Database, fields: StartFields & EndFields, record: PruneRecord, outbox?: OutboxWriter): StoredRow {
  const parameters: Record<string, StoredValue> = {
    ...startParameters(fields),
    ...endParameters(fields),
    pruned: JSON.stringify(record),
    stderr_bytes: null,
    stderr_tail: null,
    stdout_bytes: null,
    stdout_tail: null,
  };
  // Migration 004 records an earlier prune before later columns (lock_scope) exist.
  const present = presentColumns(db);
  const written = recordColumns.filter((column) => present.has(column));
  const insert = db.prepare(`INSERT INTO runs (${written.join(', ')}) VALUES (${written.map((column) => `@${column}`).join(', ')})`);
  const id = Number(insert.run(Object.fromEntries(written.map((column) => [column, parameters[column]]))).lastInsertRowid);
  return chainWriter(db, outbox).seal(id);
}

/** The start and end fields of a prune's row: it began at `startedAt` and ends now. */
export function pruneFields(pruner: Pruner, startedAt: Date, notes: string[] = []): StartFields & EndFields {
  const now = new Date();
  return {
    ...pruner,
    attempt: 1,
    decision: null,
    duration_ms: now.getTime() - startedAt.getTime(),
    ended_at: now.toISOString(),
    error: null,
    exit_code: 0,
    group_id: null,
    killed: false,
    lock: null,
    lock_epoch: null,
    lock_scope: null,
    name: pruneName,
    notes,
    orphans: 0,
    reason: null,
    rules: null,
    signal: null,
    started_at: startedAt.toISOString(),
    status: 'pruned',
    stderr_bytes: 0,
    stderr_tail: '',
    stdout_bytes: 0,
    stdout_tail: '',
    timed_out: false,
  };
}

export interface PruneResult {
  /** Rows removed (or that would be, with dry run). */
  deleted: number;
  /** Rows older than the cutoff kept: still live, waiting to be shipped to the fleet, or finalized after a newer row that stays. */
  kept: number;
  /** Of those kept, the finalized rows that wait in the fleet's outbox (0 with `force`). */
  queued: number;
  /** The `pruned` row that records a real prune, now the head of the chain (none when nothing went). */
  recorded?: {id: number; link: ChainLink; record: PruneRecord};
}

/** What prune needs of an open log: an AuditStore is one (store.ts opens the log through the migrations, which prune). */
export interface PruneTarget {
  readonly db: Database.Database;
  readonly outbox: OutboxWriter | undefined;
  readonly path: string;
  readonly redactor: Redactor;
}

/**
 * Deletes the finalized rows started before `cutoff` (ISO UTC), as one IMMEDIATE
 * transaction. Only a prefix of the chain can go, or `verify` would see a hole: a row
 * finalized after a newer, kept row stays until that one goes. The newest removed link
 * becomes the anchor the rest of the chain verifies from, and in the same transaction a
 * `pruned` row naming the removed range and that anchor is sealed at the head: a prune is
 * itself in the chain, so one forged by editing the file changes the head a copy kept apart
 * vouches for (verify.ts holds every anchor to such a row).
 *
 * The stats rollups follow in the same transaction: the hours and days wholly older than the
 * cutoff are deleted, and the boundary hour and day (the ones the cutoff falls in, which lose
 * their rows before the cutoff and keep the rest) are recomputed from the rows that remain,
 * as is any older hour or day that still holds a kept row. Every row removed started before
 * the cutoff, so nothing later changes, and stats stay exact for whatever remains. That
 * recomputation reads only the rows left before the end of the boundary day.
 *
 * A run still waiting in the fleet's outbox is kept, and so is every later row of the chain,
 * unless `force` says to drop it from the queue: nothing leaves the log before the central
 * copy has it, unless the operator says so.
 *
 * After a real prune the WAL is checkpointed and truncated: deleting many rows writes as many
 * pages to it, and it would otherwise stay that large on disk.
 */
export function prune(store: PruneTarget, cutoff: string, options: ({dryRun: true} | {dryRun: false; pruner: Pruner}) & {force?: boolean}): PruneResult {
  const {db} = store;
  const startedAt = new Date();
  // A log from before schema 8 (read as it is by --dry-run) has no outbox.
  const hasOutbox = db.prepare<[], {n: number}>(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'fleet_outbox'`).get()!.n === 1;
  const keepQueued = hasOutbox && !options.force;
  const bound = db.prepare<{cutoff: string}, {bound: number}>(
    `SELECT coalesce(
       (SELECT min(seq) FROM runs WHERE seq IS NOT NULL AND started_at >= @cutoff),
       (SELECT max(seq) FROM runs) + 1, 0) AS bound`,
  );
  // The queued rows the age would remove, and the first of them in the chain: the cut stops there.
  const queuedBefore = keepQueued
    ? db.prepare<[number], {first: number | null; n: number}>('SELECT min(r.seq) AS first, count(*) AS n FROM fleet_outbox o JOIN runs r ON r.id = o.run_id WHERE r.seq < ?')
    : undefined;
  const range = db.prepare<[number], {first: number; last: number; n: number}>('SELECT min(seq) AS first, max(seq) AS last, count(*) AS n FROM runs WHERE seq < ?');
  const link = db.prepare<[number], ChainLink>('SELECT seq, hash FROM runs WHERE seq = ?');
  const older = db.prepare<[string], {n: number}>('SELECT count(*) AS n FROM runs WHERE started_at < ?');

  const work = db.transaction((): PruneResult => {
    const byAge = bound.get({cutoff})!.bound;
    const {first, n: queued} = queuedBefore?.get(byAge) ?? {first: null, n: 0};
    const limit = first ?? byAge;
    const removed = range.get(limit)!;
    const candidates = older.get(cutoff)!.n;
    if (removed.n === 0) return {deleted: 0, kept: candidates, queued};
    if (options.dryRun) return {deleted: removed.n, kept: candidates - removed.n, queued};

    const last = link.get(removed.last)!;
    const deleted = db.prepare<[number]>('DELETE FROM runs WHERE seq < ?').run(limit).changes;
    // With force, what was queued for those rows goes with them.
    if (hasOutbox) db.prepare('DELETE FROM fleet_outbox WHERE run_id NOT IN (SELECT id FROM runs)').run();
    db.prepare<[number, string]>(
      `INSERT INTO chain_anchor (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    ).run(last.seq, last.hash);
    rebuildRollups(db, cutoff);
    const record: PruneRecord = {before: cutoff, first_seq: removed.first, last_hash: last.hash, last_seq: last.seq, runs: deleted};
    const row = recordPrune(db, redactFields(store.redactor, pruneFields(options.pruner, startedAt)), record, store.outbox);
    return {deleted, kept: candidates - deleted, queued, recorded: {id: row.id as number, link: {hash: row.hash as string, seq: row.seq as number}, record}};
  });
  const result = guarded(store.path, () => retryBusy(() => (options.dryRun ? work.deferred() : work.immediate())));
  if (result.recorded) checkpoint(store);
  return result;
}

// The prune is committed: a checkpoint that cannot finish (a reader still on an old
// snapshot, past the busy timeout) leaves the WAL to the next one and is no failure.
function checkpoint(store: PruneTarget): void {
  try {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Nothing to undo: the rows are gone either way.
  }
}
