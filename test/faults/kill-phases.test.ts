// `kill -9` of guard at each phase of a run, with real tools and no hook in the product:
// strace injects SIGKILL into guard's main thread at the Nth fsync of the audit log's WAL
// (`-P` counts only the syscalls on that file). SQLite writes a transaction's frames and
// then syncs them, so a kill as the sync starts leaves that transaction in the file (an
// application crash loses nothing written), and a kill at an earlier sync leaves it out.
// Each phase's ordinal is read from a trace of a normal run first, so a change in how
// guard writes fails here with the sequence it found, not with a kill in the wrong place.
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {execa} from 'execa';
import {waitFor} from '../helpers/gate.js';
import {bin, guard} from '../helpers/guard.js';
import {expectNoLeftovers, type FaultBox, faultBox, heldLockFiles, needsRoot, rows} from '../helpers/faults.js';
import {eventually, isRunning} from '../helpers/processes.js';

// Many guards start here, each a Node process: generous limits for a loaded machine.
vi.setConfig({hookTimeout: 180_000, testTimeout: 180_000});

let box: FaultBox;
beforeEach(() => {
  box = faultBox();
});
afterEach(() => box.remove());

const strace = '/usr/bin/strace';
const run = (args: string[]) => guard(['run', ...args], {env: box.env});

/** guard run under strace, killed at the `when`th fsync of the WAL (or only traced). */
function tracedRun(args: string[], when?: number) {
  if (!existsSync(strace)) throw new Error(`these tests need strace at ${strace} to kill guard at a given write`);
  const wal = `${box.db}-wal`;
  const inject = when === undefined ? [] : ['-e', `inject=fsync:signal=SIGKILL:when=${when}`];
  return execa(strace, ['-o', box.file('trace'), '-P', wal, '-e', 'trace=fsync', ...inject, process.execPath, bin, 'run', ...args], {
    env: {...process.env, NODE_OPTIONS: undefined, ...box.env},
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  });
}

/** How many times a normal run syncs the WAL: each sync closes one transaction. */
async function walSyncs(args: string[]): Promise<number> {
  const traced = await tracedRun(args);
  expect(traced.exitCode).toBe(0);
  return readFileSync(box.file('trace'), 'utf8').split('\n').filter((line) => line.startsWith('fsync(')).length;
}

const ran = () => box.file('ran');
const written = () => existsSync(box.file('pid')) && readFileSync(box.file('pid'), 'utf8').endsWith('\n');
// Each traced command outlasts the `running` mark's delay (20 ms after the spawn), so every
// phase has its write: a command that ends sooner is recorded without that one.
const lasting = ['sleep', '0.5'];
const command = () => ['sh', '-c', `echo $$ > ${box.file('pid')}; echo ran > ${ran()}; sleep 0.5`];

needsRoot();

describe('kill -9 of guard at each phase of an unlocked run', () => {
  // Syncs of a run on an existing log: the WAL's header, the row at `starting`, `running`,
  // the end, and the checkpoint as guard closes the log.
  const phases = {header: 1, start: 2, running: 3, end: 4, close: 5};

  beforeEach(async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    expect(await walSyncs(['--', ...lasting])).toBe(Object.keys(phases).length);
  });

  it('before the row: nothing ran and nothing was recorded', async () => {
    const killed = await tracedRun(['--', ...command()], phases.header);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(ran())).toBe(false);
    expect(rows(box.db, 'SELECT count(*) AS n FROM runs')).toEqual([{n: 2}]);
    await expectNoLeftovers(box);
  });

  it('after the row, before the spawn: the row is abandoned and the command never ran', async () => {
    const killed = await tracedRun(['--', ...command()], phases.start);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(ran())).toBe(false);
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    expect(rows(box.db, 'SELECT id, status, child_pid FROM runs WHERE id > 2 ORDER BY id')).toEqual([
      {id: 3, status: 'abandoned', child_pid: null},
      {id: 4, status: 'succeeded', child_pid: expect.any(Number)},
    ]);
    await expectNoLeftovers(box);
  });

  it('while recording the end: the ended command is recorded as ended, once, never half', async () => {
    const killed = await tracedRun(['--', ...command()], phases.end);
    expect(killed.signal).toBe('SIGKILL');
    expect(readFileSync(ran(), 'utf8')).toBe('ran\n');
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    // The end's frames were written before the sync began: the kernel keeps them for the
    // next opener, so the row ended as it should have.
    expect(rows(box.db, 'SELECT id, status, exit_code FROM runs WHERE id > 2 ORDER BY id')).toEqual([
      {id: 3, status: 'succeeded', exit_code: 0},
      {id: 4, status: 'succeeded', exit_code: 0},
    ]);
    await expectNoLeftovers(box);
  });

  it('while marking the row running: the run is abandoned once the command is gone', async () => {
    const killed = await tracedRun(['--', ...command()], phases.running);
    expect(killed.signal).toBe('SIGKILL');
    expect(await eventually(() => existsSync(ran()))).toBe(true);
    const commandPid = Number(readFileSync(box.file('pid'), 'utf8'));
    expect(await eventually(() => !isRunning(commandPid), 20_000)).toBe(true);
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    expect(rows(box.db, 'SELECT id, status FROM runs WHERE id > 2 ORDER BY id')).toEqual([
      {id: 3, status: 'abandoned'},
      {id: 4, status: 'succeeded'},
    ]);
    await expectNoLeftovers(box);
  });
});

