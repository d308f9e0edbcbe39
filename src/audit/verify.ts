import type Database from 'better-sqlite3';
import {AuditError} from '../errors.js';
import {chainHead, genesisHash, rowHash, type ChainLink} from './chain.js';
import {selectableColumns, type StoredRow} from './columns.js';
import {guarded} from './failure.js';
import {migrations, prunesRecordedFrom} from './migrations/list.js';
import {sourceId} from './outbox.js';
import type {PruneRecord} from './row.js';
import type {AuditStore} from './store.js';

export type Verdict =
  | {head: ChainLink | undefined; live: number; ok: true; prunes: number; rows: number}
  | {id: number | undefined; ok: false; problem: string; seq: number | undefined};

function broken(row: Pick<StoredRow, 'id' | 'seq'> | undefined, problem: string): Verdict {
  return {id: row?.id as number | undefined, ok: false, problem, seq: row?.seq as number | undefined};
}

interface Prune {
  record: PruneRecord;
  row: StoredRow;
}

// What a sealed `pruned` row claims, if it makes sense: seqs before its own, a hash.
function pruneRecord(row: StoredRow): PruneRecord | undefined {
  try {
    const record = JSON.parse(String(row.pruned)) as Partial<PruneRecord>;
    const {first_seq: first, last_seq: last, runs} = record;
    const seqs = [first, last, runs].every((value) => Number.isSafeInteger(value));
    if (seqs && first! >= 1 && first! <= last! && last! < (row.seq as number) && typeof record.last_hash === 'string') return record as PruneRecord;
  } catch {}

  return undefined;
}

/**
 * Walks the chain in `seq` order from the prune anchor (or genesis), recomputing every link
 * and hash; the first row that does not verify is named. Beyond the links:
 *
 * - an anchor (rows were pruned) must be named exactly by the newest `pruned` row in the
 *   chain, which a prune seals in the transaction that deletes: an anchor written by hand,
 *   without one, means rows were removed; a `pruned` row with no anchor to match, a forgery;
 * - with no anchor, every run id ever handed out (sqlite_sequence) must still be there, live
 *   rows included, which the chain does not cover yet;
 * - `head`, a hash kept apart, must be the hash of a row still in the chain, and no prune may
 *   come after it: that prune removed rows the head vouched for, and whoever can write the
 *   file can forge a prune with its anchor. Verify against the head the prune logged.
 *
 * All in one read transaction, so rows sealed meanwhile are not half seen. A log from a newer
 * guard is refused (74): its rows may hash a form this guard does not know.
 */
export function verifyChain(store: AuditStore, head?: string): Verdict {
  return guarded(store.path, () => {
    const schema = store.db.pragma('user_version', {simple: true}) as number;
    if (schema > migrations.length) {
      throw new AuditError(`audit log ${store.path}: written by a newer guard (schema ${schema}, this guard knows ${migrations.length}); upgrade guard to verify it`);
    }

    return store.db.transaction(() => walk(store.db, schema, head)).deferred();
  });
}

