import {readFileSync} from 'node:fs';
import Database from 'better-sqlite3';
import {afterAll, describe, expect, it} from 'vitest';
import {readProcessStat} from '../../src/proc.js';
import {bucketOf, bucketValue} from '../../src/audit/rollup.js';
import {openAuditStore} from '../../src/audit/store.js';
import {expectMatchesExact, rawRuns} from '../audit/exact-stats.js';
import {fillMixedLog} from '../audit/mixed-log.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {guard, sandbox} from '../helpers/guard.js';
import {onTerminal, uncoloured} from '../helpers/terminal.js';

const boxes: Array<ReturnType<typeof sandbox>> = [];
afterAll(() => boxes.forEach((box) => box.remove()));
const newBox = () => {
  const box = sandbox();
  boxes.push(box);
  return box;
};

const box = newBox();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const store = openAuditStore(box.env.GUARD_DB);
// backup: ten runs of 1..10 s, the last (newest) one failed; report: one old run.
for (let i = 1; i <= 10; i++) {
  const status = i === 10 ? 'failed' : 'succeeded';
  store.recordFinished({...startFields({name: 'backup', started_at: daysAgo(1 - i / 100)}), ...endFields(status, {duration_ms: i * 1000})});
}
store.recordFinished({...startFields({name: 'report', started_at: daysAgo(30)}), ...endFields('timed_out', {duration_ms: 60_000})});
store.close();

const statsJson = async (args: string[], env: Record<string, string>) => {
  const {exitCode, stderr, stdout} = await guard(['stats', '--json', ...args], {env});
  expect([exitCode, stderr]).toEqual([0, '']);
  return JSON.parse(String(stdout));
};

// What a duration is reported as: the middle of its bucket (within 1/32 of it).
const reported = (ms: number) => bucketValue(bucketOf(ms));

