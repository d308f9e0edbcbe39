import {execFileSync} from 'node:child_process';
import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/gate.js';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const run = (args: string[]) => guard(['run', ...args], {cwd: box.dir, env: box.env});
const rows = (query: string) => {
  const text = execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim();
  return text === '' ? [] : (JSON.parse(text) as Array<Record<string, unknown>>);
};

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    try {
      if (existsSync(box.env.GUARD_DB!) && condition()) return;
    } catch {
      // The log is being created or migrated by the run: look again.
    }

    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  throw new Error('the condition never came true');
}

// Fails (with `status`) until its `n`th run, counting runs in a file.
function flaky(n: number, status = 1): string[] {
  const count = join(box.dir, 'count');
  return ['sh', '-c', `n=$(( $(cat ${count} 2>/dev/null || echo 0) + 1 )); echo $n > ${count}; echo "attempt $n"; [ $n -ge ${n} ] || exit ${status}`];
}

describe('guard run --retries', () => {
  it('runs a command that fails twice then succeeds three times: 3 rows in one group, exit 0', async () => {
    const result = await run(['--name', 'flaky', '--retries', '3', '--retry-delay', '10ms', '--', ...flaky(3)]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('attempt 1\nattempt 2\nattempt 3');
    expect(result.stderr).toMatch(/^guard: attempt 1 of 4 failed with status 1; retrying in \d+ms\nguard: attempt 2 of 4 failed with status 1; retrying in \d+ms$/);
    const runs = rows('select attempt, status, exit_code, group_id from runs order by id');
    expect(runs.map(({attempt, status, exit_code}) => ({attempt, exit_code, status}))).toEqual([
      {attempt: 1, exit_code: 1, status: 'failed'},
      {attempt: 2, exit_code: 1, status: 'failed'},
      {attempt: 3, exit_code: 0, status: 'succeeded'},
    ]);
    expect(new Set(runs.map((row) => row.group_id)).size).toBe(1);
    expect(runs[0]!.group_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exits with the last attempt\'s status when every attempt fails', async () => {
    const result = await run(['--retries', '2', '--retry-delay', '10ms', '--', ...flaky(99, 3)]);
    expect(result.exitCode).toBe(3);
    expect(rows('select attempt, exit_code from runs order by id')).toEqual([
      {attempt: 1, exit_code: 3},
      {attempt: 2, exit_code: 3},
      {attempt: 3, exit_code: 3},
    ]);
  });

  it('with --retry-on 75 does not retry a 1', async () => {
    const result = await run(['--retries', '3', '--retry-on', '75', '--retry-delay', '10ms', '--', ...flaky(3, 1)]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    expect(rows('select attempt, status from runs')).toEqual([{attempt: 1, status: 'failed'}]);
  });

  it('with --retry-on 75 retries a 75', async () => {
    const result = await run(['--retries', '3', '--retry-on', '75', '--retry-delay', '10ms', '--', ...flaky(2, 75)]);
    expect(result.exitCode).toBe(0);
    expect(rows('select attempt, exit_code from runs order by id')).toEqual([
      {attempt: 1, exit_code: 75},
      {attempt: 2, exit_code: 0},
    ]);
  });

  it('with --retry-on timeout retries a timeout and nothing else', async () => {
    const count = join(box.dir, 'count');
    const script = `n=$(( $(cat ${count} 2>/dev/null || echo 0) + 1 )); echo $n > ${count}; [ $n -ge 2 ] || sleep 30`;
    const result = await run(['--timeout', '300ms', '--retries', '2', '--retry-on', 'timeout', '--retry-delay', '10ms', '--', 'sh', '-c', script]);
    expect(result.exitCode).toBe(0);
    expect(rows('select attempt, status from runs order by id')).toEqual([
      {attempt: 1, status: 'timed_out'},
      {attempt: 2, status: 'succeeded'},
    ]);
    const failing = await run(['--retries', '2', '--retry-on', 'timeout', '--', 'false']);
    expect(failing.exitCode).toBe(1);
    expect(rows("select count(*) as n from runs where argv like '%false%'")).toEqual([{n: 1}]);
  });

  it('under --quiet prints nothing when a retry succeeds, and only the last attempt when all fail', async () => {
    const recovered = await run(['--quiet', '--retries', '3', '--retry-delay', '10ms', '--', ...flaky(3)]);
    expect(recovered.exitCode).toBe(0);
    expect(recovered.stdout).toBe('');
    expect(recovered.stderr).toBe('');
    const failed = await run(['--quiet', '--retries', '1', '--retry-delay', '10ms', '--', 'sh', '-c', `${flaky(99)[2]}; exit 1`]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toBe('attempt 5');
    expect(failed.stderr).toMatch(/^guard: attempt 1 of 2 failed with status 1; retrying in \d+ms\nguard: sh failed with exit status 1 after \S+ \(run \d+, attempt 2 of 2\)$/);
  });

  it('never retries a refusal', async () => {
    const marker = join(box.dir, 'marker');
    const result = await run(['--retries', '3', '--retry-delay', '10ms', '--', 'sh', '-c', `touch ${marker}; rm -rf /`]);
    expect(result.exitCode).toBe(77);
    expect(existsSync(marker)).toBe(false);
    expect(rows('select attempt, status from runs')).toEqual([{attempt: 1, status: 'blocked'}]);
  });

  it('never retries a busy lock, and holds its own lock across attempts', async () => {
    // The holder fails once, then waits for `go` on its second attempt.
    const count = join(box.dir, 'count');
    const go = join(box.dir, 'go');
    const script = `n=$(( $(cat ${count} 2>/dev/null || echo 0) + 1 )); echo $n > ${count}; [ $n -ge 2 ] || exit 1; ${waitFor(go)}`;
    const holder = run(['--lock', 'shared', '--retries', '2', '--retry-delay', '10ms', '--', 'sh', '-c', script]);
    await until(() => rows("select count(*) as n from runs where attempt = 2 and status = 'running'")[0]!.n === 1);
    const busy = await run(['--lock', 'shared', '--retries', '3', '--', 'true']);
    writeFileSync(go, '');
    expect(busy.exitCode).toBe(75);
    expect((await holder).exitCode).toBe(0);
    expect(rows("select attempt, status from runs where status = 'lock_busy'")).toEqual([{attempt: 1, status: 'lock_busy'}]);
    // One acquisition for both attempts: the epoch grows with every acquisition.
    expect(rows("select attempt, lock_epoch from runs where argv like '%count%' order by id")).toEqual([
      {attempt: 1, lock_epoch: 1},
      {attempt: 2, lock_epoch: 1},
    ]);
  });

  it('never retries a command that is not found', async () => {
    const result = await run(['--retries', '3', '--retry-delay', '10ms', '--', 'no-such-program-anywhere']);
    expect(result.exitCode).toBe(127);
    expect(rows('select count(*) as n from runs')).toEqual([{n: 1}]);
  });

  it('ends at once on a signal while waiting to retry, with 128+N and an interrupted attempt', async () => {
    const child = run(['--retries', '3', '--retry-delay', '1h', '--', 'false']);
    // Once the first attempt is recorded, guard is waiting an hour.
    await until(() => rows("select count(*) as n from runs where status = 'failed'")[0]!.n === 1);

    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(143);
    expect(result.stderr).toMatch(/retrying in/);
    expect(rows('select attempt, status, exit_code, error from runs order by id')).toEqual([
      {attempt: 1, status: 'failed', exit_code: 1, error: null},
      {attempt: 2, status: 'interrupted', exit_code: 143, error: 'interrupted by SIGTERM while waiting to retry'},
    ]);
  });

  it('rejects a bad --retries or --retry-on with 64, naming the flag', async () => {
    for (const [args, words] of [
      [['--retries', 'many'], "--retries: 'many' is not a number of retries (0-100)"],
      [['--retries', '101'], "--retries: '101' is not a number of retries (0-100)"],
      [['--retry-on', '1,soon'], `--retry-on: 'soon' is neither an exit status (0-255) nor "timeout"`],
      [['--retry-delay', 'later'], "--retry-delay: 'later' is not a duration"],
    ] as const) {
      const result = await run([...args, '--', 'true']);
      expect(result.exitCode, args.join(' ')).toBe(64);
      expect(result.stderr).toContain(`guard: ${words}`);
    }

    expect(existsSync(box.env.GUARD_DB!)).toBe(false);
  });

});
