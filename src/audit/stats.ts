import {failureStatuses, type RunStatus} from './row.js';
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

type Sample = [name: string, status: RunStatus, duration: number | null, startedAt: string];

// Nearest rank: a percentile is a duration that really occurred.
function percentile(sorted: number[], p: number): number | null {
  return sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/**
 * Per job name: runs, failures (as `history --failed` counts them), success rate, p50/p95
 * duration of the runs that ended, and the latest run. The columns read are all in
 * `runs_by_time`, so a `--since` window never touches the table.
 */
export function jobStats(store: AuditStore, filter: StatsFilter): JobStats[] {
  const where = [filter.since === undefined ? '' : 'started_at >= @since', filter.name === undefined ? '' : 'name = @name'].filter(Boolean);
  const sql = `SELECT name, status, duration_ms, started_at FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`;
  const parameters = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
  const jobs = new Map<string, JobStats & {durations: number[]; succeeded: number}>();

  for (const [name, status, duration, startedAt] of store.db.prepare(sql).raw().iterate(parameters) as Iterable<Sample>) {
    let job = jobs.get(name);
    if (!job) {
      job = {durations: [], failures: 0, last_started_at: startedAt, last_status: status, name, p50_ms: null, p95_ms: null, runs: 0, succeeded: 0, success_rate: null};
      jobs.set(name, job);
    }

    job.runs++;
    if (status === 'succeeded') job.succeeded++;
    else if (failureStatuses.includes(status)) job.failures++;
    if (duration !== null) job.durations.push(duration);
    if (startedAt >= job.last_started_at) {
      job.last_started_at = startedAt;
      job.last_status = status;
    }
  }

  return [...jobs.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({durations, succeeded, ...job}) => {
      const sorted = durations.sort((a, b) => a - b);
      const ended = succeeded + job.failures;
      return {...job, p50_ms: percentile(sorted, 0.5), p95_ms: percentile(sorted, 0.95), success_rate: ended === 0 ? null : succeeded / ended};
    });
}
