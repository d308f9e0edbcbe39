import type Database from 'better-sqlite3';
import type {StoredRow} from './columns.js';
import {commandRan, commandRanSql, failureStatuses, liveStatuses, logStatuses, type RunStatus} from './row.js';

// Durations in the rollups (`job_hours`, `job_days`: migrations/003, 005), those of the runs
// whose command ran (row.ts commandRan), are counted in
// log-linear buckets: a duration below 16 ms is its own bucket; above, each doubling
// [2^e, 2^(e+1)) is cut into 16 equal buckets of width 2^(e-4). A bucket is thus at most
// 1/16 of its lower bound wide, and its middle is within 1/32 (3.2%) of any duration in it:
// durations below 32 ms are exact (width 1), p50/p95 are within 3.2% of the exact
// nearest-rank value. Bucket 719 ends at 2^48 ms (~8,900 years); longer goes there too.

/** How many buckets there are: 0..719. */
export const bucketCount = 720;
const topExponent = 47;

/** The bucket of a duration in ms (integers only, so SQL computes the same: see below). */
export function bucketOf(ms: number): number {
  const duration = Math.max(0, Math.round(ms));
  if (duration < 16) return duration;
  let exponent = 4;
  while (exponent < topExponent && duration >= 2 ** (exponent + 1)) exponent++;
  return 16 * (exponent - 3) + (Math.floor(duration / 2 ** (exponent - 4)) % 16);
}

/** The durations bucket `bucket` holds: [low, high], whole ms. */
export function bucketRange(bucket: number): {high: number; low: number} {
  if (bucket < 16) return {high: bucket, low: bucket};
  const exponent = Math.floor(bucket / 16) + 3;
  const width = 2 ** (exponent - 4);
  const low = (16 + (bucket % 16)) * width;
  return {high: low + width - 1, low};
}

/** What a percentile in `bucket` is reported as: the bucket's middle, whole ms. */
export function bucketValue(bucket: number): number {
  const {high, low} = bucketRange(bucket);
  return Math.round((low + high) / 2);
}

/** Nearest rank over a histogram (`counts[bucket]`): the middle of the bucket holding it. */
export function histogramPercentile(counts: ArrayLike<number>, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    seen += counts[bucket]!;
    if (seen >= rank) return bucketValue(bucket);
  }

  return null;
}

/** Adds a stored `durations` array (`[bucket, count, …]`) into `counts`; returns how many it held. */
export function addDurations(counts: Float64Array, durations: string): number {
  const pairs = JSON.parse(durations) as number[];
  let total = 0;
  for (let index = 0; index < pairs.length; index += 2) {
    counts[pairs[index]!]! += pairs[index + 1]!;
    total += pairs[index + 1]!;
  }

  return total;
}

// The same bucket in SQL: a binary search over the exponent by comparisons, then a shift.
function exponentSql(low: number, high: number): string {
  if (low === high) return `${16 * (low - 3)} + ((duration_ms >> ${low - 4}) & 15)`;
  const middle = (low + high + 1) >> 1;
  return `CASE WHEN duration_ms < ${2 ** middle} THEN ${exponentSql(low, middle - 1)} ELSE ${exponentSql(middle, high)} END`;
}

/** `bucketOf(duration_ms)` as an SQL expression over `runs`; NULL for a NULL duration. */
export const bucketSql = `CASE WHEN duration_ms < 16 THEN max(duration_ms, 0) ELSE ${exponentSql(4, topExponent)} END`;

const quoted = (statuses: readonly RunStatus[]) => `(${statuses.map((status) => `'${status}'`).join(', ')})`;

/** A rollup table: its time key, and how many characters of `started_at` make the key. */
interface Level {
  key: 'day' | 'hour';
  length: number;
  table: 'job_days' | 'job_hours';
}

const levels: readonly Level[] = [
  {key: 'hour', length: 13, table: 'job_hours'},
  {key: 'day', length: 10, table: 'job_days'},
];

// The finished rows started before @before, grouped as the rollups hold them.
const fillSql = ({key, length, table}: Level) => `
INSERT INTO ${table} (${key}, name, runs, succeeded, failures, durations)
SELECT ${key}, name, sum(n), sum(ok), sum(bad),
       '[' || coalesce(group_concat(bucket || ',' || timed, ',' ORDER BY bucket) FILTER (WHERE timed > 0), '') || ']'
FROM (SELECT substr(started_at, 1, ${length}) AS ${key}, name, ${bucketSql} AS bucket, count(*) AS n,
             count(CASE WHEN ${commandRanSql} THEN duration_ms END) AS timed,
             sum(status = 'succeeded') AS ok, sum(status IN ${quoted(failureStatuses)}) AS bad
      FROM runs WHERE status NOT IN ${quoted([...liveStatuses, ...logStatuses])} AND started_at < @before GROUP BY 1, 2, 3)
GROUP BY ${key}, name`;

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const ceilTo = (iso: string, unit: number) => new Date(Math.ceil(Date.parse(iso) / unit) * unit).toISOString();

