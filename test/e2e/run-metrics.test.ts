import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/gate.js';
import {bin, guard, sandbox} from '../helpers/guard.js';
import {eventually} from '../helpers/processes.js';
import {parsePrometheusText, type Family} from '../helpers/prometheus.js';

let box: ReturnType<typeof sandbox>;
let dir: string;
beforeEach(() => {
  box = sandbox();
  dir = join(box.dir, 'textfile');
  mkdirSync(dir);
});
afterEach(() => box.remove());

const sql = (query: string) => execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'});
const run = (args: string[]) => guard(['run', '--metrics-dir', dir, ...args], {env: box.env});

/** The job's file, read as node_exporter would: strictly, one value per metric. */
function metrics(file = 'guard_backup.prom'): {families: Map<string, Family>; value(name: string): number} {
  const families = parsePrometheusText(readFileSync(join(dir, file), 'utf8'));
  return {
    families,
    value(name) {
      const samples = families.get(name)?.samples ?? [];
      expect(samples).toHaveLength(1);
      return samples[0]!.value;
    },
  };
}

const gauges = [
  'guard_job_last_start_timestamp_seconds',
  'guard_job_last_end_timestamp_seconds',
  'guard_job_last_duration_seconds',
  'guard_job_last_exit_status',
  'guard_job_last_success',
];
const counters = ['guard_job_runs_total', 'guard_job_failures_total'];

