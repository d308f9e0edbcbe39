import {columnList, type StoredRow} from './columns.js';
import {genesisHash, rowHash, type ChainLink} from './chain.js';
import type {AuditStore} from './store.js';

export type Verdict =
  | {head: ChainLink | undefined; ok: true; rows: number}
  | {id: number | undefined; ok: false; problem: string; seq: number | undefined};

function broken(row: Pick<StoredRow, 'id' | 'seq'> | undefined, problem: string): Verdict {
  return {id: row?.id as number | undefined, ok: false, problem, seq: row?.seq as number | undefined};
}

/**
 * Walks the chain in `seq` order from the prune anchor (or genesis), recomputing every link
 * and hash; the first row that does not verify is named. `head`, a hash kept apart, must
 * still be in the chain (or be the anchor): otherwise rows were removed or rewritten.
 */
export function verifyChain(store: AuditStore, head?: string): Verdict {
  const {db} = store;
  const anchor = db.prepare<[], ChainLink>('SELECT seq, hash FROM chain_anchor WHERE id = 1').get();
  let previous: ChainLink = anchor ?? {hash: genesisHash, seq: 0};
  let rows = 0;
  let headSeen = head === undefined || head === anchor?.hash;

  for (const row of db.prepare<[], StoredRow>(`SELECT ${columnList} FROM runs WHERE seq IS NOT NULL ORDER BY seq`).iterate()) {
    const seq = row.seq as number;
    if (seq !== previous.seq + 1) return broken(row, `seq ${previous.seq + 1} expected: rows before it were removed`);
    if (row.prev_hash !== previous.hash) return broken(row, `prev_hash does not match the hash of seq ${previous.seq}: a row before it was changed or removed`);
    if (row.hash !== rowHash(row)) return broken(row, 'hash does not match its content: the row was changed');
    if (row.hash === head) headSeen = true;
    previous = {hash: row.hash, seq};
    rows++;
  }

  const stray = db
    .prepare<[], Pick<StoredRow, 'id' | 'seq' | 'status'>>(
      `SELECT id, seq, status FROM runs WHERE seq IS NULL AND status NOT IN ('starting', 'running') ORDER BY id LIMIT 1`,
    )
    .get();
  if (stray) return broken(stray, `status ${String(stray.status)} but not in the chain: the row was changed`);
  if (!headSeen) return broken(undefined, `head ${head} is not in the chain: rows were removed or rewritten`);
  return {head: rows > 0 || anchor ? previous : undefined, ok: true, rows};
}
