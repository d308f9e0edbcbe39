// Shipping: the local audit log stays the record; what its outbox holds is copied to the
// central `runs` table in one transaction per batch, each row keyed by the log's source id
// and its local id, and only ever replacing an older revision of itself. Retries and
// duplicates are harmless. Shipping never changes a run's status: a failure leaves the rows
// queued for the next run or `guard fleet sync`.
import type {StoredRun} from '../audit/row.js';
import {runColumns} from './schema.js';
import type {FleetSession} from './session.js';

/** A queued copy: the run row as the local log holds it, at this revision (1 starting, 2 running, 3 final). */
export interface Queued {
  revision: number;
  row: StoredRun;
}

/** The local log's side of shipping. */
export interface Outbox {
  host: string;
  pending(limit: number): Promise<Queued[]>;
  shipped(items: Array<{revision: number; run_id: number}>): Promise<void>;
  failed(runIds: number[], error: string): Promise<void>;
  sourceId: string;
}

const tails = new Set(['stdout_tail', 'stderr_tail']);
const booleans = new Set(['timed_out', 'killed']);

/** A local row as the central table takes it. Output tails only when `fleet.output` says so. */
export function centralRow(queued: Queued, sourceId: string, output: boolean): Record<string, unknown> {
  const {row} = queued;
  const central: Record<string, unknown> = {local_id: row.id, revision: queued.revision, source_id: sourceId};
  for (const [column] of runColumns) {
    let value = (row as unknown as Record<string, unknown>)[column] ?? null;
    if (tails.has(column) && !output) value = null;
    if (booleans.has(column) && value !== null) value = Boolean(value);
    central[column] = value;
  }

  return central;
}

const recordType = (type: string) => type.replace(' NOT NULL', '');
const quoted = (column: string) => (column === 'user' ? '"user"' : column);

/** Upserts a batch of rows and advances the source's chain head, in one transaction. */
export async function shipBatch(session: FleetSession, schema: string, outbox: Pick<Outbox, 'host' | 'sourceId'>, batch: Queued[], output: boolean, ms: number): Promise<void> {
  const rows = batch.map((queued) => centralRow(queued, outbox.sourceId, output));
  const chained = batch.map(({row}) => row).filter((row) => row.seq !== null && row.hash !== null);
  const head = chained.reduce<StoredRun | null>((best, row) => (best === null || row.seq! > best.seq! ? row : best), null);
  const columns = runColumns.map(([column]) => column);
  const recordColumns = ['source_id uuid', 'local_id bigint', 'revision integer', ...runColumns.map(([column, type]) => `${quoted(column)} ${recordType(type)}`)].join(', ');
  const names = ['source_id', 'local_id', 'revision', ...columns].map(quoted).join(', ');
  const updates = ['revision', ...columns].map((column) => `${quoted(column)} = EXCLUDED.${quoted(column)}`).join(', ');
  await session.within(ms, 'shipping', (sql) =>
    sql.begin(async (tx) => {
      await tx.unsafe(
        `INSERT INTO ${schema}.sources AS s (source_id, host, head_seq, head_hash) VALUES ($1::uuid, $2, $3::bigint, $4)
ON CONFLICT (source_id) DO UPDATE SET host = EXCLUDED.host, last_seen = now(),
  head_seq = CASE WHEN EXCLUDED.head_seq > coalesce(s.head_seq, -1) THEN EXCLUDED.head_seq ELSE s.head_seq END,
  head_hash = CASE WHEN EXCLUDED.head_seq > coalesce(s.head_seq, -1) THEN EXCLUDED.head_hash ELSE s.head_hash END`,
        [outbox.sourceId, outbox.host, head?.seq ?? null, head?.hash ?? null],
      );
      if (rows.length === 0) return;
      await tx.unsafe(
        `INSERT INTO ${schema}.runs AS r (${names}, shipped_at)
SELECT ${names}, now() FROM jsonb_to_recordset($1::text::jsonb) AS x(${recordColumns})
ON CONFLICT (source_id, local_id) DO UPDATE SET ${updates}, shipped_at = now()
WHERE r.revision < EXCLUDED.revision`,
        [JSON.stringify(rows)],
      );
    }),
    {keep: true},
  );
}

export interface Shipped {
  /** Rows copied (or found already there at their revision). */
  shipped: number;
  /** Why the rest stay queued, if shipping stopped. */
  error: string | null;
}

/**
 * Drains the outbox in batches until it is empty, `limit` rows are shipped, or `deadline`
 * (a Date.now() value) passes. A failed batch stays queued, its error noted on its rows.
 */
export async function drain(session: FleetSession, schema: string, outbox: Outbox, {deadline, limit, output}: {deadline: number; limit: number; output: boolean}): Promise<Shipped> {
  let shipped = 0;
  while (shipped < limit) {
    const left = deadline - Date.now();
    if (left <= 0) return {error: 'the time for shipping ran out', shipped};
    const batch = await outbox.pending(Math.min(200, limit - shipped));
    if (batch.length === 0) break;
    try {
      await shipBatch(session, schema, outbox, batch, output, Math.min(left, 60_000));
    } catch (error) {
      const text = (error as Error).message.split('\n')[0]!;
      await outbox.failed(
        batch.map(({row}) => row.id),
        text,
      ).catch(() => {});
      return {error: text, shipped};
    }

    await outbox.shipped(batch.map(({revision, row}) => ({revision, run_id: row.id})));
    shipped += batch.length;
  }

  return {error: null, shipped};
}