describe('kill -9 of guard at each phase of a locked run', () => {
  // The WAL's header, the lease taken, the row at `starting`, the lease naming the run,
  // `running`, the end, the lease let go (after the last attempt), the checkpoint.
  const phases = {header: 1, lease: 2, start: 3, claim: 4, running: 5, end: 6, release: 7, close: 8};
  const locked = (args: string[]) => ['--lock', 'x', '--', ...args];

  beforeEach(async () => {
    expect((await run(locked(['true']))).exitCode).toBe(0);
    expect(await walSyncs(locked(lasting))).toBe(Object.keys(phases).length);
  });

  it('before the row, with the lock just taken: the kernel lets it go, the next run clears the stale holder', async () => {
    const killed = await tracedRun(locked(command()), phases.lease);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(ran())).toBe(false);
    expect(heldLockFiles(box.lockDir)).toEqual([]);
    const next = await run(locked(['sh', '-c', 'echo $GUARD_LOCK_EPOCH']));
    expect(next.exitCode).toBe(0);
    expect(next.stdout).toBe('4');
    expect(rows(box.db, 'SELECT id, status, notes FROM runs ORDER BY id')).toEqual([
      {id: 1, status: 'succeeded', notes: null},
      {id: 2, status: 'succeeded', notes: null},
      {id: 3, status: 'succeeded', notes: expect.stringMatching(/^\["cleared a stale holder of lock 'x': run \? \(pid \d+, since /)},
    ]);
    await expectNoLeftovers(box);
  });

  it('after the row, before the spawn: the row is abandoned, the lock is free, the command never ran', async () => {
    const killed = await tracedRun(locked(command()), phases.claim);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(ran())).toBe(false);
    expect(heldLockFiles(box.lockDir)).toEqual([]);
    const next = await run(locked(['true']));
    expect(next.exitCode).toBe(0);
    expect(rows(box.db, 'SELECT id, status, notes FROM runs WHERE id > 2 ORDER BY id')).toEqual([
      {id: 3, status: 'abandoned', notes: null},
      {id: 4, status: 'succeeded', notes: expect.stringMatching(/^\["cleared a stale holder of lock 'x': run 3 /)},
    ]);
    await expectNoLeftovers(box);
  });

  it('while recording the end: the end is kept, the lock free, and the next run clears the holder left on record', async () => {
    const killed = await tracedRun(locked(command()), phases.end);
    expect(killed.signal).toBe('SIGKILL');
    expect(readFileSync(ran(), 'utf8')).toBe('ran\n');
    expect(heldLockFiles(box.lockDir)).toEqual([]);
    expect((await run(locked(['true']))).exitCode).toBe(0);
    expect(rows(box.db, 'SELECT id, status, notes FROM runs WHERE id > 2 ORDER BY id')).toEqual([
      {id: 3, status: 'succeeded', notes: null},
      {id: 4, status: 'succeeded', notes: expect.stringMatching(/^\["cleared a stale holder of lock 'x': run 3 /)},
    ]);
    await expectNoLeftovers(box);
  });

  it('while letting the lease go: the run is recorded whole, the lock free, nothing to clear', async () => {
    const killed = await tracedRun(locked(command()), phases.release);
    expect(killed.signal).toBe('SIGKILL');
    expect(heldLockFiles(box.lockDir)).toEqual([]);
    expect((await run(locked(['true']))).exitCode).toBe(0);
    expect(rows(box.db, 'SELECT id, status, notes FROM runs WHERE id > 2 ORDER BY id')).toEqual([
      {id: 3, status: 'succeeded', notes: null},
      {id: 4, status: 'succeeded', notes: null},
    ]);
    await expectNoLeftovers(box);
  });

  it('mid-run: the command keeps the lock until it ends, then the row is abandoned', async () => {
    const go = box.file('go');
    const first = run(locked(['sh', '-c', `echo $$ > ${box.file('pid')}; ${waitFor(go)}`]));
    expect(await eventually(written, 20_000)).toBe(true);
    const commandPid = Number(readFileSync(box.file('pid'), 'utf8'));
    // Killed before `running` is committed, the row would name no process to wait for.
    expect(await eventually(() => rows(box.db, 'SELECT status FROM runs WHERE id = 3')[0]?.status === 'running', 20_000)).toBe(true);
    first.kill('SIGKILL');
    expect((await first).signal).toBe('SIGKILL');
    expect(isRunning(commandPid)).toBe(true);
    expect(rows(box.db, 'SELECT status FROM runs WHERE id = 3')).toEqual([{status: 'running'}]);
    expect(heldLockFiles(box.lockDir)).toEqual(['x.lock']);
    expect((await run(locked(['true']))).exitCode).toBe(75);

    writeFileSync(go, '');
    expect(await eventually(() => !isRunning(commandPid), 20_000)).toBe(true);
    expect((await run(locked(['true']))).exitCode).toBe(0);
    expect(rows(box.db, 'SELECT id, status FROM runs WHERE id > 2 ORDER BY id')).toEqual([
      {id: 3, status: 'abandoned'},
      {id: 4, status: 'lock_busy'},
      {id: 5, status: 'succeeded'},
    ]);
    await expectNoLeftovers(box);
  });

  it('mid-run, killed by its own command (kill -9 $PPID): the row is abandoned and the lock freed when the command ends', async () => {
    const result = await run(locked(['sh', '-c', `kill -9 $PPID; echo $$ > ${box.file('pid')}`]));
    expect(result.signal).toBe('SIGKILL');
    expect(await eventually(written, 20_000)).toBe(true);
    const commandPid = Number(readFileSync(box.file('pid'), 'utf8'));
    expect(await eventually(() => !isRunning(commandPid), 20_000)).toBe(true);
    expect((await run(locked(['true']))).exitCode).toBe(0);
    expect(rows(box.db, 'SELECT id, status FROM runs WHERE id > 2 ORDER BY id')).toEqual([
      {id: 3, status: 'abandoned'},
      {id: 4, status: 'succeeded'},
    ]);
    await expectNoLeftovers(box);
  });
});