describe('guard run --metrics-dir writes a Prometheus textfile for the job', () => {
  it('describes a successful run in the text format, every metric typed, documented and labelled with the job', async () => {
    const result = await run(['--name', 'backup', '--', 'true']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const {families, value} = metrics();
    expect([...families.keys()]).toEqual([...gauges, ...counters]);
    for (const [name, family] of families) {
      expect(family.type, name).toBe(counters.includes(name) ? 'counter' : 'gauge');
      expect(family.help, name).toMatch(/\w/);
      expect(family.samples.map((sample) => sample.labels), name).toEqual([{job: 'backup'}]);
    }

    const [row] = JSON.parse(sql('select started_at, ended_at, duration_ms from runs')) as Array<{duration_ms: number; ended_at: string; started_at: string}>;
    expect(value('guard_job_last_start_timestamp_seconds')).toBe(Date.parse(row!.started_at) / 1000);
    expect(value('guard_job_last_end_timestamp_seconds')).toBe(Date.parse(row!.ended_at) / 1000);
    expect(value('guard_job_last_duration_seconds')).toBe(row!.duration_ms / 1000);
    expect(value('guard_job_last_exit_status')).toBe(0);
    expect(value('guard_job_last_success')).toBe(1);
    expect(value('guard_job_runs_total')).toBe(1);
    expect(value('guard_job_failures_total')).toBe(0);
  });

  it('describes a failed run and counts it', async () => {
    await run(['--name', 'backup', '--', 'true']);
    const result = await run(['--name', 'backup', '--', 'sh', '-c', 'exit 3']);
    expect(result.exitCode).toBe(3);
    const {value} = metrics();
    expect(value('guard_job_last_exit_status')).toBe(3);
    expect(value('guard_job_last_success')).toBe(0);
    expect(value('guard_job_runs_total')).toBe(2);
    expect(value('guard_job_failures_total')).toBe(1);
  });

  it('counts a refusal and a timeout as failures, with guard exit status', async () => {
    expect((await run(['--name', 'backup', '--', 'rm', '-rf', '/'])).exitCode).toBe(77);
    expect(metrics().value('guard_job_last_exit_status')).toBe(77);
    expect((await run(['--name', 'backup', '--timeout', '200ms', '--', 'sleep', '30'])).exitCode).toBe(124);
    const {value} = metrics();
    expect(value('guard_job_last_exit_status')).toBe(124);
    expect(value('guard_job_runs_total')).toBe(2);
    expect(value('guard_job_failures_total')).toBe(2);
  });

  it('takes its totals from the audit log, so a deleted file loses no count', async () => {
    for (const status of [0, 1, 0]) await run(['--name', 'backup', '--', 'sh', '-c', `exit ${status}`]);
    rmSync(join(dir, 'guard_backup.prom'));
    await run(['--name', 'backup', '--', 'true']);
    expect(metrics().value('guard_job_runs_total')).toBe(4);
    expect(metrics().value('guard_job_failures_total')).toBe(1);
  });

  it('keeps one file per job and leaves no temporary file behind', async () => {
    await run(['--name', 'backup', '--', 'true']);
    await run(['--name', 'backup', '--', 'true']);
    await run(['--name', 'rotate', '--', 'true']);
    expect(readdirSync(dir).sort()).toEqual(['guard_backup.prom', 'guard_rotate.prom']);
    expect(metrics('guard_rotate.prom').value('guard_job_runs_total')).toBe(1);
  });

  it('records a busy lock as a failure, but leaves the file alone on a quiet skip (--conflict-exit-code 0)', async () => {
    await run(['--name', 'backup', '--', 'true']);
    const before = readFileSync(join(dir, 'guard_backup.prom'), 'utf8');
    const started = join(box.dir, 'started');
    const release = join(box.dir, 'release');
    const holder = guard(['run', '--name', 'holder', '--lock', 'nightly', '--', 'sh', '-c', `touch ${started}; ${waitFor(release)}`], {env: box.env});
    expect(await eventually(() => existsSync(started), 20_000)).toBe(true);
    expect((await run(['--name', 'backup', '--lock', 'nightly', '--conflict-exit-code', '0', '--', 'true'])).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'guard_backup.prom'), 'utf8')).toBe(before);
    expect((await run(['--name', 'backup', '--lock', 'nightly', '--', 'true'])).exitCode).toBe(75);
    writeFileSync(release, '');
    expect((await holder).exitCode).toBe(0);
    const {value} = metrics();
    expect(value('guard_job_last_exit_status')).toBe(75);
    expect(value('guard_job_last_success')).toBe(0);
    // The audit log counts every attempt that ended without succeeding, the skip too (as `guard stats` does).
    expect(value('guard_job_runs_total')).toBe(3);
    expect(value('guard_job_failures_total')).toBe(2);
  });

  it('writes nothing for a dry run', async () => {
    expect((await run(['--name', 'backup', '--dry-run', '--', 'true'])).exitCode).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('makes an odd job name safe as a file name and escapes it as a label value', async () => {
    const name = 'db "main"\\nightly/../x';
    expect((await run(['--name', name, '--', 'true'])).exitCode).toBe(0);
    const [file, ...others] = readdirSync(dir);
    expect(others).toEqual([]);
    expect(file).toMatch(/^guard_db__main__nightly_\.\._x_[0-9a-f]{8}\.prom$/);
    expect(readFileSync(join(dir, file!), 'utf8')).toContain('guard_job_last_success{job="db \\"main\\"\\\\nightly/../x"} 1\n');
    expect(metrics(file).families.get('guard_job_last_success')!.samples[0]!.labels).toEqual({job: name});
  });

  it('gives two names that look alike two files', async () => {
    await run(['--name', 'a b', '--', 'true']);
    await run(['--name', 'a_b', '--', 'true']);
    await run(['--name', 'a/b', '--', 'true']);
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('is readable by the collector whatever the umask', () => {
    const env = {...process.env, ...box.env, NODE_OPTIONS: ''};
    execFileSync('sh', ['-c', 'umask 077; exec "$@"', 'sh', process.execPath, bin, 'run', '--metrics-dir', dir, '--name', 'backup', '--', 'true'], {env});
    expect(statSync(join(dir, 'guard_backup.prom')).mode & 0o777).toBe(0o644);
  });

  it('warns in one line and keeps the run status when the folder cannot take the file', async () => {
    const missing = join(box.dir, 'no-such-folder');
    const result = await guard(['run', '--metrics-dir', missing, '--name', 'backup', '--', 'sh', '-c', 'exit 6'], {env: box.env});
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toMatch(new RegExp(`^guard: metrics for job 'backup' not written to ${missing}: ENOENT[^\\n]*$`));
  });

  it('refuses an empty folder name as a usage error', async () => {
    const result = await guard(['run', '--metrics-dir', '', '--', 'true'], {env: box.env});
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe('guard: --metrics-dir: the folder is an empty word');
  });
});

describe('the strict text-format reader the tests above rely on', () => {
  it.each([
    ['a line without its newline', 'up 1'],
    ['a bad escape in a label value', 'up{job="a\\x"} 1\n'],
    ['an unquoted label value', 'up{job=a} 1\n'],
    ['a value that is not a number', 'up{job="a"} one\n'],
    ['the same series twice', 'up{job="a"} 1\nup{job="a"} 2\n'],
    ['a TYPE after the samples', 'up 1\n# TYPE up gauge\n'],
    ['an unknown type', '# TYPE up meter\nup 1\n'],
    ['a family split in two groups', 'up 1\ndown 0\nup{job="b"} 1\n'],
    ['a bad metric name', '1up 1\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });

  it('reads escapes, NaN and timestamps', () => {
    const families = parsePrometheusText('# HELP up Is it\\\\up.\n# TYPE up gauge\nup{job="a\\"b\\nc"} NaN 1700000000000\n');
    expect(families.get('up')!.help).toBe('Is it\\up.');
    expect(families.get('up')!.samples[0]!.labels).toEqual({job: 'a"b\nc'});
    expect(families.get('up')!.samples[0]!.value).toBeNaN();
  });
});
