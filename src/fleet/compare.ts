// `verify --fleet`: does the central history hold what this log sealed? Each sealed row
// shipped is compared with its central copy (seq and hash), and the head the log last
// shipped with the local row of that seq. A row still queued is no difference, only not
// shipped yet; nor is a row older than the log's first central row (it was sealed before
// the log joined the fleet, or the fleet pruned it).
import type {ChainLink} from '../audit/chain.js';
import type {ShippingState} from '../audit/verify.js';

/** The central copy of one log's chain (central.ts centralChain). */
export interface CentralChain {
  head: {hash: string | null; seq: number | null} | null;
  rows: Map<number, {hash: string | null; seq: number | null; status: string}>;
}

export interface ChainComparison {
  /** Rows whose central copy matches. */
  matched: number;
  /** Older rows with no central copy: before the log joined the fleet, or pruned there. */
  before: number;
  /** One line per difference. */
  differences: string[];
  /** Rows still queued to ship. */
  unshipped: number;
}

const short = (hash: string | null) => (hash === null ? 'none' : hash.slice(0, 12));

export function compareWithCentral(local: ShippingState, central: CentralChain): ChainComparison {
  const result: ChainComparison = {before: 0, differences: [], matched: 0, unshipped: 0};
  const first = Math.min(...central.rows.keys());
  for (const link of local.links) {
    const copy = central.rows.get(link.id);
    if (local.queued.has(link.id)) result.unshipped++;
    else if (!copy && link.id < first) result.before++;
    else if (!copy) result.differences.push(`run ${link.id} (seq ${link.seq}): not in the central history, and not queued to ship`);
    else if (copy.seq === null) result.differences.push(`run ${link.id} (seq ${link.seq}): the central copy is still ${copy.status}, and the final row is not queued to ship`);
    else if (copy.seq !== link.seq || copy.hash !== link.hash) {
      result.differences.push(`run ${link.id}: the central copy has seq ${copy.seq}, hash ${short(copy.hash)}; the local row has seq ${link.seq}, hash ${short(link.hash)}`);
    } else result.matched++;
  }

  const head = headDifference(local, central.head);
  if (head) result.differences.push(head);
  return result;
}

// The central head is the local head as it was when the log last shipped: never past the
// local head, and the local row of its seq (unless pruned here since) has its hash.
function headDifference(local: ShippingState, head: CentralChain['head']): string | undefined {
  if (!head || head.seq === null) return undefined;
  const localHead: ChainLink | undefined = local.head;
  if (!localHead || head.seq > localHead.seq) {
    return `the central head is seq ${head.seq}, past the local head (${localHead ? `seq ${localHead.seq}` : 'none'}): rows were removed from this log`;
  }

  const row = local.links.find((link) => link.seq === head.seq) ?? (localHead.seq === head.seq ? localHead : undefined);
  if (row && row.hash !== head.hash) return `the central head (seq ${head.seq}) has hash ${short(head.hash)}, the local row of that seq ${short(row.hash)}: the chain was rewritten`;
  return undefined;
}
