// Locking faults (reliability plan §6, table L), against the built CLI. The contract wins
// over the plan: a bad lock name is a usage error (64), an unsafe lock file or folder is bad
// configuration (78), one that cannot be made or opened is an I/O failure (74), a busy lock is 75.
//
// Cases of the plan with no test here:
// - L5 (`--lock-no-inherit`): not built; the command always inherits the lock (see L6 and
//   the setsid daemon in process.test.ts).
// - L10's embedded NUL: execve cannot pass a NUL inside an argument, so no caller can.
// - L12's read-only mount: needs mount(2) in a private mount namespace (see the case below,
//   which runs it under `unshare --mount` as root); an unwritable lock file cannot be made
//   for root, which ignores file modes.
import {execFileSync, spawn} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {waitFor} from '../helpers/gate.js';
import {guard} from '../helpers/guard.js';
import {expectNoLeftovers, type FaultBox, faultBox, heldLockFiles, needsRoot, rows} from '../helpers/faults.js';
import {eventually, isRunning} from '../helpers/processes.js';

// Many guards start here, each a Node process: generous limits for a loaded machine.
vi.setConfig({hookTimeout: 180_000, testTimeout: 180_000});

let box: FaultBox;
beforeEach(() => {
  box = faultBox();
});
afterEach(() => box.remove());

const run = (args: string[]) => guard(['run', ...args], {env: box.env});
const pidFile = () => box.file('pid');
const started = () => existsSync(pidFile()) && readFileSync(pidFile(), 'utf8').endsWith('\n');
const readPid = () => Number(readFileSync(pidFile(), 'utf8'));

/**
 * Starts `count` runs of one locked command together. The one that gets the lock holds it
 * until every other has finished, so none can start late (a loaded machine) and find it free.
 */
async function together(count: number, flags: string[]) {
  const go = box.file('go');
  const runs = Array.from({length: count}, () => run([...flags, '--', 'sh', '-c', `${waitFor(go)}`]));
  let finished = 0;
  for (const attempt of runs) {
    void attempt.then(() => {
      if (++finished === count - 1) writeFileSync(go, '');
    });
  }

  return Promise.all(runs);
}

needsRoot();

describe('contention', () => {
  it('L1: of two runs started together exactly one runs; the other exits 75 naming the holder, and both are recorded', async () => {
    const [first, second] = await together(2, ['--lock', 'x']);
    expect([first!.exitCode, second!.exitCode].sort()).toEqual([0, 75]);
    const loser = first!.exitCode === 75 ? first! : second!;
    const holder = rows(box.db, "SELECT id FROM runs WHERE status = 'succeeded'")[0]!.id;
    expect(loser.stderr).toMatch(new RegExp(`^guard: lock 'x' is held by run ${String(holder)} \\(pid \\d+ on .+, since .+\\): sh -c 'waited=0; until `));
    expect(rows(box.db, 'SELECT status, exit_code FROM runs ORDER BY status')).toEqual([
      {status: 'lock_busy', exit_code: 75},
      {status: 'succeeded', exit_code: 0},
    ]);
    await expectNoLeftovers(box);
  });

  it('L2: of 50 runs started together on one lock exactly one runs, all 50 are recorded, the epoch grows once', async () => {
    const results = await together(50, ['--lock', 'x']);
    expect(results.filter((result) => ![0, 75].includes(result.exitCode!)).map((result) => result.stderr)).toEqual([]);
    expect(results.map((result) => result.exitCode).sort((a, b) => Number(a) - Number(b))).toEqual([0, ...Array(49).fill(75)]);
    expect(results.filter((result) => /database is locked/.test(result.stderr))).toEqual([]);
    expect(rows(box.db, 'SELECT status, count(*) AS n FROM runs GROUP BY status ORDER BY status')).toEqual([
      {status: 'lock_busy', n: 49},
      {status: 'succeeded', n: 1},
    ]);
    expect(rows(box.db, 'SELECT name, epoch, released FROM locks')).toEqual([{name: 'x', epoch: 1, released: 1}]);
    await expectNoLeftovers(box);
  }, 600_000);

  it('L2: 50 runs started together without a lock all run, and all 50 are recorded and chained', async () => {
    const results = await Promise.all(Array.from({length: 50}, (_, index) => run(['--', 'sh', '-c', `echo ${index}`])));
    expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
    expect(results.map((result) => result.exitCode)).toEqual(Array(50).fill(0));
    expect(rows(box.db, 'SELECT status, count(*) AS n, count(DISTINCT seq) AS sealed FROM runs GROUP BY status')).toEqual([
      {status: 'succeeded', n: 50, sealed: 50},
    ]);
    await expectNoLeftovers(box);
  }, 600_000);
});

