import type Database from 'better-sqlite3';
import {AuditError} from '../errors.js';
import {guarded} from './failure.js';
import {sql as createJobRollups} from './migrations/003-create-job-rollups.js';
import {migrations} from './migrations/list.js';
import {commandRan, commandRanSql, liveStatuses, failureStatuses, logStatuses, type RunStatus} from './row.js';
import {addDurations, bucketCount, bucketOf, histogramPercentile, wholePeriodsFrom} from './rollup.js';
import type {AuditStore} from './store.js';

export interface StatsFilter {
  name?: string;
  since?: string;
}

/** One job's record over the window. */
export interface JobStats {
  failures: number;
  last_started_at: string;
  last_status: RunStatus;
  name: string;
  p50_ms: number | null;
  p95_ms: number | null;
  runs: number;
  /** succeeded / (succeeded + failures); null when nothing has ended yet. */
  success_rate: number | null;
}

interface Tally {
  /** Known durations per bucket (rollup.ts). */
  durations: Float64Array;
  failures: number;
  runs: number;
  succeeded: number;
  timed: number;
}

type RollupRow = [name: string, runs: number, succeeded: number, failures: number, durations: string];
type RunSample = [name: string, status: RunStatus, duration: number | null, childPid: number | null];

const quoted = (statuses: readonly RunStatus[]) => `(${statuses.map((status) => `'${status}'`).join(', ')})`;
const live = quoted(liveStatuses);
// Constants, not input: a prune's row is in `runs` but is no run of a job.
const notLog = `status NOT IN ${quoted(logStatuses)}`;

// Only the parameters a statement names: better-sqlite3 refuses the others.
function run<T>(db: Database.Database, sql: string, parameters: Record<string, string | undefined>): T[] {
  const used = Object.fromEntries(Object.entries(parameters).filter(([key, value]) => value !== undefined && sql.includes(`@${key}`)));
  return db.prepare(sql).raw().all(used) as T[];
}

/**
 * Per job name: runs, failures (as `history --failed` counts them), success rate, p50/p95
 * duration of the runs whose command ran (row.ts commandRan), and the latest run. The cost does not grow with the log:
 *
 * - finished runs come from the rollups (migrations/003): whole days inside the window from
 *   `job_days`, the whole hours before the first of them from `job_hours`, and the part of an
 *   hour the window starts in exactly from `runs` (the `runs_by_time` index). Counts are
 *   exact; p50/p95 are read from duration buckets, within 3.2% of the exact nearest-rank
 *   value (exact below 32 ms), see rollup.ts;
 * - live runs (`starting`, `running`) are counted in `runs` (never in failures or the
 *   success rate, they have not ended) from `runs` itself, as they are not rolled up;
 * - the last run of each name is one lookup in `runs_by_name`: a name with a run in the
 *   window has its newest run there. Ties on `started_at` go to the newest row;
 * - a prune's own row (`pruned`) is no run of a job and counts nowhere.
 *
 * Everything is read in one transaction, so a run sealed meanwhile is counted once.
 */
export function jobStats(store: AuditStore, filter: StatsFilter): JobStats[] {
  return guarded(store.path, () => {
    const schema = store.db.pragma('user_version', {simple: true}) as number;
    // A reader never migrates: a log from before the rollups cannot answer until a writer upgrades it.
    if (schema < rollupsSchema) throw new AuditError(`audit log ${store.path}: schema ${schema} predates the stats rollups (schema ${rollupsSchema}); the next guard run upgrades it`);
    return store.db.transaction(() => collect(store.db, filter)).deferred();
  });
}

const rollupsSchema = migrations.indexOf(createJobRollups) + 1;