/** The first whole hour and the first whole day at or after `iso`. */
export function wholePeriodsFrom(iso: string): {day: string; hour: string} {
  return {day: ceilTo(iso, dayMs), hour: ceilTo(iso, hourMs)};
}

/**
 * Recomputes the rollups of every hour and day that starts before `before` (ISO UTC; all of
 * them when omitted) from the finished rows in `runs`. Call inside a write transaction.
 * Cheap when few rows started before `before` (after a prune); a full rebuild reads the log.
 */
export function rebuildRollups(db: Database.Database, before?: string): void {
  for (const level of levels) {
    // The period holding `before` is rebuilt whole, from all its rows (those after `before` too).
    if (before === undefined) {
      db.prepare(`DELETE FROM ${level.table}`).run();
      db.prepare(fillSql(level)).run({before: '\u{10FFFF}'});
    } else {
      db.prepare(`DELETE FROM ${level.table} WHERE ${level.key} <= ?`).run(before.slice(0, level.length));
      db.prepare(fillSql(level)).run({before: periodEnd(before, level)});
    }
  }
}

// The end of the period of `level` that holds the moment `iso`.
function periodEnd(iso: string, level: Level): string {
  const unit = level.key === 'hour' ? hourMs : dayMs;
  return new Date(Math.floor(Date.parse(iso) / unit) * unit + unit).toISOString();
}

type Histogram = number[];

// `[bucket, count, …]` ascending, with one more in `bucket`.
function withOneMore(pairs: Histogram, bucket: number): Histogram {
  for (let index = 0; index < pairs.length; index += 2) {
    if (pairs[index] === bucket) {
      pairs[index + 1]!++;
      return pairs;
    }

    if (pairs[index]! > bucket) {
      pairs.splice(index, 0, bucket, 1);
      return pairs;
    }
  }

  pairs.push(bucket, 1);
  return pairs;
}

/**
 * Keeps the rollups up to date as rows are sealed: `add` counts one finished row into its
 * hour and its day. Call inside the IMMEDIATE transaction that seals the row. Statements are
 * prepared at the first `add`, so opening a store to read costs nothing more.
 */
export function rollupWriter(db: Database.Database) {
  let statements: Array<{level: Level; read: Database.Statement<[string, string], {durations: string}>; write: Database.Statement}> | undefined;
  const prepared = () =>
    (statements ??= levels.map((level) => ({
      level,
      read: db.prepare<[string, string], {durations: string}>(`SELECT durations FROM ${level.table} WHERE ${level.key} = ? AND name = ?`),
      write: db.prepare(
        `INSERT INTO ${level.table} (${level.key}, name, runs, succeeded, failures, durations) VALUES (@key, @name, 1, @succeeded, @failure, @durations)
         ON CONFLICT (${level.key}, name) DO UPDATE SET runs = runs + 1, succeeded = succeeded + excluded.succeeded,
           failures = failures + excluded.failures, durations = excluded.durations`,
      ),
    })));

  return {
    add(row: Pick<StoredRow, 'child_pid' | 'duration_ms' | 'name' | 'started_at' | 'status'>): void {
      const status = row.status as RunStatus;
      // A live row is counted from `runs` until it ends (it never reaches here in practice);
      // a prune is no run of a job, and counts nowhere.
      if (liveStatuses.includes(status) || logStatuses.includes(status)) return;
      const name = String(row.name);
      const startedAt = String(row.started_at);
      // Only a run whose command ran is timed (row.ts commandRan; migrations/005 and 007).
      const bucket = row.duration_ms === null || !commandRan(status, row.child_pid === null ? null : Number(row.child_pid)) ? undefined : bucketOf(Number(row.duration_ms));
      for (const {level, read, write} of prepared()) {
        const key = startedAt.slice(0, level.length);
        const stored = read.get(key, name);
        const pairs = stored ? (JSON.parse(stored.durations) as Histogram) : [];
        write.run({
          durations: JSON.stringify(bucket === undefined ? pairs : withOneMore(pairs, bucket)),
          failure: failureStatuses.includes(status) ? 1 : 0,
          key,
          name,
          succeeded: status === 'succeeded' ? 1 : 0,
        });
      }
    },
  };
}
