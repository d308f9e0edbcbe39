// Why: 005 made the rollups' duration histograms hold only the attempts whose command ran,
// by status. One status spans both sides: `interrupted` is a signal during a run, but also
// Ctrl-C at the confirm prompt or during a wait for the lock, when nothing was started (the
// row has no child_pid). A job interrupted at its prompt showed that prompt's 23 ms as its
// median, and one interrupted while waiting showed the wait. This rebuilds both rollup
// tables with the rule of row.ts commandRan: an interruption is timed only if its command
// was started. Frozen with the migration, like 005's: ../rollup.ts computes the same from now on.

const failures = `('failed', 'timed_out', 'killed', 'interrupted', 'blocked', 'lock_busy', 'error', 'abandoned')`;
const ran = `(status IN ('succeeded', 'failed', 'timed_out', 'killed', 'interrupted') AND (status <> 'interrupted' OR child_pid IS NOT NULL))`;

function exponent(low: number, high: number): string {
  if (low === high) return `${16 * (low - 3)} + ((duration_ms >> ${low - 4}) & 15)`;
  const middle = (low + high + 1) >> 1;
  return `CASE WHEN duration_ms < ${2 ** middle} THEN ${exponent(low, middle - 1)} ELSE ${exponent(middle, high)} END`;
}

const bucket = `CASE WHEN duration_ms < 16 THEN max(duration_ms, 0) ELSE ${exponent(4, 47)} END`;

const refill = (table: string, key: string, length: number) => `
DELETE FROM ${table};
INSERT INTO ${table} (${key}, name, runs, succeeded, failures, durations)
SELECT ${key}, name, sum(n), sum(ok), sum(bad),
       '[' || coalesce(group_concat(bucket || ',' || timed, ',' ORDER BY bucket) FILTER (WHERE timed > 0), '') || ']'
FROM (SELECT substr(started_at, 1, ${length}) AS ${key}, name, ${bucket} AS bucket, count(*) AS n,
             count(CASE WHEN ${ran} THEN duration_ms END) AS timed,
             sum(status = 'succeeded') AS ok, sum(status IN ${failures}) AS bad
      FROM runs WHERE status NOT IN ('starting', 'running', 'pruned') GROUP BY 1, 2, 3)
GROUP BY ${key}, name;
`;

export const sql = [refill('job_hours', 'hour', 13), refill('job_days', 'day', 10)].join('');
