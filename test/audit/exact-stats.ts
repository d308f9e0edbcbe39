import Database from 'better-sqlite3';
import {expect} from 'vitest';
import {bucketOf, bucketValue} from '../../src/audit/rollup.js';
import {commandRan, failureStatuses, type RunStatus} from '../../src/audit/row.js';
import type {JobStats, StatsFilter} from '../../src/audit/stats.js';

interface RawRun {
  child_pid: number | null;
  duration_ms: number | null;
  id: number;
  name: string;
  started_at: string;
  status: RunStatus;
}

/** Every run in the log at `path`, read straight from `runs`: a prune's own row is no run. */
export function rawRuns(path: string): RawRun[] {
  const db = new Database(path, {readonly: true});
  try {
    return db.prepare<[], RawRun>("SELECT id, name, status, duration_ms, started_at, child_pid FROM runs WHERE status != 'pruned'").all();
  } finally {
    db.close();
  }
}

const nearestRank = (sorted: number[], p: number) => (sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);

/** Stats as a full scan computes them: exact percentiles, the reference for the rollups. */
export function exactStats(rows: readonly RawRun[], filter: StatsFilter): Array<JobStats & {exact_p50: number | null; exact_p95: number | null}> {
  const newest = new Map<string, RawRun>();
  for (const row of rows) {
    const seen = newest.get(row.name);
    if (!seen || row.started_at > seen.started_at || (row.started_at === seen.started_at && row.id > seen.id)) newest.set(row.name, row);
  }

  const inWindow = rows.filter((row) => (filter.since === undefined || row.started_at >= filter.since) && (filter.name === undefined || row.name === filter.name));
  const names = [...new Set(inWindow.map((row) => row.name))].sort((a, b) => a.localeCompare(b));
  return names.map((name) => {
    const own = inWindow.filter((row) => row.name === name);
    const succeeded = own.filter((row) => row.status === 'succeeded').length;
    const failures = own.filter((row) => failureStatuses.includes(row.status)).length;
    // Durations of the runs whose command ran: a refusal's or a busy lock's milliseconds are no run's.
    const durations = own.flatMap((row) => (row.duration_ms === null || !commandRan(row.status, row.child_pid) ? [] : [row.duration_ms])).sort((a, b) => a - b);
    return {
      exact_p50: nearestRank(durations, 0.5),
      exact_p95: nearestRank(durations, 0.95),
      failures,
      last_started_at: newest.get(name)!.started_at,
      last_status: newest.get(name)!.status,
      name,
      p50_ms: null,
      p95_ms: null,
      runs: own.length,
      success_rate: succeeded + failures === 0 ? null : succeeded / (succeeded + failures),
    };
  });
}

/**
 * `got` (stats from the rollups) against an exact recomputation over the raw rows: every
 * count, rate and last run equal; p50/p95 the middle of the bucket that holds the exact
 * value, so within 1/32 of it (the resolution `guard stats --help` states).
 */
export function expectMatchesExact(got: readonly JobStats[], rows: readonly RawRun[], filter: StatsFilter): void {
  const expected = exactStats(rows, filter);
  expect(got.map((job) => job.name)).toEqual(expected.map((job) => job.name));
  for (const [index, want] of expected.entries()) {
    const job = got[index]!;
    const {exact_p50, exact_p95, ...counts} = want;
    expect({...job, p50_ms: null, p95_ms: null}).toEqual(counts);
    for (const [value, exact] of [[job.p50_ms, exact_p50], [job.p95_ms, exact_p95]] as const) {
      if (exact === null) {
        expect(value).toBeNull();
        continue;
      }

      expect(value).toBe(bucketValue(bucketOf(exact)));
      expect(Math.abs(value! - exact)).toBeLessThanOrEqual(exact / 32 + 0.5);
    }
  }
}
