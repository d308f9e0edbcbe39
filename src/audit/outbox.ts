// The fleet's outbox: run rows waiting to be copied to the central history. The local row is
// the record and is written first; the transaction that writes it also queues its revision
// here (1 started, 2 running, 3 final), so no change can be lost between the two, and a
// shipper that finds PostgreSQL down leaves the queue as it was. A queued revision only
// grows: shipping revision 1 while revision 3 waits must not drop the 3.
import type Database from 'better-sqlite3';
import {untilFree, type Step} from './busy.js';
import {selectableColumns, toRun, type StoredRow} from './columns.js';
import type {StoredRun} from './row.js';

/** How far a run row has come: each write of a row queues the revision it reached. */
export const revisions = {started: 1, running: 2, final: 3} as const;

export type Revision = (typeof revisions)[keyof typeof revisions];

/** Queues revisions inside the caller's transaction; one per connection. */
export interface OutboxWriter {
  queue(runId: number, revision: Revision): void;
}

/** For a store opened with `{outbox: true}`: queues each run-row write in the transaction that makes it. */
export function outboxWriter(db: Database.Database): OutboxWriter {
  // queued_at stays the time the oldest unshipped change was queued: the backlog's age.
  const upsert = db.prepare<[number, number, string]>(
    `INSERT INTO fleet_outbox (run_id, revision, queued_at) VALUES (?, ?, ?)
     ON CONFLICT (run_id) DO UPDATE SET revision = max(revision, excluded.revision)`,
  );
  return {queue: (runId, revision) => void upsert.run(runId, revision, new Date().toISOString())};
}

/** A run waiting to be shipped: its queued revision and its row as stored now. */
export interface PendingRun {
  revision: number;
  row: StoredRun;
  run_id: number;
}

/** A shipped revision: the outbox forgets it unless a newer one was queued since. */
export interface ShippedRun {
  revision: number;
  run_id: number;
}

/** This log's identity in the fleet (made once by migration 008). */
export function sourceId(db: Database.Database): string {
  const row = db.prepare<[], {value: string}>(`SELECT value FROM meta WHERE key = 'source_id'`).get();
  if (!row) throw new Error('the audit log has no source_id (it predates schema 8)');
  return row.value;
}

/** Up to `limit` queued runs, oldest first (by run id), each with its row; a row pruned with --force is dropped from the queue. */
export function pending(db: Database.Database, limit: number): PendingRun[] {
  const rows = db
    .prepare<[number], StoredRow & {outbox_revision: number}>(
      `SELECT o.revision AS outbox_revision, ${selectableColumns(db, 'r.')}
       FROM fleet_outbox o JOIN runs r ON r.id = o.run_id ORDER BY o.run_id LIMIT ?`,
    )
    .all(limit);
  return rows.map(({outbox_revision: revision, ...row}) => ({revision, row: toRun(row as StoredRow), run_id: Number(row.id)}));
}

/** Forgets the shipped revisions, in one transaction; a revision queued after the copy was read stays. */
export function shipped(db: Database.Database, runs: readonly ShippedRun[]): Step<void> {
  const forget = db.prepare<[number, number]>('DELETE FROM fleet_outbox WHERE run_id = ? AND revision <= ?');
  const all = db.transaction(() => {
    for (const run of runs) forget.run(run.run_id, run.revision);
  });
  return untilFree(db, () => all.immediate());
}

/** Counts a failed attempt at shipping these runs, with what went wrong. */
export function failed(db: Database.Database, runIds: readonly number[], error: string): Step<void> {
  const note = db.prepare<[string, number]>('UPDATE fleet_outbox SET attempts = attempts + 1, last_error = ? WHERE run_id = ?');
  const all = db.transaction(() => {
    for (const id of runIds) note.run(error, id);
  });
  return untilFree(db, () => all.immediate());
}

/** What waits to be shipped: how many runs, and since when (ISO UTC, null when nothing waits). */
export function backlog(db: Database.Database): {count: number; oldest: string | null} {
  return db.prepare<[], {count: number; oldest: string | null}>('SELECT count(*) AS count, min(queued_at) AS oldest FROM fleet_outbox').get()!;
}

/** The highest fleet epoch this log has seen for lock `name`, or null when none. */
export function seenFleetEpoch(db: Database.Database, name: string): number | null {
  return db.prepare<[string], {seen: number | null}>('SELECT fleet_epoch_seen AS seen FROM locks WHERE name = ?').get(name)?.seen ?? null;
}

/**
 * Remembers that lock `name` was held at fleet epoch `epoch`; the remembered epoch never
 * goes down. The lock's row is the host lease, taken first; without one there is nothing
 * to note on and it returns false.
 */
export function noteFleetEpoch(db: Database.Database, name: string, epoch: number): Step<boolean> {
  const note = db.prepare<[number, string]>('UPDATE locks SET fleet_epoch_seen = max(coalesce(fleet_epoch_seen, 0), ?) WHERE name = ?');
  const write = db.transaction(() => note.run(epoch, name).changes === 1);
  return untilFree(db, () => write.immediate());
}