function collect(db: Database.Database, filter: StatsFilter): JobStats[] {
  const tallies = new Map<string, Tally>();
  const tally = (name: string): Tally => {
    let found = tallies.get(name);
    if (!found) tallies.set(name, (found = {durations: new Float64Array(bucketCount), failures: 0, runs: 0, succeeded: 0, timed: 0}));
    return found;
  };

  const addRollup = ([name, runs, succeeded, failures, durations]: RollupRow) => {
    const job = tally(name);
    job.runs += runs;
    job.succeeded += succeeded;
    job.failures += failures;
    job.timed += addDurations(job.durations, durations);
  };

  const addRun = ([name, status, duration, childPid]: RunSample) => {
    const job = tally(name);
    job.runs++;
    if (status === 'succeeded') job.succeeded++;
    else if (failureStatuses.includes(status)) job.failures++;
    if (duration !== null && commandRan(status, childPid)) {
      job.durations[bucketOf(duration)]!++;
      job.timed++;
    }
  };

  const byName = filter.name === undefined ? '' : ' AND name = @name';
  const rollupColumns = 'name, runs, succeeded, failures, durations';
  if (filter.since === undefined) {
    for (const row of run<RollupRow>(db, `SELECT ${rollupColumns} FROM job_days WHERE 1${byName}`, {name: filter.name})) addRollup(row);
    for (const row of run<RunSample>(db, `SELECT name, status, NULL, NULL FROM runs WHERE status IN ${live}${byName}`, {name: filter.name})) addRun(row);
  } else {
    const {day, hour} = wholePeriodsFrom(filter.since);
    const parameters = {day, dayHour: day.slice(0, 13), dayKey: day.slice(0, 10), hour, hourKey: hour.slice(0, 13), name: filter.name, since: filter.since};
    const partial = `SELECT name, status, duration_ms, child_pid FROM runs WHERE started_at >= @since AND started_at < @hour AND ${notLog}${byName}`;
    for (const row of run<RunSample>(db, partial, parameters)) addRun(row);
    const hours = `SELECT ${rollupColumns} FROM job_hours WHERE hour >= @hourKey AND hour < @dayHour${byName}`;
    for (const row of run<RollupRow>(db, hours, parameters)) addRollup(row);
    for (const row of run<RollupRow>(db, `SELECT ${rollupColumns} FROM job_days WHERE day >= @dayKey${byName}`, parameters)) addRollup(row);
    const liveRuns = `SELECT name, status, NULL, NULL FROM runs WHERE status IN ${live} AND started_at >= @hour${byName}`;
    for (const row of run<RunSample>(db, liveRuns, parameters)) addRun(row);
  }

  const last = db.prepare<[string], {started_at: string; status: RunStatus}>(
    `SELECT started_at, status FROM runs WHERE name = ? AND ${notLog} ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  return [...tallies.entries()]
    .filter(([, job]) => job.runs > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, job]) => {
      const newest = last.get(name);
      const ended = job.succeeded + job.failures;
      return {
        failures: job.failures,
        // A rollup without its rows cannot outlive a prune (prune.ts), so a name has a newest run.
        last_started_at: newest?.started_at ?? '',
        last_status: newest?.status ?? 'abandoned',
        name,
        p50_ms: histogramPercentile(job.durations, job.timed, 0.5),
        p95_ms: histogramPercentile(job.durations, job.timed, 0.95),
        runs: job.runs,
        success_rate: ended === 0 ? null : job.succeeded / ended,
      };
    });
}

/** How many of a job's latest attempts, and of its latest timed runs, `stats` shows. */
export const recentCount = 10;

/** A job's latest outcomes and durations in the window, oldest first. */
export interface JobRecent {
  durations: Array<{duration_ms: number; status: RunStatus}>;
  outcomes: RunStatus[];
}

/**
 * For each name, its last `recentCount` attempts (a prune's row is none) and the durations of
 * its last `recentCount` runs whose command ran, started at or after `since`. Two short walks
 * of `runs_by_name` per job, newest first, so the cost does not grow with the log.
 */
export function recentRuns(store: AuditStore, names: readonly string[], since = ''): Map<string, JobRecent> {
  return guarded(store.path, () => {
    const outcomes = store.db
      .prepare<[string, string], RunStatus>(`SELECT status FROM runs WHERE name = ? AND started_at >= ? AND ${notLog} ORDER BY started_at DESC, id DESC LIMIT ${recentCount}`)
      .pluck();
    const timed = store.db.prepare<[string, string], {duration_ms: number; status: RunStatus}>(
      `SELECT duration_ms, status FROM runs WHERE name = ? AND started_at >= ? AND ${commandRanSql} AND duration_ms IS NOT NULL
       ORDER BY started_at DESC, id DESC LIMIT ${recentCount}`,
    );
    const read = () => new Map(names.map((name) => [name, {durations: timed.all(name, since).reverse(), outcomes: outcomes.all(name, since).reverse()}]));
    return store.db.transaction(read).deferred();
  });
}
