// `prune --fleet`: the central history's own retention, apart from each host's. Rows go in
// batches, each its own transaction, so a large prune never holds one long lock on the table
// or a huge undo; runs still going are kept. Hosts' writer roles may not delete (schema.ts):
// this is the admin's, or a role granted DELETE.
import type {FleetSession} from './session.js';

/** How many rows one DELETE removes. */
export const pruneBatch = 10_000;

export interface CentralPrune {
  batches: number;
  deleted: number;
  /** Rows older than the cutoff when the prune began. */
  matched: number;
}

/** The role may run DELETE but row-level security shows it none of the rows: nothing can go. */
export class PruneHidden extends Error {}

const old = (schema: string) => `FROM ${schema}.runs WHERE started_at < $1::timestamptz AND status NOT IN ('starting', 'running')`;

export async function pruneCentral(session: FleetSession, schema: string, cutoff: string, dryRun: boolean, ms: number): Promise<CentralPrune> {
  const [row] = await session.within(ms, 'the prune count', (sql) => sql.unsafe(`SELECT count(*) AS n ${old(schema)}`, [cutoff]));
  const matched = Number(row!.n);
  const result: CentralPrune = {batches: 0, deleted: 0, matched};
  if (dryRun || matched === 0) return result;
  for (;;) {
    const gone = await session.within(ms, 'a prune batch', (sql) => sql.unsafe(`DELETE FROM ${schema}.runs WHERE ctid IN (SELECT ctid ${old(schema)} LIMIT ${pruneBatch})`, [cutoff]));
    if (gone.count === 0) break;
    result.batches++;
    result.deleted += gone.count;
  }

  if (result.deleted === 0) throw new PruneHidden(`${matched} rows are older, but row-level security lets this role delete none of them`);
  return result;
}
