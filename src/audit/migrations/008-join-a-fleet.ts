// Why: a fleet shares one lock and one history across hosts on PostgreSQL, and the local log
// stays the record. `runs.lock_scope` says which lock a run's epoch belongs to (`host` or
// `fleet`; NULL without a lock, and on every row from before): epochs of the two scopes
// must never be compared. `meta` holds this log's `source_id`, a UUID made once here: a host
// may keep several logs (one per user, or --db) and host names repeat or change, so the
// central copy keys a run by (source_id, runs.id), and runs.id is AUTOINCREMENT, never
// reused. `fleet_outbox` queues, in the transaction that writes a run row, the row's newest
// revision (1 started, 2 running, 3 final) until it is shipped, so no change is lost between
// the two. `locks.fleet_epoch_seen` is the highest fleet epoch this log has seen for a lock:
// an epoch not above it (a failover that lost a write) is refused.
// lock_scope is hashed by the chain only where it holds a value (../chain.ts), as `pruned`
// is, so every row sealed before this migration verifies as it did.
import type Database from 'better-sqlite3';
import {randomUuid} from '../../digest.js';

export const sql = `
ALTER TABLE runs ADD COLUMN lock_scope TEXT CHECK (lock_scope IN ('host', 'fleet'));

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE fleet_outbox (
  run_id     INTEGER PRIMARY KEY,
  revision   INTEGER NOT NULL,
  queued_at  TEXT    NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;

ALTER TABLE locks ADD COLUMN fleet_epoch_seen INTEGER;
`;

export function migrate(db: Database.Database): void {
  db.exec(sql);
  db.prepare(`INSERT INTO meta (key, value) VALUES ('source_id', ?)`).run(randomUuid());
}
