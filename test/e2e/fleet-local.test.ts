import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const url = 'postgres://guard_web1:s3cret@db.internal:5432/guard';
const rows = () => execFileSync('sqlite3', [box.env.GUARD_DB, 'SELECT count(*) FROM runs'], {encoding: 'utf8'}).trim();

function userPolicy(text: string): void {
  mkdirSync(join(box.dir, 'config/guard'), {recursive: true});
  writeFileSync(join(box.dir, 'config/guard/policy.yaml'), text);
}

describe('the fleet on the local side', () => {
  it('refuses a project .guardrc that joins a fleet (78), naming file, field and why', async () => {
    writeFileSync(join(box.dir, '.guardrc.json'), JSON.stringify({fleet: {url: 'postgres://evil.example/guard'}}));
    const result = await guard(['run', '--', 'true'], {cwd: box.dir, env: box.env});
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toBe(
      `guard: ${join(box.dir, '.guardrc.json')}: fleet.url: only the system or user policy may join the machine to a fleet: a repository cannot ship a .guardrc that disarms the machine's policy`,
    );
  });

  it('says --fleet needs a fleet (78) before anything runs or is recorded', async () => {
    const result = await guard(['run', '--fleet', '--lock', 'nightly', '--', 'touch', join(box.dir, 'ran')], {cwd: box.dir, env: box.env});
    expect([result.exitCode, result.stderr]).toEqual([78, 'guard: --fleet: no fleet is configured (fleet.url in the system or user policy, or GUARD_FLEET_URL)']);
    expect(execFileSync('ls', [box.dir], {encoding: 'utf8'})).not.toContain('ran');
  });

  it('takes --fleet and --no-fleet as usage errors together, and --fleet without a lock', async () => {
    const both = await guard(['run', '--fleet', '--no-fleet', '--', 'true'], {env: box.env});
    expect([both.exitCode, both.stderr]).toEqual([64, 'guard: --fleet and --no-fleet cannot both be given']);
    const unlocked = await guard(['run', '--fleet', '--', 'true'], {env: {...box.env, GUARD_FLEET_URL: url}});
    expect([unlocked.exitCode, unlocked.stderr]).toEqual([64, 'guard: --fleet needs a lock (--lock, or one from the policy)']);
  });

  it('refuses a bad fleet block in the user policy (78), and an unsafe timing, naming the fields', async () => {
    userPolicy('fleet:\n  url: postgres://db/guard\n  lostAfter: 40s\n');
    const result = await guard(['run', '--', 'true'], {env: box.env});
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toMatch(/^guard: .*config\/guard\/policy\.yaml: fleet\.lostAfter: lostAfter 40s \+ killAfter 10s \(built-in\) must be less than .* lockDelay 15s = 40s; otherwise a second host may start the job while this one is still stopping it$/);
    userPolicy('fleet:\n  lock: true\n');
    const noUrl = await guard(['run', '--', 'true'], {env: box.env});
    expect([noUrl.exitCode, noUrl.stderr]).toEqual([78, `guard: ${join(box.dir, 'config/guard/policy.yaml')}: fleet: no url (set fleet.url, or GUARD_FLEET_URL in guard's environment)`]);
  });

  it('runs a job that opts out with --no-fleet, and records the host scope of its lock', async () => {
    userPolicy(`fleet:\n  url: ${url}\n`);
    const result = await guard(['run', '--no-fleet', '--lock', 'nightly', '--json', '--', 'sh', '-c', 'echo "$GUARD_LOCK_SCOPE $GUARD_LOCK_EPOCH"'], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('host 1');
    const record = result.stderr.trim().split('\n').find((line) => line.startsWith('{'))!;
    expect(JSON.parse(record)).toMatchObject({lock: 'nightly', lock_epoch: 1, lock_scope: 'host', status: 'succeeded'});
    // A run without a lock still goes to the fleet's history: with no server there, it stays queued and says so.
    const unlocked = await guard(['run', '--json', '--', 'true'], {env: box.env});
    const lines = unlocked.stderr.trim().split('\n');
    expect(JSON.parse(lines.find((line) => line.startsWith('{'))!)).toMatchObject({lock: null, lock_scope: null});
    expect(lines.at(-1)).toMatch(/^guard: fleet history not shipped: .*; queued for the next run or `guard fleet sync`$/);
    const shown = await guard(['show', '1'], {env: box.env});
    expect(shown.stdout).toMatch(/lock_scope\s+host/);
    expect(rows()).toBe('2');
  });

  it('shows the fleet block in policy show, without the password', async () => {
    userPolicy(`fleet:\n  url: ${url}\n  heartbeat: 2s\n  keepalive: {idle: 20s, count: 4}\n`);
    const human = await guard(['policy', 'show'], {env: box.env});
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/fleet\.url\s+postgres:\/\/guard_web1:\*\*\*@db\.internal:5432\/guard\s+user/);
    expect(human.stdout).toMatch(/fleet\.heartbeat\s+2s\s+user/);
    expect(human.stdout).toMatch(/fleet\.keepalive\s+count 4, idle 20s\s+user/);
    expect(human.stdout).not.toContain('s3cret');
    const json = await guard(['policy', 'show', '--json'], {env: box.env});
    expect(JSON.parse(json.stdout).settings.fleet).toMatchObject({heartbeat: {value: 2000}, url: {value: 'postgres://guard_web1:***@db.internal:5432/guard'}});
    const validated = await guard(['policy', 'validate'], {env: box.env});
    expect(validated.exitCode).toBe(0);
  });
});
