// The `runs` table is a public interface: these names are its columns and the keys of
// every JSON guard prints. Columns may be added; none is renamed.

export type RunStatus =
  | 'abandoned'
  | 'blocked'
  | 'dry_run'
  | 'error'
  | 'failed'
  | 'interrupted'
  | 'killed'
  | 'lock_busy'
  | 'lock_lost'
  | 'lock_unavailable'
  | 'pruned'
  | 'running'
  | 'starting'
  | 'succeeded'
  | 'timed_out';

/** What is known before the command starts; committed as a `starting` row. */
export interface StartFields {
  argv: string[];
  attempt: number;
  command: string;
  cwd: string;
  decision: string | null;
  group_id: string | null;
  guard_version: string;
  host: string;
  lock: string | null;
  lock_epoch: number | null;
  /** Which lock the epoch belongs to: this host's, the fleet's, or none (no lock). */
  lock_scope: 'fleet' | 'host' | null;
  name: string;
  /** guard's own pid and its process start time: together they tell whether this guard still lives. */
  pid: number;
  pid_start: number;
  reason: string | null;
  rules: string[] | null;
  started_at: string;
  user: string;
}

/** What is known once the run has ended. */
export interface EndFields {
  duration_ms: number;
  ended_at: string;
  error: string | null;
  exit_code: number | null;
  killed: boolean;
  /** What else happened that an operator should know (a stale lock holder cleared…). */
  notes: string[];
  orphans: number;
  signal: string | null;
  status: RunStatus;
  stderr_bytes: number;
  stderr_tail: string;
  stdout_bytes: number;
  stdout_tail: string;
  timed_out: boolean;
}

/**
 * What a `pruned` row says it removed (the `pruned` column, JSON): the finalized rows of seq
 * `first_seq` to `last_seq`, `runs` of them, all started before `before` (null when an earlier
 * guard pruned without recording it); `last_hash` is the hash of seq `last_seq`, the anchor
 * the rest of the chain links to.
 */
export interface PruneRecord {
  before: string | null;
  first_seq: number;
  last_hash: string;
  last_seq: number;
  runs: number;
}

/** One row of `runs`, as `show --json`, `history --json` and `run --json` print it. */
export interface RunRow extends StartFields, EndFields {
  child_pid: number | null;
  child_start: number | null;
  hash: string | null;
  id: number;
  prev_hash: string | null;
  /** Set on a `pruned` row alone. */
  pruned: PruneRecord | null;
  seq: number | null;
}

/** Every status, in the contract's order. */
export const runStatuses: readonly RunStatus[] = [
  'starting',
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'killed',
  'interrupted',
  'blocked',
  'lock_busy',
  'error',
  'abandoned',
  'dry_run',
  'pruned',
  'lock_lost',
  'lock_unavailable',
];

/** A run whose row is committed but not yet final: not in the hash chain yet. */
export const liveStatuses: readonly RunStatus[] = ['starting', 'running'];

/**
 * The attempts whose command ran: p50/p95 and the durations `stats` shows are theirs alone. A
 * refusal, a busy lock, an unreachable fleet lock or a dry run ran nothing, and its few
 * milliseconds (or its wait for the lock) would pull a job's median down to the time guard
 * takes to say no. A run stopped because its fleet lock was lost (`lock_lost`) did run, as a
 * timed-out one did: its duration is a run's.
 */
export const ranStatuses: readonly RunStatus[] = ['succeeded', 'failed', 'timed_out', 'killed', 'interrupted', 'lock_lost'];

/**
 * Whether an ended attempt's command ran (its duration is a run's): a status of ranStatuses,
 * and for an interruption a command that was started. Ctrl-C at the confirm prompt or during
 * a wait for the lock is `interrupted` too, with no child: nothing ran.
 */
export function commandRan(status: RunStatus, childPid: number | null): boolean {
  return ranStatuses.includes(status) && (status !== 'interrupted' || childPid !== null);
}

/** commandRan in SQL, over the columns of `runs`. */
export const commandRanSql = `(status IN (${ranStatuses.map((status) => `'${status}'`).join(', ')}) AND (status <> 'interrupted' OR child_pid IS NOT NULL))`;

/** A row guard writes about the log itself (`guard prune`), not an attempt of a job: in the chain, counted nowhere in stats. */
export const logStatuses: readonly RunStatus[] = ['pruned'];

type EndValues = Exclude<keyof EndFields, 'status'>;

/**
 * A row as stored and queried: a live run has no end fields yet, and an abandoned one
 * never will (nobody saw it end), so they may be null.
 */
export type StoredRun = Omit<RunRow, EndValues> & {[K in EndValues]: EndFields[K] | null};

/**
 * What `history --failed` and `stats` count as failures: every run that ended without
 * succeeding (refusals, busy locks and abandoned runs included). Live runs have not ended,
 * a dry run ran nothing on purpose and a prune is no run, so none of them is a failure.
 */
export const failureStatuses: readonly RunStatus[] = runStatuses.filter(
  (status) => status !== 'succeeded' && status !== 'dry_run' && !liveStatuses.includes(status) && !logStatuses.includes(status),
);
