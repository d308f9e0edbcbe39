import {sha256} from '@noble/hashes/sha2';
import {bytesToHex, utf8ToBytes} from '@noble/hashes/utils';
import type Database from 'better-sqlite3';
import {columns, selectableColumns, type StoredRow} from './columns.js';
import {revisions, type OutboxWriter} from './outbox.js';
import {rollupWriter} from './rollup.js';

/** What the first finalized row links to when nothing was ever pruned. */
export const genesisHash = '0'.repeat(64);

// The canonical form is the stored values (SQLite's own integers and text, booleans as 0/1,
// argv and rules as their JSON text) of every column of migration 001 but `hash`, in column
// order. A column added later (`pruned`) joins it as a [name, value] pair, and only on the
// rows where it holds a value: every row sealed before it existed, and every run row since,
// hashes as it always did, while clearing the value of a row that has one changes its hash.
const firstColumns = columns.slice(0, columns.indexOf('hash'));
const laterColumns = columns.slice(columns.indexOf('hash') + 1);

/**
 * The hash of a finalized row: SHA-256 over its `prev_hash` and its canonical content. Every
 * run seals a row, and node:crypto would cost each one ~2 ms of CPU to load for a hash of a
 * few hundred bytes: @noble/hashes computes the same digest in JavaScript, and
 * test/audit/chain-hash.test.ts holds it to node:crypto's.
 */
export function rowHash(row: StoredRow): string {
  const values: unknown[] = firstColumns.map((column) => row[column]);
  for (const column of laterColumns) if (row[column] !== null && row[column] !== undefined) values.push([column, row[column]]);
  return sha256Hex(`${row.prev_hash ?? ''}\n${JSON.stringify(values)}`);
}

/** SHA-256 of the text's UTF-8 bytes (a lone surrogate as U+FFFD, as Buffer.from has it), as hex. */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

export interface ChainLink {
  hash: string;
  seq: number;
}

/**
 * Finalizes rows into the chain; call only inside an IMMEDIATE transaction. Every path that
 * ends a row (recordEnd, recordFinished, reconcile's abandoned) seals it here, so this is also
 * where the row is counted into the stats rollups (job_hours, job_days), in the same
 * transaction, and queued for the fleet when `outbox` is given. The hash covers the row only:
 * the rollups are derived data, outside the chain.
 */
export function chainWriter(db: Database.Database, outbox?: OutboxWriter) {
  const rollup = rollupWriter(db);
  const newest = db.prepare<[], ChainLink>('SELECT seq, hash FROM runs WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1');
  const anchor = db.prepare<[], ChainLink>('SELECT seq, hash FROM chain_anchor WHERE id = 1');
  const link = db.prepare<[number, string, number]>('UPDATE runs SET seq = ?, prev_hash = ? WHERE id = ?');
  // Migration 004 seals a row before later columns exist: those read as NULL, which the hash leaves out.
  const read = db.prepare<[number], StoredRow>(`SELECT ${selectableColumns(db)} FROM runs WHERE id = ?`);
  const stamp = db.prepare<[string, number]>('UPDATE runs SET hash = ? WHERE id = ?');

  return {
    /** Gives row `id` the next `seq`, links it to the head, hashes it; returns the final row. */
    seal(id: number): StoredRow {
      const head = newest.get() ?? anchor.get() ?? {hash: genesisHash, seq: 0};
      link.run(head.seq + 1, head.hash, id);
      const row = read.get(id)!;
      row.hash = rowHash(row);
      stamp.run(row.hash, id);
      rollup.add(row);
      outbox?.queue(id, revisions.final);
      return row;
    },
  };
}

/** The newest link: the hash a copy kept apart should match (`verify --head`). */
export function chainHead(db: Database.Database): ChainLink | undefined {
  return (
    db.prepare<[], ChainLink>('SELECT seq, hash FROM runs WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1').get() ??
    db.prepare<[], ChainLink>('SELECT seq, hash FROM chain_anchor WHERE id = 1').get()
  );
}
