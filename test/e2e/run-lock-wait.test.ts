import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/gate.js';
import {guard, sandbox} from '../helpers/guard.js';
import {eventually} from '../helpers/processes.js';

// --lock-wait used to wait in silence: a run that seemed to hang was waiting for a lock.

let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  env = {...box.env, HOME: box.dir};
});
afterEach(() => box.remove());

const fileOf = (name: string) => join(box.dir, name);
const lockFile = (name: string) => join(box.env.XDG_STATE_HOME!, 'guard/locks', `${name}.lock`);
const rows = (query: string) => JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}) || '[]') as Array<Record<string, unknown>>;
const run = (args: string[]) => guard(['run', ...args], {env});
const lines = (stderr: unknown) => String(stderr).split('\n');

/** A guard run that holds lock `x` until `release()`; resolves once its command is running. */
async function holder(flags: string[] = []) {
  const go = fileOf('go');
  const started = fileOf('holding');
  const running = run(['--lock', 'x', ...flags, '--', 'sh', '-c', `touch ${started}; ${waitFor(go)}`]);
  expect(await eventually(() => existsSync(started), 15_000)).toBe(true);
  return {release: () => writeFileSync(go, ''), running};
}

/** Whether guard `pid` is waiting in the kernel for the lock: its `flock --wait` helper is running. */
function waitingInKernel(pid: number): boolean {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', '^flock --wait '], {encoding: 'utf8'}).trim() !== '';
  } catch {
    return false;
  }
}

const heldBy = /held by run 1 \(pid \d+ on .+, since \d{4}-\d\d-\d\dT[\d:.]+Z\): sh -c 'touch .+'$/;

