import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  env = {...box.env, HOME: box.dir};
});
afterEach(() => box.remove());

const rows = () => (existsSync(box.env.GUARD_DB!) ? execFileSync('sqlite3', [box.env.GUARD_DB!, 'select count(*) from runs'], {encoding: 'utf8'}).trim() : '0');

function userPolicy(yaml: string): string {
  const dir = join(box.env.XDG_CONFIG_HOME!, 'guard');
  mkdirSync(dir, {recursive: true});
  const path = join(dir, 'policy.yaml');
  writeFileSync(path, yaml);
  return path;
}

describe('durations such as 1m30s, 1h15m and 2d12h', () => {
  it('are accepted by every duration flag of guard run', async () => {
    const flags = ['--timeout', '1h15m', '--kill-after', '1m30s', '--retry-delay', '1s500ms', '--retries', '1', '--lock', 'job', '--lock-wait', '2d12h'];
    const result = await guard(['run', '--dry-run', ...flags, '--', 'true'], {env});
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('guard: dry run: allowed; nothing was run');
  });

  it('time a command out at the sum of their parts', async () => {
    const result = await guard(['run', '--timeout', '0m1s500ms', '--', 'sleep', '30'], {env});
    expect(result.exitCode).toBe(124);
    expect(result.stderr).toBe('guard: timed out after 1500ms; stopped its process group');
  });

  it('are accepted in the policy, as milliseconds in policy show --json', async () => {
    userPolicy('defaults:\n  timeout: 1h15m\n  lockWait: 2m30s\njobs:\n  backup:\n    killAfter: 1d12h\n');
    const result = await guard(['policy', 'show', '--name', 'backup', '--json'], {env});
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).settings).toMatchObject({killAfter: 36 * 3_600_000, lockWait: 150_000, timeout: 4_500_000});
  });

  it('are accepted by history --since and prune --older-than', async () => {
    await guard(['run', '--', 'true'], {env});
    const history = await guard(['history', '--since', '1h30m', '--json'], {env});
    expect(history.exitCode).toBe(0);
    expect(JSON.parse(history.stdout)).toHaveLength(1);
    const prune = await guard(['prune', '--older-than', '1d12h', '--dry-run'], {env});
    expect(prune.exitCode).toBe(0);
    expect(prune.stdout).toMatch(/^would delete 0 runs started before /);
  });
});

describe('a duration written wrong', () => {
  it.each([
    [['--timeout', '1m1m'], "guard: --timeout: '1m1m' is not a duration (m is given twice)"],
    [['--lock', 'job', '--lock-wait', '30s1m'], "guard: --lock-wait: '30s1m' is not a duration (write the largest unit first: 1m30s)"],
    [['--kill-after', '1.5m30s'], "guard: --kill-after: '1.5m30s' is not a duration (a fraction is for a single unit, such as 1.5m; a compound is whole numbers, such as 1m30s)"],
    [['--retry-delay', '1m30'], "guard: --retry-delay: '1m30' is not a duration (use 500ms, 30s, 5m, 2h, 1d, compounds such as 1m30s, or a number of seconds)"],
    [['--timeout', '300d100d'], "guard: --timeout: '300d100d' is not a duration (d is given twice)"],
    [['--timeout', '365d24h1s'], "guard: --timeout: '365d24h1s' is longer than a year"],
  ])('%j is a usage error naming the flag, and nothing runs or is recorded', async (flags, line) => {
    const marker = join(box.dir, 'marker');
    const result = await guard(['run', ...flags, '--', 'touch', marker], {env});
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe(line);
    expect(existsSync(marker)).toBe(false);
    expect(rows()).toBe('0');
  });

  it('in the policy makes it invalid (78), saying what is wrong', async () => {
    const path = userPolicy('defaults:\n  timeout: 30s1m\n');
    const result = await guard(['run', '--', 'true'], {env});
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toBe(`guard: ${path}: defaults.timeout: not a duration (write the largest unit first: 1m30s)`);
  });
});
