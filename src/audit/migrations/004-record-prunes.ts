// Why: `guard prune` is itself recorded in the hash chain, as a finalized row of status
// `pruned` sealed in the transaction that deletes, so a prune forged by editing the file
// changes the head that a copy kept apart vouches for. The row names what it removed in
// `pruned`, JSON: {"first_seq", "last_seq", "runs", "last_hash" (the new anchor), "before"
// (the cutoff)}; NULL on every other row. The chain hashes the column only where it holds a
// value (../chain.ts), so every row sealed before this migration still verifies. `status`
// has no CHECK, so the new status needs nothing more.
// A log pruned by an earlier guard has an anchor that no row names, which `verify` now calls
// a removal: that earlier prune is recorded here, once, as a `pruned` row (before: null)
// sealed at the head. A head kept from before the upgrade then precedes a prune, as it would
// any prune: verify against a head logged after it.
import type Database from 'better-sqlite3';
import type {ChainLink} from '../chain.js';
import {pruneFields, recordPrune, thisGuard} from '../prune.js';

export const sql = 'ALTER TABLE runs ADD COLUMN pruned TEXT;';

export function recordEarlierPrune(db: Database.Database): void {
  const anchor = db.prepare<[], ChainLink>('SELECT seq, hash FROM chain_anchor WHERE id = 1').get();
  if (!anchor) return;
  const note = `recorded when the log was upgraded to schema 4: an earlier guard pruned seq 1 to ${anchor.seq} and did not record it`;
  const pruner = thisGuard([], '(a prune by an earlier guard)');
  recordPrune(db, pruneFields(pruner, new Date(), [note]), {before: null, first_seq: 1, last_hash: anchor.hash, last_seq: anchor.seq, runs: anchor.seq});
}

export function migrate(db: Database.Database): void {
  db.exec(sql);
  recordEarlierPrune(db);
}
