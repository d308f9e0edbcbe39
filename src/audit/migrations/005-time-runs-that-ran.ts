// Why: `stats` read p50/p95 from the rollups' duration histograms (003), which held the
// duration of every attempt: a refusal or a busy lock ends in a few milliseconds, so a job
// refused now and then showed a median of 31 ms. The histograms now hold the durations of the
// attempts whose command ran (succeeded, failed, timed_out, killed, interrupted: row.ts
// ranStatuses); the counts are unchanged. This rebuilds both rollup tables from `runs` with
// that rule, as 003 first filled them; on the 1,000,000-row benchmark log that takes seconds,
// once. Frozen with the migration, like 003's: ../rollup.ts computes the same from now on.

const failures = `('failed', 'timed_out', 'killed', 'interrupted', 'blocked', 'lock_busy', 'error', 'abandoned')`;
const ran = `('succeeded', 'failed', 'timed_out', 'killed', 'interrupted')`;

function exponent(low: number, high: number): string {
  if (low === high) return `${16 * (low - 3)} + ((duration_ms >> ${low - 4}) & 15)`;
  const middle = (low + high + 1) >> 1;
  return `CASE WHEN duration_ms < ${2 ** middle} THEN ${exponent(low, middle - 1)} ELSE ${exponent(middle, high)} END`;
}

const bucket = `CASE WHEN duration_ms < 16 THEN max(duration_ms, 0) ELSE ${exponent(4, 47)} END`;

/** Both rollup tables rebuilt from `runs`, timing the rows `timed` (SQL over `runs`) holds; 007 reuses it with its own rule. */
export const refillRollups = (timed: string) => [refill('job_hours', 'hour', 13, timed), refill('job_days', 'day', 10, timed)].join('');

const refill = (table: string, key: string, length: number, timed: string) => `
DELETE FROM ${table};
INSERT INTO ${table} (${key}, name, runs, succeeded, failures, durations)
SELECT ${key}, name, sum(n), sum(ok), sum(bad),
       '[' || coalesce(group_concat(bucket || ',' || timed, ',' ORDER BY bucket) FILTER (WHERE timed > 0), '') || ']'
FROM (SELECT substr(started_at, 1, ${length}) AS ${key}, name, ${bucket} AS bucket, count(*) AS n,
             count(CASE WHEN ${timed} THEN duration_ms END) AS timed,
             sum(status = 'succeeded') AS ok, sum(status IN ${failures}) AS bad
      FROM runs WHERE status NOT IN ('starting', 'running', 'pruned') GROUP BY 1, 2, 3)
GROUP BY ${key}, name;
`;

export const sql = refillRollups(`status IN ${ran}`);
