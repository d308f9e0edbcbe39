import {execFileSync, spawn} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/gate.js';
import {bin, guard, sandbox} from '../helpers/guard.js';
import {eventually, isRunning} from '../helpers/processes.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const rows = (query: string) => {
  const text = execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim();
  return text === '' ? [] : (JSON.parse(text) as Record<string, unknown>[]);
};
const lockDir = () => join(box.dir, 'state/guard/locks');
const run = (args: string[]) => guard(['run', ...args], {env: box.env});
const fileOf = (name: string) => join(box.dir, name);
const written = (file: string) => existsSync(file) && readFileSync(file, 'utf8').endsWith('\n');

/**
 * Starts `count` runs of one locked command at once. The one that gets the lock holds it
 * until every other has finished, so none can come late (a loaded machine) and find it free.
 */
async function overlapping(count: number, flags: string[]) {
  const go = fileOf('go');
  const runs = Array.from({length: count}, () => run([...flags, '--', 'sh', '-c', `${waitFor(go)}`]));
  let finished = 0;
  for (const attempt of runs) {
    void attempt.then(() => {
      if (++finished === count - 1) writeFileSync(go, '');
    });
  }

  return Promise.all(runs);
}

describe('guard run --lock', () => {
  it('lets one of two overlapping runs through and turns the other away at once', async () => {
    const [first, second] = await overlapping(2, ['--lock', 'x']);
    expect([first!.exitCode, second!.exitCode].sort()).toEqual([0, 75]);
    const loser = first!.exitCode === 75 ? first! : second!;
    expect(loser.stderr).toMatch(/^guard: lock 'x' is held by run \d+ \(pid \d+ on .+, since .+\): sh -c 'waited=0; until .+$/);
    const recorded = rows('select status, exit_code, lock from runs order by status');
    expect(recorded.map(({status, exit_code, lock}) => ({status, exit_code, lock}))).toEqual([
      {status: 'lock_busy', exit_code: 75, lock: 'x'},
      {status: 'succeeded', exit_code: 0, lock: 'x'},
    ]);
    // It gave up at once: the holder lets go only once the loser has finished, so a loser that
    // waited for the lock would never have finished.
  });

  it('lets exactly one of ten runs started together through', async () => {
    const results = await overlapping(10, ['--lock', 'x']);
    expect(results.filter((result) => ![0, 75].includes(result.exitCode!)).map((result) => result.stderr)).toEqual([]);
    expect(results.map((result) => result.exitCode).sort((a, b) => Number(a) - Number(b))).toEqual([0, ...Array(9).fill(75)]);
    expect(rows('select status, count(*) as n from runs group by status order by status')).toEqual([
      {status: 'lock_busy', n: 9},
      {status: 'succeeded', n: 1},
    ]);
  }, 60_000);

  it('makes an overlapping run a quiet skip with --conflict-exit-code 0, still recorded as lock_busy', async () => {
    const results = await overlapping(4, ['--lock', 'x', '--conflict-exit-code', '0']);
    expect(results.map((result) => result.exitCode)).toEqual([0, 0, 0, 0]);
    expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
    expect(rows("select count(*) as n from runs where status = 'lock_busy' and exit_code = 0")).toEqual([{n: 3}]);
  });

  it('waits with --lock-wait for a holder that ends in time, and runs', async () => {
    const holder = run(['--lock', 'x', '--', 'sh', '-c', `echo $$ > ${fileOf('held')}; sleep 2`]);
    expect(await eventually(() => written(fileOf('held')))).toBe(true);
    const waiter = await run(['--lock', 'x', '--lock-wait', '10s', '--', 'sh', '-c', 'echo ran with epoch $GUARD_LOCK_EPOCH']);
    expect((await holder).exitCode).toBe(0);
    expect(waiter.exitCode).toBe(0);
    expect(waiter.stdout).toBe('ran with epoch 2');
  });

  it('gives up with 75 when the holder outlasts --lock-wait', async () => {
    const holder = run(['--lock', 'x', '--', 'sh', '-c', `echo $$ > ${fileOf('held')}; sleep 4`]);
    expect(await eventually(() => written(fileOf('held')))).toBe(true);
    const began = Date.now();
    const waiter = await run(['--lock', 'x', '--lock-wait', '1s', '--', 'touch', fileOf('marker')]);
    expect(waiter.exitCode).toBe(75);
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    expect(existsSync(fileOf('marker'))).toBe(false);
    await holder;
  });

  it('keeps the lock while the command of a killed guard lives, and frees it the moment it ends', async () => {
    const goOn = fileOf('go-on');
    const first = spawn(process.execPath, [bin, 'run', '--lock', 'x', '--', 'sh', '-c', `echo $$ > ${fileOf('held')}; ${waitFor(goOn)}`], {
      env: {...process.env, ...box.env},
      stdio: 'ignore',
    });
    expect(await eventually(() => written(fileOf('held')))).toBe(true);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const command = Number(readFileSync(fileOf('held'), 'utf8'));
    expect(isRunning(command)).toBe(true);

    const meanwhile = await run(['--lock', 'x', '--', 'true']);
    expect(meanwhile.exitCode).toBe(75);
    expect(meanwhile.stderr).toMatch(/held by run 1 /);

    writeFileSync(goOn, '');
    expect(await eventually(() => !isRunning(command))).toBe(true);
    const after = await run(['--lock', 'x', '--', 'sh', '-c', 'echo $GUARD_LOCK_EPOCH']);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toBe('2');
    expect(rows('select id, status, notes from runs order by id')).toEqual([
      {id: 1, status: 'abandoned', notes: null},
      {id: 2, status: 'lock_busy', notes: null},
      {id: 3, status: 'succeeded', notes: expect.stringMatching(/cleared a stale holder of lock 'x': run 1 /)},
    ]);
    expect((await guard(['locks', '--json'], {env: box.env})).stdout).toBe('[]');
    expect(readdirSync(lockDir())).toEqual(['x.lock']);
  });

  it('is not blocked by a holder record naming a live but unrelated process (a reused pid)', async () => {
    await run(['--lock', 'x', '--', 'true']);
    execFileSync('sqlite3', [box.env.GUARD_DB!, `update locks set released = 0, pid = ${process.pid}, pid_start = 1, run_id = 99 where name = 'x'`]);
    const result = await run(['--lock', 'x', '--', 'true']);
    expect(result.exitCode).toBe(0);
    expect(rows('select notes from runs where id = 2')).toEqual([{notes: expect.stringMatching(/cleared a stale holder of lock 'x': run 99 /)}]);
  });

  it('conflicts with flock(1) in a shell script on the same lock file', async () => {
    await run(['--lock', 'x', '--', 'true']);
    const holder = spawn('flock', ['-n', join(lockDir(), 'x.lock'), 'sh', '-c', `echo $$ > ${fileOf('held')}; sleep 3`], {stdio: 'ignore'});
    expect(await eventually(() => written(fileOf('held')))).toBe(true);
    const result = await run(['--lock', 'x', '--', 'true']);
    expect(result.exitCode).toBe(75);
    expect(result.stderr).toBe(`guard: lock 'x' is held by another process (not a guard run): pid ${holder.pid}, flock -n ${join(lockDir(), 'x.lock')} sh -c 'echo $$ > ${fileOf('held')}; sleep 3'`);
    holder.kill();
  });

  it('lists the held lock in guard locks while the run lasts', async () => {
    // Held until the test says go, however slow the machine.
    const script = `echo $$ > ${fileOf('held')}; ${waitFor(fileOf('go'))}`;
    const holder = run(['--lock', 'nightly', '--', 'sh', '-c', script]);
    expect(await eventually(() => written(fileOf('held')))).toBe(true);
    const listed = JSON.parse((await guard(['locks', '--json'], {env: box.env})).stdout);
    writeFileSync(fileOf('go'), '');
    expect(listed).toEqual([{name: 'nightly', run_id: 1, pid: expect.any(Number), since: expect.any(String), epoch: 1, command: `sh -c '${script}'`, holders: expect.arrayContaining([{command: `sh -c '${script}'`, pid: expect.any(Number)}])}]);
    await holder;
    expect((await guard(['locks'], {env: box.env})).stdout).toBe('no lock is held');
  });

  it('tells the command it holds the lock, with an epoch that grows with every acquisition', async () => {
    const epochs = [];
    for (let index = 0; index < 3; index++) {
      epochs.push((await run(['--lock', 'x', '--', 'sh', '-c', 'echo $GUARD_LOCK:$GUARD_LOCK_EPOCH'])).stdout);
    }

    expect(epochs).toEqual(['x:1', 'x:2', 'x:3']);
  });

  it('names the lock after --name when --lock has no name, else after the exact argv', async () => {
    expect((await run(['--name', 'backup', '--lock', '--', 'sh', '-c', 'echo $GUARD_LOCK'])).stdout).toBe('backup');
    const first = (await run(['--lock', '--', 'sh', '-c', 'echo $GUARD_LOCK'])).stdout;
    const second = (await run(['--lock', '--', 'sh', '-c', 'echo  $GUARD_LOCK'])).stdout;
    expect(first).toMatch(/^argv-[0-9a-f]{32}$/);
    expect(second).toMatch(/^argv-[0-9a-f]{32}$/);
    expect(first).not.toBe(second);
  });

  it('takes --lock=NAME', async () => {
    expect((await run(['--lock=a.b-c_d', '--', 'sh', '-c', 'echo $GUARD_LOCK'])).stdout).toBe('a.b-c_d');
  });

  it.each([
    [['--lock', '../../etc/passwd', '--', 'true'], "guard: --lock: '../../etc/passwd' is not a lock name (1-64 letters, digits, '.', '_' or '-', not starting with '.')"],
    [['--lock', 'a/b', '--', 'true'], "guard: --lock: 'a/b' is not a lock name (1-64 letters, digits, '.', '_' or '-', not starting with '.')"],
    [['--lock=', '--', 'true'], "guard: --lock: '' is not a lock name (1-64 letters, digits, '.', '_' or '-', not starting with '.')"],
    [['--lock', '.hidden', '--', 'true'], "guard: --lock: '.hidden' is not a lock name (1-64 letters, digits, '.', '_' or '-', not starting with '.')"],
    [['--lock', 'x'.repeat(300), '--', 'true'], `guard: --lock: '${'x'.repeat(300)}' is not a lock name (1-64 letters, digits, '.', '_' or '-', not starting with '.')`],
    [['--lock', 'x', '--no-lock', '--', 'true'], 'guard: --lock and --no-lock cannot both be given'],
    [['--lock-wait', '5s', '--', 'true'], 'guard: --lock-wait needs a lock (--lock, or one from the policy)'],
    [['--lock', 'x', '--conflict-exit-code', '300', '--', 'true'], "guard: --conflict-exit-code: '300' is not an exit status (0-255)"],
    [['--lock', 'x', '--conflict-exit-code', 'busy', '--', 'true'], "guard: --conflict-exit-code: 'busy' is not an exit status (0-255)"],
  ])('refuses %j with 64 and creates no lock file', async (args, line) => {
    const result = await run(args);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe(line);
    expect(existsSync(lockDir())).toBe(false);
  });
});
