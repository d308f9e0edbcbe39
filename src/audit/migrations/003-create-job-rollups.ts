// Why: `stats --since 7d` must cost the same at a million rows as at a thousand (issue 3's
// budget), but exact stats over a window read every run in it (~78k rows for 7 days of the
// benchmark log: 100–200 ms however the SQL is written). So the finished runs are rolled up as
// they are sealed into the chain: per job name and UTC hour of `started_at` in `job_hours`,
// and per UTC day in `job_days` (a week is then ~7 day rows and at most ~24 hour rows per
// name, not ~170). Each row holds exact counts (runs, succeeded, failures as `history
// --failed` counts them) and a histogram of the known durations: `durations` is a JSON array
// `[bucket, count, bucket, count, …]` in ascending bucket order, buckets being exact below
// 16 ms, then 16 per doubling (see ../rollup.ts, which must compute the same buckets).
// Live rows (`starting`, `running`) are not rolled up: they have not ended; stats reads them
// from `runs`. Derived data: the hash chain does not cover these tables.
// Keys lead with the time so every window is one range scan; WITHOUT ROWID keeps each row
// in the key's b-tree. The rollups are filled here from the rows already finished, so an
// existing log gets them; on the 1,000,000-row benchmark log that takes a few seconds, once.
// This SQL is frozen with the migration: a change to the buckets is a new migration.

const failures = `('failed', 'timed_out', 'killed', 'interrupted', 'blocked', 'lock_busy', 'error', 'abandoned')`;

// The bucket of a duration in whole ms: d < 16 → d; else, with e = floor(log2 d) (found by
// a binary search of comparisons, integers only), 16 * (e - 3) + the 4 bits after the top one.
function exponent(low: number, high: number): string {
  if (low === high) return `${16 * (low - 3)} + ((duration_ms >> ${low - 4}) & 15)`;
  const middle = (low + high + 1) >> 1;
  return `CASE WHEN duration_ms < ${2 ** middle} THEN ${exponent(low, middle - 1)} ELSE ${exponent(middle, high)} END`;
}

const bucket = `CASE WHEN duration_ms < 16 THEN max(duration_ms, 0) ELSE ${exponent(4, 47)} END`;

const fill = (table: string, key: string, length: number) => `
INSERT INTO ${table} (${key}, name, runs, succeeded, failures, durations)
SELECT ${key}, name, sum(n), sum(ok), sum(bad),
       '[' || coalesce(group_concat(bucket || ',' || timed, ',' ORDER BY bucket) FILTER (WHERE timed > 0), '') || ']'
FROM (SELECT substr(started_at, 1, ${length}) AS ${key}, name, ${bucket} AS bucket, count(*) AS n,
             count(duration_ms) AS timed, sum(status = 'succeeded') AS ok, sum(status IN ${failures}) AS bad
      FROM runs WHERE status NOT IN ('starting', 'running') GROUP BY 1, 2, 3)
GROUP BY ${key}, name;
`;

const table = (name: string, key: string, format: string) => `
CREATE TABLE ${name} (
  ${key.padEnd(9)} TEXT    NOT NULL, -- ${format}, UTC, of started_at
  name      TEXT    NOT NULL,
  runs      INTEGER NOT NULL,
  succeeded INTEGER NOT NULL,
  failures  INTEGER NOT NULL,
  durations TEXT    NOT NULL,
  PRIMARY KEY (${key}, name)
) STRICT, WITHOUT ROWID;
`;

export const sql = [
  table('job_hours', 'hour', 'YYYY-MM-DDTHH'),
  table('job_days', 'day', 'YYYY-MM-DD'),
  fill('job_hours', 'hour', 13),
  fill('job_days', 'day', 10),
].join('');