function walk(db: Database.Database, schema: number, head: string | undefined): Verdict {
  const anchor = db.prepare<[], ChainLink>('SELECT seq, hash FROM chain_anchor WHERE id = 1').get();
  let previous: ChainLink = anchor ?? {hash: genesisHash, seq: 0};
  let rows = 0;
  let headSeq: number | undefined;
  const prunes: Prune[] = [];

  for (const row of db.prepare<[], StoredRow>(`SELECT ${selectableColumns(db)} FROM runs WHERE seq IS NOT NULL ORDER BY seq`).iterate()) {
    const seq = row.seq as number;
    if (seq !== previous.seq + 1) return broken(row, `seq ${previous.seq + 1} expected: rows before it were removed`);
    if (row.prev_hash !== previous.hash) return broken(row, `prev_hash does not match the hash of seq ${previous.seq}: a row before it was changed or removed`);
    if (row.hash !== rowHash(row)) return broken(row, 'hash does not match its content: the row was changed');
    if (row.status === 'pruned') {
      const record = pruneRecord(row);
      if (!record) return broken(row, 'a prune whose record of what it removed does not hold together: the row was forged');
      prunes.push({record, row});
    } else {
      rows++;
    }

    if (row.hash === head) headSeq = seq;
    previous = {hash: row.hash as string, seq};
  }

  const stray = db
    .prepare<[], Pick<StoredRow, 'id' | 'seq' | 'status'>>(
      `SELECT id, seq, status FROM runs WHERE seq IS NULL AND status NOT IN ('starting', 'running') ORDER BY id LIMIT 1`,
    )
    .get();
  if (stray) return broken(stray, `status ${String(stray.status)} but not in the chain: the row was changed`);

  const newest = prunes.at(-1);
  if (anchor && !newest) {
    const older = schema < prunesRecordedFrom ? `; schema ${schema} predates recorded prunes: if an earlier guard pruned this log, the next guard run records that` : '';
    return broken(undefined, `the chain starts after seq ${anchor.seq}, but no pruned row names that anchor: rows before it were removed${older}`);
  }

  if (newest && (!anchor || newest.record.last_seq !== anchor.seq || newest.record.last_hash !== anchor.hash)) {
    const start = anchor ? `after seq ${anchor.seq}` : 'at seq 1 (no anchor)';
    return broken(newest.row, `a prune of seq ${newest.record.first_seq} to ${newest.record.last_seq}, but the chain starts ${start}: the anchor or the prune was forged`);
  }

  if (head !== undefined) {
    if (headSeq === undefined) return broken(undefined, `head ${head} is not in the chain: rows were removed or rewritten`);
    const later = prunes.find((prune) => (prune.row.seq as number) > headSeq!);
    if (later) return broken(later.row, `a prune after head ${head} (seq ${headSeq}): it removed rows that head vouched for; verify against the head the prune logged`);
  }

  if (!anchor) {
    const missing = missingId(db);
    if (missing) return broken(undefined, `run ids up to ${missing.handed} were handed out, but id ${missing.id} is gone and no prune was recorded: rows were removed`);
  }

  const live = db.prepare<[], {n: number}>(`SELECT count(*) AS n FROM runs WHERE status IN ('starting', 'running')`).get()!.n;
  return {head: rows + prunes.length > 0 ? previous : undefined, live, ok: true, prunes: prunes.length, rows};
}

// Ids are never handed out twice (AUTOINCREMENT) and only a prune deletes: with no prune,
// ids 1 to the highest ever handed out are all there. The first one that is not, if any.
function missingId(db: Database.Database): {handed: number; id: number} | undefined {
  const handed = db.prepare<[], {seq: number}>(`SELECT seq FROM sqlite_sequence WHERE name = 'runs'`).get()?.seq ?? 0;
  const present = db.prepare<[], {n: number}>('SELECT count(*) AS n FROM runs').get()!.n;
  if (present >= handed) return undefined;
  const id = db
    .prepare<[number], {id: number}>(
      `SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM runs WHERE id = 1) THEN 1
              ELSE (SELECT min(id) + 1 FROM runs AS r WHERE id < ? AND NOT EXISTS (SELECT 1 FROM runs WHERE id = r.id + 1)) END AS id`,
    )
    .get(handed)!.id;
  return {handed, id};
}

/** What `verify --fleet` compares with the central copy, read at one moment: the sealed rows' links and the runs still queued. */
export interface ShippingState {
  head: ChainLink | undefined;
  links: Array<ChainLink & {id: number}>;
  queued: Set<number>;
  sourceId: string;
}

export function shippingState(store: AuditStore): ShippingState {
  const {db} = store;
  const read = () => ({
    head: chainHead(db),
    links: db.prepare<[], ChainLink & {id: number}>('SELECT id, seq, hash FROM runs WHERE seq IS NOT NULL ORDER BY seq').all(),
    queued: new Set(db.prepare<[], number>('SELECT run_id FROM fleet_outbox').pluck().all()),
    sourceId: sourceId(db),
  });
  return guarded(store.path, () => db.transaction(read).deferred());
}