describe('guard run --lock-wait', () => {
  it('says once what it waits for (run, pid, since, command), and again when it gets the lock', async () => {
    const held = await holder();
    const waiting = run(['--lock', 'x', '--lock-wait', '1m', '--', 'echo', 'ran']);
    expect(await eventually(() => waitingInKernel(waiting.pid!), 15_000)).toBe(true);
    held.release();
    const result = await waiting;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('ran');
    const said = lines(result.stderr);
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/^guard: waiting up to 1m for lock 'x', /);
    expect(said[0]).toMatch(heldBy);
    expect(said[1]).toMatch(/^guard: got lock 'x' after waiting \S+$/);
    expect((await held.running).exitCode).toBe(0);
  });

  it('says when it gives up, and who still holds the lock; the row keeps that line', async () => {
    const held = await holder();
    const result = await run(['--lock', 'x', '--lock-wait', '500ms', '--', 'touch', fileOf('marker')]);
    held.release();
    expect(result.exitCode).toBe(75);
    expect(existsSync(fileOf('marker'))).toBe(false);
    const said = lines(result.stderr);
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/^guard: waiting up to 500ms for lock 'x', /);
    expect(said[1]).toMatch(/^guard: gave up on lock 'x' after waiting \S+: still /);
    expect(said[1]).toMatch(heldBy);
    await held.running;
    expect(rows("select status, exit_code, error from runs where status = 'lock_busy'")).toEqual([{error: said[1]!.slice('guard: '.length), exit_code: 75, status: 'lock_busy'}]);
  });

  it('names a holder that is no guard run by its pid and command, as guard locks does', async () => {
    mkdirSync(dirname(lockFile('x')), {recursive: true});
    const go = fileOf('go');
    const flock = spawn('flock', [lockFile('x'), 'sh', '-c', `touch ${fileOf('holding')}; ${waitFor(go)}`], {stdio: 'ignore'});
    const ended = new Promise((resolve) => flock.once('exit', resolve));
    expect(await eventually(() => existsSync(fileOf('holding')))).toBe(true);
    const waiting = run(['--lock', 'x', '--lock-wait', '1m', '--', 'true']);
    expect(await eventually(() => waitingInKernel(waiting.pid!), 15_000)).toBe(true);
    writeFileSync(go, '');
    const result = await waiting;
    await ended;
    expect(result.exitCode).toBe(0);
    const said = lines(result.stderr);
    expect(said[0]).toMatch(new RegExp(`^guard: waiting up to 1m for lock 'x', held by another process \\(not a guard run\\): pid ${flock.pid}, flock `));
    expect(said[1]).toMatch(/^guard: got lock 'x' after waiting \S+$/);
  });

  it('says nothing when the lock is free', async () => {
    const result = await run(['--lock', 'x', '--lock-wait', '1m', '--', 'true']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('under --quiet says nothing when the run then succeeds', async () => {
    const held = await holder();
    const waiting = run(['--quiet', '--lock', 'x', '--lock-wait', '1m', '--', 'echo', 'ran']);
    expect(await eventually(() => waitingInKernel(waiting.pid!), 15_000)).toBe(true);
    held.release();
    const result = await waiting;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
  });

  it('under --quiet prints its lines after the output of a run that failed, then how it ended', async () => {
    const held = await holder();
    const waiting = run(['--quiet', '--name', 'job', '--lock', 'x', '--lock-wait', '1m', '--', 'sh', '-c', 'echo broken >&2; exit 3']);
    expect(await eventually(() => waitingInKernel(waiting.pid!), 15_000)).toBe(true);
    held.release();
    const result = await waiting;
    expect(result.exitCode).toBe(3);
    const said = lines(result.stderr);
    expect(said).toHaveLength(4);
    expect(said[0]).toBe('broken');
    expect(said[1]).toMatch(/^guard: waiting up to 1m for lock 'x', /);
    expect(said[2]).toMatch(/^guard: got lock 'x' after waiting \S+$/);
    expect(said[3]).toMatch(/^guard: job failed with exit status 3 after \S+ \(run 2\)$/);
  });

  it('under --quiet, giving up prints what it waited for first, then the line that ends the run', async () => {
    const held = await holder();
    const result = await run(['--quiet', '--lock', 'x', '--lock-wait', '300ms', '--', 'true']);
    held.release();
    expect(result.exitCode).toBe(75);
    const said = lines(result.stderr);
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/^guard: waiting up to 300ms for lock 'x', /);
    expect(said[1]).toMatch(/^guard: gave up on lock 'x' after waiting /);
    await held.running;
  });

  it('under --quiet says how it ended when a signal stops the wait', async () => {
    const held = await holder();
    const waiting = run(['--quiet', '--name', 'job', '--lock', 'x', '--lock-wait', '1h', '--', 'true']);
    expect(await eventually(() => waitingInKernel(waiting.pid!), 15_000)).toBe(true);
    waiting.kill('SIGTERM');
    const result = await waiting;
    held.release();
    expect(result.exitCode).toBe(143);
    const said = lines(result.stderr);
    expect(said[0]).toMatch(/^guard: waiting up to 1h for lock 'x', /);
    expect(said.at(-1)).toMatch(/^guard: job was interrupted by SIGTERM while waiting for lock 'x' with exit status 143 after \S+ \(run 2\)$/);
    await held.running;
  });

  it('says how it ended when a signal stops the wait, as Ctrl-C at the confirm prompt does', async () => {
    const held = await holder();
    const waiting = run(['--name', 'job', '--lock', 'x', '--lock-wait', '1h', '--', 'true']);
    expect(await eventually(() => waitingInKernel(waiting.pid!), 15_000)).toBe(true);
    waiting.kill('SIGINT');
    const result = await waiting;
    held.release();
    expect(result.exitCode).toBe(130);
    const said = lines(result.stderr);
    expect(said[0]).toMatch(/^guard: waiting up to 1h for lock 'x', /);
    expect(said.at(-1)).toBe("guard: interrupted by SIGINT while waiting for lock 'x'; nothing was run");
    await held.running;
    // Nothing ran, so the wait is no run's duration: stats counts the attempt and times nothing.
    const stats = JSON.parse((await guard(['stats', '--name', 'job', '--json'], {env})).stdout) as Array<Record<string, unknown>>;
    expect(stats).toMatchObject([{failures: 1, name: 'job', p50_ms: null, p95_ms: null, runs: 1}]);
  });
});