describe('a killed holder', () => {
  it('L3: kill -9 of guard leaves the lock with its running command; the next run acquires once the command ends', async () => {
    const go = box.file('go');
    const first = run(['--lock', 'x', '--', 'sh', '-c', `echo $$ > ${pidFile()}; ${waitFor(go)} & wait`]);
    expect(await eventually(started, 20_000)).toBe(true);
    expect(await eventually(() => rows(box.db, 'SELECT status FROM runs')[0]?.status === 'running', 20_000)).toBe(true);
    first.kill('SIGKILL');
    await first;
    expect((await run(['--lock', 'x', '--', 'true'])).exitCode).toBe(75);
    expect(rows(box.db, 'SELECT id, status FROM runs ORDER BY id')).toEqual([
      {id: 1, status: 'running'},
      {id: 2, status: 'lock_busy'},
    ]);

    writeFileSync(go, '');
    const after = await run(['--lock', 'x', '--lock-wait', '1m', '--', 'sh', '-c', 'echo $GUARD_LOCK_EPOCH']);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toBe('2');
    expect(rows(box.db, 'SELECT id, status FROM runs ORDER BY id')).toEqual([
      {id: 1, status: 'abandoned'},
      {id: 2, status: 'lock_busy'},
      {id: 3, status: 'succeeded'},
    ]);
    await expectNoLeftovers(box, {groups: [readPid()]});
  });

  it('L4: kill -9 of guard and of its process group: the next run acquires at once; the lock file stays', async () => {
    const first = run(['--lock', 'x', '--', 'sh', '-c', `echo $$ > ${pidFile()}; sleep 300 & wait`]);
    expect(await eventually(started, 20_000)).toBe(true);
    expect(await eventually(() => rows(box.db, 'SELECT status FROM runs')[0]?.status === 'running', 20_000)).toBe(true);
    first.kill('SIGKILL');
    await first;
    process.kill(-readPid(), 'SIGKILL');
    expect(await eventually(() => !isRunning(readPid()))).toBe(true);
    const next = await run(['--lock', 'x', '--', 'true']);
    expect(next.exitCode).toBe(0);
    expect(rows(box.db, 'SELECT id, status, notes FROM runs ORDER BY id')).toEqual([
      {id: 1, status: 'abandoned', notes: null},
      {id: 2, status: 'succeeded', notes: expect.stringMatching(/^\["cleared a stale holder of lock 'x': run 1 /)},
    ]);
    expect(readdirSync(box.lockDir)).toEqual(['x.lock']);
    await expectNoLeftovers(box, {groups: [readPid()]});
  });
});

describe('inheritance', () => {
  it('L6: what the command leaves running keeps the lock with --leave-orphans, as guard locks and the kernel agree', async () => {
    const result = await run(['--lock', 'x', '--leave-orphans', '--', 'sh', '-c', `echo $$ > ${pidFile()}; sleep 300 > /dev/null 2>&1 &`]);
    expect(result.exitCode).toBe(0);
    expect(heldLockFiles(box.lockDir)).toEqual(['x.lock']);
    const listed = JSON.parse(String((await guard(['locks', '--json'], {env: box.env})).stdout)) as Array<Record<string, unknown>>;
    expect(listed).toEqual([expect.objectContaining({name: 'x', run_id: 1})]);
    const next = await run(['--lock', 'x', '--', 'true']);
    expect(next.exitCode).toBe(75);
    expect(next.stderr).toMatch(/^guard: lock 'x' is held by run 1 /);

    process.kill(-readPid(), 'SIGKILL');
    await expectNoLeftovers(box, {groups: [readPid()]});
  });

  it('L6: by default what the command leaves running is stopped, and the lock is free when guard exits', async () => {
    const result = await run(['--lock', 'x', '--', 'sh', '-c', `echo $$ > ${pidFile()}; sleep 300 > /dev/null 2>&1 &`]);
    expect(result.exitCode).toBe(0);
    expect(heldLockFiles(box.lockDir)).toEqual([]);
    expect((await run(['--lock', 'x', '--', 'true'])).exitCode).toBe(0);
    await expectNoLeftovers(box, {groups: [readPid()]});
  });
});

describe('waiting', () => {
  it('L7: --lock-wait acquires once a short holder ends, and gives up with 75 on one that outlasts it', async () => {
    const short = run(['--lock', 'x', '--', 'sh', '-c', `echo $$ > ${pidFile()}; sleep 0.5`]);
    expect(await eventually(started, 20_000)).toBe(true);
    expect((await run(['--lock', 'x', '--lock-wait', '1m', '--', 'true'])).exitCode).toBe(0);
    expect((await short).exitCode).toBe(0);

    const go = box.file('go');
    const long = run(['--lock', 'x', '--', 'sh', '-c', `echo $$ > ${box.file('pid2')}; ${waitFor(go)}`]);
    expect(await eventually(() => existsSync(box.file('pid2')) && readFileSync(box.file('pid2'), 'utf8').endsWith('\n'), 20_000)).toBe(true);
    const waiter = await run(['--lock', 'x', '--lock-wait', '1s', '--', 'touch', box.file('marker')]);
    expect(waiter.exitCode).toBe(75);
    expect(existsSync(box.file('marker'))).toBe(false);
    writeFileSync(go, '');
    expect((await long).exitCode).toBe(0);
    expect(rows(box.db, 'SELECT status FROM runs ORDER BY id')).toEqual([
      {status: 'succeeded'},
      {status: 'succeeded'},
      {status: 'succeeded'},
      {status: 'lock_busy'},
    ]);
    await expectNoLeftovers(box);
  });
});

describe('holder records that lie', () => {
  it('L8: a record naming a live pid with another start time (a reused pid) is stale: taken over, epoch +1', async () => {
    await run(['--lock', 'x', '--', 'true']);
    execFileSync('sqlite3', [box.db, "UPDATE locks SET released = 0, pid = 1, pid_start = 999999999, run_id = 99 WHERE name = 'x'"]);
    const result = await run(['--lock', 'x', '--', 'sh', '-c', 'echo $GUARD_LOCK_EPOCH']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('2');
    expect(rows(box.db, 'SELECT notes FROM runs WHERE id = 2')).toEqual([{notes: expect.stringMatching(/cleared a stale holder of lock 'x': run 99 \(pid 1, /)}]);
    await expectNoLeftovers(box);
  });

  it('L9: a record from another host (or boot) is stale, as the kernel lock is free: taken over, epoch +1', async () => {
    await run(['--lock', 'x', '--', 'true']);
    execFileSync('sqlite3', [box.db, "UPDATE locks SET released = 0, host = 'elsewhere', run_id = 98 WHERE name = 'x'"]);
    const result = await run(['--lock', 'x', '--', 'sh', '-c', 'echo $GUARD_LOCK_EPOCH']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('2');
    expect(rows(box.db, 'SELECT notes FROM runs WHERE id = 2')).toEqual([{notes: expect.stringMatching(/cleared a stale holder of lock 'x': run 98 /)}]);
    await expectNoLeftovers(box);
  });
});

describe('bad lock names and lock files', () => {
  it.each([['../../etc/passwd'], ['a/b'], [''], ['x'.repeat(300)]])('L10: --lock=%j exits 64 and creates no file', async (name) => {
    const result = await run([`--lock=${name}`, '--', 'touch', box.file('marker')]);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe(`guard: --lock: '${name}' is not a lock name (1-64 letters, digits, '.', '_' or '-', not starting with '.')`);
    expect(existsSync(box.lockDir)).toBe(false);
    expect(existsSync(box.file('marker'))).toBe(false);
    await expectNoLeftovers(box, {log: false});
  });

  it('L11: a lock file replaced by a symlink is refused, and its target is untouched', async () => {
    mkdirSync(box.lockDir, {recursive: true, mode: 0o700});
    writeFileSync(box.file('target'), 'precious\n');
    const before = statSync(box.file('target'));
    symlinkSync(box.file('target'), `${box.lockDir}/x.lock`);
    const result = await run(['--lock', 'x', '--', 'touch', box.file('marker')]);
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toBe(`guard: lock ${box.lockDir}/x.lock: is a symlink`);
    expect(existsSync(box.file('marker'))).toBe(false);
    expect(readFileSync(box.file('target'), 'utf8')).toBe('precious\n');
    expect(statSync(box.file('target')).mtimeMs).toBe(before.mtimeMs);
    await expectNoLeftovers(box);
  });

  it('L11: a lock folder others may write to (without the sticky bit) is refused', async () => {
    mkdirSync(box.lockDir, {recursive: true});
    chmodSync(box.lockDir, 0o777);
    const result = await run(['--lock', 'x', '--', 'touch', box.file('marker')]);
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toBe(`guard: lock folder ${box.lockDir}: writable by others; refusing to use it`);
    expect(existsSync(box.file('marker'))).toBe(false);
    expect(readdirSync(box.lockDir)).toEqual([]);
    await expectNoLeftovers(box);
  });

  it('L12: a lock folder on a read-only mount: one clear line, nothing runs', async () => {
    mkdirSync(box.lockDir, {recursive: true, mode: 0o700});
    const script = `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"`;
    const child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', box.lockDir, process.execPath, ...guardArgs()], {
      env: {...process.env, NODE_OPTIONS: '', ...box.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr.trim()).toBe(`guard: lock ${box.lockDir}/x.lock: EROFS: read-only file system, open '${box.lockDir}/x.lock'`);
    expect(status).toBe(74);
    expect(existsSync(box.file('marker'))).toBe(false);
    await expectNoLeftovers(box);
  });
});

function guardArgs() {
  return [new URL('../../bin/run.js', import.meta.url).pathname, 'run', '--lock', 'x', '--', 'touch', box.file('marker')];
}

describe('interoperability', () => {
  it('L13: a shell script holding flock(1) on the lock file makes guard exit 75', async () => {
    await run(['--lock', 'x', '--', 'true']);
    const holder = spawn('flock', ['-n', `${box.lockDir}/x.lock`, 'sh', '-c', `echo $$ > ${pidFile()}; exec sleep 300`], {
      env: {...process.env, ...box.env},
      stdio: 'ignore',
    });
    expect(await eventually(started, 20_000)).toBe(true);
    const result = await run(['--lock', 'x', '--', 'touch', box.file('marker')]);
    expect(result.exitCode).toBe(75);
    expect(result.stderr).toBe(`guard: lock 'x' is held by another process (not a guard run): pid ${holder.pid}, flock -n ${box.lockDir}/x.lock sh -c 'echo $$ > ${pidFile()}; exec sleep 300'`);
    expect(existsSync(box.file('marker'))).toBe(false);
    holder.kill('SIGKILL');
    process.kill(readPid(), 'SIGKILL');
    await expectNoLeftovers(box);
  });
});
