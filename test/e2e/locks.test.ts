import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';
import {eventually, isRunning} from '../helpers/processes.js';

// `guard locks` asks the kernel which lock files are held and which processes hold them,
// then says which of those holders are guard runs.
let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
let started: number[];
beforeEach(() => {
  box = sandbox();
  env = {...box.env, HOME: box.dir};
  started = [];
});
afterEach(() => {
  // Each holder by its pid, and the process group it leads (a shell's flock and its command).
  for (const pid of started) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {}
    }
  }

  box.remove();
});

const lockDir = () => join(box.dir, 'state/guard/locks');
const pidIn = (file: string) => (existsSync(file) && readFileSync(file, 'utf8').endsWith('\n') ? Number(readFileSync(file, 'utf8')) : undefined);
const locks = async () => {
  const result = await guard(['locks'], {env});
  expect(result.exitCode).toBe(0);
  return String(result.stdout);
};
const listed = async () => {
  const result = await guard(['locks', '--json'], {env});
  expect(result.exitCode).toBe(0);
  const parsed = JSON.parse(String(result.stdout)) as Array<Record<string, unknown>>;
  // Indented as every command's --json (history, show, stats, policy show) is.
  expect(String(result.stdout)).toBe(JSON.stringify(parsed, null, 2));
  return parsed;
};

/** A shell script's `flock LOCKFILE CMD…`, as cron jobs written before guard take their locks. */
async function shellFlock(name: string, command: string[]): Promise<ChildProcess> {
  mkdirSync(lockDir(), {mode: 0o700, recursive: true});
  const holder = spawn('flock', ['--nonblock', join(lockDir(), `${name}.lock`), ...command], {detached: true, stdio: 'ignore'});
  started.push(holder.pid!);
  const taken = () => readFileSync('/proc/locks', 'latin1').split('\n').some((line) => line.trim().split(/\s+/)[4] === String(holder.pid));
  expect(await eventually(taken)).toBe(true);
  return holder;
}

describe('guard locks', () => {
  it("lists a lock a shell's flock holds, naming its pid and command line, and a run is refused it with 75 naming that pid", async () => {
    expect(await locks()).toBe('no lock is held');
    const holder = await shellFlock('nightly', ['sh', '-c', 'sleep 300', 'sh', '--password=hunter2']);
    const command = `flock --nonblock ${join(lockDir(), 'nightly.lock')} sh -c 'sleep 300' sh --password=***`;

    expect(await locks()).toMatch(new RegExp(`^nightly\\s+-\\s+${holder.pid}\\s+-\\s+flock --nonblock `, 'm'));
    expect(await listed()).toEqual([{command, epoch: null, holders: expect.arrayContaining([{command, pid: holder.pid}]), name: 'nightly', pid: holder.pid, run_id: null, since: null}]);

    const refused = await guard(['run', '--lock', 'nightly', '--', 'true'], {env});
    expect(refused.exitCode).toBe(75);
    expect(refused.stderr).toBe(`guard: lock 'nightly' is held by another process (not a guard run): pid ${holder.pid}, ${command}`);
  });

  it('lists a lock held by a daemon that left its run (setsid), naming the daemon', async () => {
    const pidFile = join(box.dir, 'daemon.pid');
    const run = await guard(
      ['run', '--lock', 'worker', '--', 'sh', '-c', `setsid sh -c 'echo $$ > ${pidFile}; exec sleep 300' > /dev/null 2>&1 & while [ ! -s ${pidFile} ]; do sleep 0.01; done`],
      {env},
    );
    expect(run.exitCode).toBe(0);
    const daemon = pidIn(pidFile)!;
    started.push(daemon);
    expect(isRunning(daemon)).toBe(true);

    expect(await listed()).toEqual([{command: 'sleep 300', epoch: null, holders: [{command: 'sleep 300', pid: daemon}], name: 'worker', pid: daemon, run_id: null, since: null}]);
    const refused = await guard(['run', '--lock', 'worker', '--', 'true'], {env});
    expect(refused.exitCode).toBe(75);
    expect(refused.stderr).toBe(`guard: lock 'worker' is held by another process (not a guard run): pid ${daemon}, sleep 300`);
  });

  it('lists a lock kept by what a run left in its process group under its run, naming the process that holds it now', async () => {
    const pidFile = join(box.dir, 'leftover.pid');
    const run = await guard(['run', '--lock', 'sync', '--leave-orphans', '--', 'sh', '-c', `sh -c 'echo $$ > ${pidFile}; exec sleep 300' > /dev/null 2>&1 & while [ ! -s ${pidFile} ]; do sleep 0.01; done`], {env});
    expect(run.exitCode).toBe(0);
    const leftover = pidIn(pidFile)!;
    started.push(leftover);

    expect(await listed()).toEqual([
      {command: expect.stringMatching(/^sh -c /), epoch: 1, holders: [{command: 'sleep 300', pid: leftover}], name: 'sync', pid: leftover, run_id: 1, since: expect.any(String)},
    ]);
    expect(await locks()).toMatch(new RegExp(`^sync\\s+1\\s+${leftover}\\s+\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+sh -c `, 'm'));
  });

  it('does not count a run waiting for the lock as a holder', async () => {
    const holder = await shellFlock('backup', ['sleep', '300']);
    const waiter = guard(['run', '--lock', 'backup', '--lock-wait', '5m', '--', 'true'], {env});
    // The kernel lists a blocked flock as a waiter (`->`) on the same file.
    expect(await eventually(() => readFileSync('/proc/locks', 'latin1').includes('-> FLOCK'), 20_000)).toBe(true);

    const [lock] = await listed();
    expect(lock).toMatchObject({name: 'backup', pid: holder.pid, run_id: null});
    expect((lock!.holders as Array<{command: string}>).map((item) => item.command).sort()).toEqual([`flock --nonblock ${join(lockDir(), 'backup.lock')} sleep 300`, 'sleep 300']);

    process.kill(-holder.pid!, 'SIGKILL');
    expect((await waiter).exitCode).toBe(0);
    expect(await locks()).toBe('no lock is held');
  });

  it('spells out the control characters of a holder that is no guard run, and escapes them in JSON', async () => {
    await shellFlock('odd', ['sh', '-c', 'sleep 300', '\u001b]0;pwned\u0007\u009b']);
    const table = await locks();
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(table).toMatch(/^odd /m);
    const json = await guard(['locks', '--json'], {env});
    expect(String(json.stdout)).not.toMatch(/[\u007f-\u009f]/);
    expect(JSON.parse(String(json.stdout))[0].command).toContain("$'\\x1b]0;pwned\\x07");
  });
});
