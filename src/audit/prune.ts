import {retryBusy} from './busy.js';
import type {ChainLink} from './chain.js';
import {guarded} from './failure.js';
import {rebuildRollups} from './rollup.js';
import type {AuditStore} from './store.js';

export interface PruneResult {
  /** Rows removed (or that would be, with dry run). */
  deleted: number;
  /** Rows older than the cutoff kept: still live, or finalized after a newer row that stays. */
  kept: number;
}

/**
 * Deletes the finalized rows started before `cutoff` (ISO UTC), as one IMMEDIATE
 * transaction. Only a prefix of the chain can go, or `verify` would see a hole: a row
 * finalized after a newer, kept row stays until that one goes. The newest removed link
 * becomes the anchor the rest of the chain verifies from.
 *
 * The stats rollups follow in the same transaction: the hours and days wholly older than the
 * cutoff are deleted, and the boundary hour and day (the ones the cutoff falls in, which lose
 * their rows before the cutoff and keep the rest) are recomputed from the rows that remain,
 * as is any older hour or day that still holds a kept row. Every row removed started before
 * the cutoff, so nothing later changes, and stats stay exact for whatever remains. That
 * recomputation reads only the rows left before the end of the boundary day.
 *
 * After a real prune the WAL is checkpointed and truncated: deleting many rows writes as many
 * pages to it, and it would otherwise stay that large on disk.
 */
export function prune(store: AuditStore, cutoff: string, dryRun: boolean): PruneResult {
  const {db} = store;
  const bound = db.prepare<{cutoff: string}, {bound: number}>(
    `SELECT coalesce(
       (SELECT min(seq) FROM runs WHERE seq IS NOT NULL AND started_at >= @cutoff),
       (SELECT max(seq) FROM runs) + 1, 0) AS bound`,
  );
  const newest = db.prepare<[number], ChainLink>('SELECT seq, hash FROM runs WHERE seq < ? ORDER BY seq DESC LIMIT 1');
  const older = db.prepare<[string], {n: number}>('SELECT count(*) AS n FROM runs WHERE started_at < ?');
  const remove = db.prepare<[number]>('DELETE FROM runs WHERE seq < ?');
  const anchor = db.prepare<[number, string]>(
    `INSERT INTO chain_anchor (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
  );

  const work = db.transaction((): PruneResult => {
    const limit = bound.get({cutoff})!.bound;
    const last = newest.get(limit);
    const candidates = older.get(cutoff)!.n;
    if (!last) return {deleted: 0, kept: candidates};
    const deleted = dryRun ? db.prepare<[number], {n: number}>('SELECT count(*) AS n FROM runs WHERE seq < ?').get(limit)!.n : remove.run(limit).changes;
    if (!dryRun) {
      anchor.run(last.seq, last.hash);
      rebuildRollups(db, cutoff);
    }

    return {deleted, kept: candidates - deleted};
  });
  const result = guarded(store.path, () => retryBusy(() => (dryRun ? work.deferred() : work.immediate())));
  if (!dryRun && result.deleted > 0) checkpoint(store);
  return result;
}

// The prune is committed: a checkpoint that cannot finish (a reader still on an old
// snapshot, past the busy timeout) leaves the WAL to the next one and is no failure.
function checkpoint(store: AuditStore): void {
  try {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Nothing to undo: the rows are gone either way.
  }
}
