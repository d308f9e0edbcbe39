// `guard verify`, whichever way it was reached: through oclif (src/commands/verify.ts, for help
// and --fleet, which it checks itself) or on the lean path (src/cli/lean-read.ts).
import {openAuditStoreForQueries} from '../audit/store.js';
import {verifyChain, type Verdict} from '../audit/verify.js';
import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath} from '../paths.js';
import {printLine} from '../print.js';
import {dbFlag, fleetFlag, type FlagSpecs} from './flag-spec.js';
import {parseHeadHash} from './query-flags.js';

export const verifyFlags = {
  db: dbFlag,
  fleet: fleetFlag("also compare the log with its copy in the fleet's central history"),
  head: {kind: 'value', helpValue: 'HASH', summary: 'a head hash kept apart: the chain must still contain it, with no prune after it'},
} as const satisfies FlagSpecs;

export const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What a chain that verifies says. */
export function summary(path: string, verdict: Extract<Verdict, {ok: true}>): string {
  if (!verdict.head) {
    const why = verdict.live > 0 ? `${counted(verdict.live, 'run', 'runs')} still live` : 'a fresh log';
    return `audit log ${path}: no finished run yet, nothing to verify (${why})`;
  }

  const parts = [...(verdict.rows > 0 || verdict.prunes === 0 ? [counted(verdict.rows, 'finished run', 'finished runs')] : [])];
  if (verdict.prunes > 0) parts.push(counted(verdict.prunes, 'prune', 'prunes'));
  const verb = verdict.rows + verdict.prunes === 1 ? 'verifies' : 'verify';
  return `audit log ${path}: ${parts.join(' and ')} ${verb}, head ${verdict.head.hash} (seq ${verdict.head.seq})`;
}

/** What a chain that breaks says: the first row that does not verify. */
export function brokenLine(path: string, verdict: Extract<Verdict, {ok: false}>): string {
  const where = verdict.id === undefined ? '' : `row ${verdict.id} (seq ${verdict.seq}): `;
  return `audit log ${path}: ${where}${verdict.problem}`;
}

/** The --head the flags give, checked before the log is opened. */
export const headOf = (flags: {head?: string}) => (flags.head === undefined ? undefined : parseHeadHash(flags.head, '--head'));

/** Verifies this host's log alone: one line, or a broken chain exits 1 naming the first bad row. */
export function verifyLocal(flags: {db?: string; head?: string}): void {
  const head = headOf(flags);
  const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
  try {
    const verdict = verifyChain(store, head);
    if (!verdict.ok) throw new GuardError(brokenLine(store.path, verdict), exitStatus.chainBroken);
    printLine('stdout', summary(store.path, verdict));
  } finally {
    store.close();
  }
}