describe('guard stats', () => {
  it('gives per job runs, failures, success rate, p50/p95 and the last run', async () => {
    const jobs = await statsJson([], box.env);
    expect(jobs).toEqual([
      expect.objectContaining({failures: 1, last_status: 'failed', name: 'backup', p50_ms: reported(5000), p95_ms: reported(10_000), runs: 10, success_rate: 0.9}),
      expect.objectContaining({failures: 1, last_status: 'timed_out', name: 'report', p50_ms: reported(60_000), runs: 1, success_rate: 0}),
    ]);
    expect(Object.keys(jobs[0])).toEqual(['failures', 'last_started_at', 'last_status', 'name', 'p50_ms', 'p95_ms', 'runs', 'success_rate']);
  });

  it('narrows to a window and a name, and prints a table for people', async () => {
    const {stdout} = await guard(['stats', '--since', '7d'], {env: box.env});
    expect(stdout).toMatch(/^NAME\s+RUNS\s+FAILED\s+OK%\s+P50\s+P95\s+LAST 10\s+DURATIONS\s+LAST RUN\nbackup\s+10\s+1\s+90\.0\s+5\.0s\s+10\.0s\s+\+{9}x\s+_\.-~~=\+\*##\s+\S+ \S+\n/);
    expect((await guard(['stats', '--name', 'nope'], {env: box.env})).stdout).toBe('no runs match');
    expect((await guard(['stats', '--since', 'yesterday'], {env: box.env})).exitCode).toBe(64);
  });

  it('states the resolution of p50/p95 in its help', async () => {
    const {stdout} = await guard(['stats', '--help'], {env: box.env});
    // Help wraps its paragraphs to the screen: read them as words.
    const words = String(stdout).replaceAll(/\s+/g, ' ');
    expect(words).toContain('exact below 32 ms, then 16 per doubling');
    expect(words).toContain('within 3.2% of it');
    expect(words).toContain('p50/p95 cover the runs whose command ran (succeeded, failed, timed_out, killed, interrupted, lock_lost, an interruption only once its command had started)');
  });

  it('counts a window that starts mid-hour exactly, live runs in RUNS only', async () => {
    const mine = newBox();
    const hour = Date.parse('2026-02-10T08:00:00.000Z');
    const at = (minutes: number) => new Date(hour + minutes * 60_000).toISOString();
    const live = {pid: process.pid, pid_start: readProcessStat(process.pid)!.startTime};
    const log = openAuditStore(mine.env.GUARD_DB);
    for (const [minutes, status] of [[10, 'failed'], [29, 'succeeded'], [30, 'succeeded'], [41, 'timed_out'], [59, 'succeeded'], [75, 'succeeded'], [200, 'dry_run']] as const) {
      log.recordFinished({...startFields({name: 'sync', started_at: at(minutes)}), ...endFields(status, {duration_ms: 1000 * minutes})});
    }
    log.recordStart(startFields({...live, name: 'sync', started_at: at(45)}));
    log.recordStart(startFields({...live, name: 'sync', started_at: at(300)}));
    log.close();

    const jobs = await statsJson(['--since', at(30)], mine.env);
    expect(jobs).toEqual([
      // The dry run's 200 s ran nothing: p50/p95 are over 30, 41, 59 and 75 s.
      {failures: 1, last_started_at: at(300), last_status: 'starting', name: 'sync', p50_ms: reported(41_000), p95_ms: reported(75_000), runs: 7, success_rate: 3 / 4},
    ]);
    for (const since of [at(30), at(29.99), at(45), at(60), at(61)]) expectMatchesExact(await statsJson(['--since', since], mine.env), rawRuns(mine.env.GUARD_DB), {since});
  });

  it('equals an exact recomputation over the raw rows, abandoned and live runs included', async () => {
    const mine = newBox();
    const now = Date.now();
    fillMixedLog(mine.env.GUARD_DB, {count: 400, endMs: now, seed: 11});
    const rows = rawRuns(mine.env.GUARD_DB);
    expect(rows.filter((row) => row.status === 'abandoned').length).toBeGreaterThan(0);
    for (const filter of [{}, {since: new Date(now - 36 * 3_600_000).toISOString()}, {name: 'deploy', since: new Date(now - 50 * 3_600_000 - 1234).toISOString()}]) {
      const flags = Object.entries(filter).flatMap(([key, value]) => [`--${key}`, value]);
      expectMatchesExact(await statsJson(flags, mine.env), rows, filter);
    }

    expect(await statsJson(['--since', '36h'], mine.env)).toHaveLength(5);
  });

  it('says a log written before the rollups existed needs a writer first, then gives correct stats, the migration filling them', async () => {
    const mine = newBox();
    fillMixedLog(mine.env.GUARD_DB, {count: 300, seed: 5});
    const db = new Database(mine.env.GUARD_DB);
    // Schema 2 had neither the rollups nor the `pruned` column.
    db.exec('DROP TABLE job_hours; DROP TABLE job_days; ALTER TABLE runs DROP COLUMN pruned; PRAGMA user_version = 2;');
    db.exec('ALTER TABLE runs DROP COLUMN lock_scope; ALTER TABLE locks DROP COLUMN fleet_epoch_seen; DROP TABLE meta; DROP TABLE fleet_outbox;');
    db.close();

    // stats only reads: it cannot fill the rollups, and says who will.
    const before = readFileSync(mine.env.GUARD_DB);
    const old = await guard(['stats'], {env: mine.env});
    expect([old.exitCode, old.stderr]).toEqual([74, `guard: audit log ${mine.env.GUARD_DB}: schema 2 predates the stats rollups (schema 3); the next guard run upgrades it`]);
    expect(readFileSync(mine.env.GUARD_DB).equals(before)).toBe(true);
    expect((await guard(['run', '--', 'true'], {env: mine.env})).exitCode).toBe(0);

    const since = new Date(Date.now() - 40 * 3_600_000 - 777).toISOString();
    expectMatchesExact(await statsJson(['--since', since], mine.env), rawRuns(mine.env.GUARD_DB), {since});
    expectMatchesExact(await statsJson([], mine.env), rawRuns(mine.env.GUARD_DB), {});
    expect((await guard(['verify'], {env: mine.env})).exitCode).toBe(0);
  });
});

describe('guard stats for a person', () => {
  // Two jobs whose names differ only at the end, both longer than any column guard used to give them.
  const mine = newBox();
  const nightly = 'backup-postgres-production-nightly';
  const weekly = 'backup-postgres-production-weekly';
  const log = openAuditStore(mine.env.GUARD_DB);
  const outcomes = ['succeeded', 'failed', 'succeeded', 'blocked', 'lock_busy', 'dry_run', 'succeeded', 'timed_out', 'succeeded', 'succeeded', 'succeeded', 'failed'] as const;
  outcomes.forEach((status, index) => {
    const ran = !['blocked', 'lock_busy', 'dry_run'].includes(status);
    log.recordFinished({...startFields({name: nightly, started_at: daysAgo(2 - index / 100)}), ...endFields(status, {duration_ms: ran ? (index + 1) * 10_000 : 5})});
  });
  log.recordFinished({...startFields({name: weekly, started_at: daysAgo(3)}), ...endFields('succeeded', {duration_ms: 60_000})});
  log.close();
  const env = {...mine.env, HOME: mine.dir, NO_COLOR: undefined, TERM: 'xterm'};

  it('shows every name whole off a terminal, however wide that makes the table, in ASCII and without colour', async () => {
    const {stdout} = await guard(['stats'], {env});
    const lines = String(stdout).split('\n');
    expect(lines[1]).toMatch(new RegExp(`^${nightly}\\s+12\\s+5\\s+54\\.5\\s`));
    expect(lines[2]).toMatch(new RegExp(`^${weekly}\\s+1\\s+0\\s+100\\.0\\s`));
    // The last ten attempts, oldest first; the durations of the last ten runs that ran, as tall as their share of the longest.
    expect(lines[1]).toContain('  +!-.+x+++x  ');
    expect(lines[1]).toContain('  _..=++*##  ');
    expect(lines.slice(4)).toEqual(['LAST 10, oldest first: + succeeded  x failed or stopped  ! refused  - lock busy  . dry run', 'DURATIONS: the last 10 runs that ran, each as tall as its share of the longest']);
    expect(stdout).toMatch(/^[\n\x20-\x7e]*$/);
  });

  it('fits a terminal of 80 columns: the time of the last run goes, then names wrap, never cut', async () => {
    const {exitCode, output} = await onTerminal(['stats'], env);
    expect(exitCode).toBe(0);
    const lines = uncoloured(output).trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^NAME\s+RUNS\s+FAILED\s+OK%\s+P50\s+P95\s+LAST 10\s+DURATIONS$/);
    const names = lines.slice(1, lines.indexOf('')).map((line) => line.split(/\s{2,}/)[0]);
    expect(names.join('')).toBe(`${nightly}${weekly}`);
    expect(lines[1]).toContain('✓!-·✓✗✓✓✓✗');
    expect(lines[1]).toContain('▁▂▂▅▆▆▇██');
    // The legend wraps rather than pass the edge, each entry whole: ✗ covers timeouts too.
    expect(lines.join('\n')).toContain('✗ failed or stopped');
  });

  it('colours the marks and bars on a terminal, and not with NO_COLOR or TERM=dumb', async () => {
    const {output} = await onTerminal(['stats'], env, 160);
    expect(output).toContain('\u001b[32m✓\u001b[0m\u001b[33m!\u001b[0m\u001b[33m-\u001b[0m\u001b[2m·\u001b[0m\u001b[32m✓\u001b[0m\u001b[31m✗\u001b[0m');
    expect(output).toContain('\u001b[32m▁\u001b[0m\u001b[31m▂\u001b[0m');
    expect(output).toContain(nightly);
    for (const plain of [{NO_COLOR: '1'}, {TERM: 'dumb'}]) {
      const {output: text} = await onTerminal(['stats'], {...env, ...plain}, 160);
      expect(text).not.toMatch(/\u001b/);
      expect(text).toContain('✓!-·✓✗✓✓✓✗');
    }
  });

  it('keeps --json as it was: the same fields, and p50/p95 over the runs that ran', async () => {
    const [job] = await statsJson(['--name', nightly], env);
    expect(Object.keys(job)).toEqual(['failures', 'last_started_at', 'last_status', 'name', 'p50_ms', 'p95_ms', 'runs', 'success_rate']);
    expect(job).toMatchObject({p50_ms: reported(80_000), p95_ms: reported(120_000), runs: 12});
  });
});

describe('p50/p95 of a job that guard also refuses and skips', () => {
  it('are the durations of the runs whose command ran, not of the refusals, busy locks and dry runs', async () => {
    const mine = newBox();
    const env = {...mine.env, HOME: mine.dir};
    const job = (args: string[]) => guard(['run', '--name', 'sync', ...args], {env});
    for (let round = 0; round < 2; round++) expect((await job(['--', 'sleep', '0.3'])).exitCode).toBe(0);
    for (let round = 0; round < 3; round++) expect((await job(['--', 'rm', '-rf', '/'])).exitCode).toBe(77);
    expect((await job(['--dry-run', '--', 'sleep', '5'])).exitCode).toBe(0);
    const [stats] = await statsJson([], env);
    expect(stats).toMatchObject({failures: 3, name: 'sync', runs: 6});
    // Read from duration buckets, within 3.2% of the exact value (src/audit/rollup.ts): a run of
    // 302 ms may read 296. A refusal or a dry run, had it counted, would read under 100.
    expect(stats.p50_ms).toBeGreaterThanOrEqual(290);
    expect(stats.p95_ms).toBeGreaterThanOrEqual(290);
  });
});
