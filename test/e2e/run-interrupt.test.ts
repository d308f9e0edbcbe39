// guard answers SIGINT and SIGTERM within a second whatever it is doing, even in the middle
// of long synchronous work: analysing a script, masking output tails with a policy's patterns.
// The workloads below take minutes (or seconds of matching, for the tails); the bound each
// test allows guard after the signal is generous, and no test measures how fast it was.
import {existsSync, writeFileSync} from 'node:fs';
import {constants} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import type {Result, ResultPromise} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';
import {eventually, procStat} from '../helpers/processes.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const env = () => ({...box.env, HOME: box.dir});
// The signal is the test's own: execa must not follow it with a SIGKILL of its own.
const start = (args: string[], options: {stdout?: 'ignore'} = {}) => guard(args, {cwd: box.dir, env: env(), forceKillAfterDelay: false, ...options});

/** True once `pid` has used `ticks` more CPU time than now (busy, not starting up), false if it ended first. */
async function busyFor(pid: number, ticks: number): Promise<boolean> {
  const from = procStat(pid)?.cpuTicks ?? 0;
  await eventually(() => (procStat(pid)?.cpuTicks ?? Infinity) >= from + ticks, 120_000, 50);
  return procStat(pid) !== undefined;
}

/** The run's result once it ends by itself within `ms` of the signal; a guard still there is killed, and that is a failure. */
async function endsWithin(running: ResultPromise, ms: number): Promise<Result | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  const ended = await Promise.race([running, late]);
  clearTimeout(timer);
  if (ended === 'still running') {
    running.kill('SIGKILL');
    await running;
  }

  return ended;
}

// What a shell shows: guard's exit status, or 128+N when a signal ended it.
const shellStatus = (result: Result) => result.exitCode ?? 128 + constants.signals[result.signal as NodeJS.Signals];

function rows(): Array<{exit_code: number; notes: string | null; status: string; stderr_tail: string; stdout_tail: string}> {
  if (!existsSync(box.env.GUARD_DB)) return [];
  const db = new Database(box.env.GUARD_DB, {readonly: true});
  try {
    return db.prepare('SELECT status, exit_code, stdout_tail, stderr_tail, notes FROM runs ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

// A policy whose patterns are linear, but each a few seconds over a 64 KiB tail on RE2
// ((a+)+$ backtracks for ever in JavaScript), and a command that prints what they are slow
// on: eight lines of 8,000 random a's and b's, then a run of a's. `then` ends the command.
function slowToMask(then: string): string[] {
  const patterns = [990, 989, 988, 987].map((n) => `(a[ab]{${n}})[cd]`);
  writeFileSync(join(box.dir, 'policy.json'), JSON.stringify({redact: [...patterns, '(a+)+$']}));
  const job = [
    'awk \'BEGIN { srand(7); for (l = 0; l < 8; l++) { s = ""; for (i = 0; i < 8000; i++) s = s (rand() < 0.5 ? "a" : "b"); print s "d" } }\'',
    'head -c 40 /dev/zero | tr "\\000" a; echo "!"',
    then,
  ].join('\n');
  return ['run', '--policy', join(box.dir, 'policy.json'), '--lock', 'job', '--', 'sh', '-c', job];
}

describe('guard answers SIGTERM at once, whatever it is doing', () => {
  it('while analysing a script that would take minutes: it ends, and leaves no row, no lock and no command', {timeout: 180_000}, async () => {
    // Each function calls the one before twice: 2^24 calls for the analysis to follow.
    const script = join(box.dir, 'calls.sh');
    const functions = Array.from({length: 24}, (_, i) => `f${i + 1}() { f${i}; f${i}; }`);
    writeFileSync(script, ['f0() { touch "$HOME/ran"; }', ...functions, 'f24', ''].join('\n'));
    const running = start(['run', '--lock', 'job', '--', 'sh', script]);
    expect(await busyFor(running.pid!, 100)).toBe(true);
    running.kill('SIGTERM');
    const result = await endsWithin(running, 10_000);
    expect(result).not.toBe('still running');
    expect(shellStatus(result as Result)).toBe(143);
    expect(rows()).toEqual([]);
    expect(existsSync(join(box.dir, 'ran'))).toBe(false);
    const next = await start(['run', '--lock', 'job', '--', 'true']);
    expect(next.exitCode).toBe(0);
  });

  it('while masking the output tails with slow policy patterns, lock held: recorded as interrupted, tails not kept, lock free', {timeout: 180_000}, async () => {
    const running = start(slowToMask('touch "$HOME/ended"'), {stdout: 'ignore'});
    await eventually(() => existsSync(join(box.dir, 'ended')), 60_000);
    // The command has ended and guard is busy: masking what it printed.
    expect(await busyFor(running.pid!, 100)).toBe(true);
    running.kill('SIGTERM');
    const result = await endsWithin(running, 10_000);
    expect(result).not.toBe('still running');
    expect(shellStatus(result as Result)).toBe(143);
    const note = 'output tails not kept: SIGTERM came while guard was masking them, after the command had ended (succeeded, status 0)';
    expect((result as Result).stderr).toContain(`guard: ${note}`);
    expect(rows()).toEqual([{exit_code: 143, notes: JSON.stringify([note]), status: 'interrupted', stderr_tail: '', stdout_tail: ''}]);
    const next = await start(['run', '--lock', 'job', '--', 'true']);
    expect(next.exitCode).toBe(0);
  });

  it('after a signal during the run: it waits a moment for the tails to be masked, then ends without them', {timeout: 180_000}, async () => {
    const running = start(slowToMask('touch "$HOME/printed"; sleep 600'), {stdout: 'ignore'});
    await eventually(() => existsSync(join(box.dir, 'printed')), 60_000);
    running.kill('SIGTERM');
    const result = await endsWithin(running, 10_000);
    expect(result).not.toBe('still running');
    expect(shellStatus(result as Result)).toBe(143);
    const note = 'output tails not kept: after SIGTERM, masking them would have taken too long';
    expect(rows()).toEqual([{exit_code: 143, notes: JSON.stringify([note]), status: 'interrupted', stderr_tail: '', stdout_tail: ''}]);
  });
});
