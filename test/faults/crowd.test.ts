// Many guards on one audit log, and a log another program holds: what the contract promises
// ("many guards writing at once lose nothing and never fail with 'database is locked'"; "the
// end record waits as long as it must"; "guard answers SIGINT/SIGTERM within a second
// whatever it is doing, waiting for the log included"), checked through the built CLI by
// what a user sees: exit statuses, stderr's lines, the rows, `guard verify`.
//
// How fast guard answers a signal is measured by hand (bench and report), not asserted here:
// a test only checks that guard has answered while the log is still held, before the 10 s
// after which it would have said anything else.
import {existsSync, readdirSync, writeFileSync} from 'node:fs';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {expectNoLeftovers, type FaultBox, faultBox, integrity, needsRoot, rows as rowsIn} from '../helpers/faults.js';
import {numberIn, startGuard} from '../helpers/faults-store.js';
import {waitFor} from '../helpers/gate.js';
import {guard} from '../helpers/guard.js';
import {eventually, isRunning} from '../helpers/processes.js';

vi.setConfig({testTimeout: 120_000});

let box: FaultBox;
beforeEach(() => {
  box = faultBox();
});
afterEach(() => box.remove());

const db = () => box.db;
const rows = (query: string) => rowsIn(db(), query);

// The same durations for every run of the test (mulberry32).
function durations(count: number, maxMs: number, seed = 1): number[] {
  let state = seed;
  return Array.from({length: count}, () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.round((((t ^ (t >>> 14)) >>> 0) / 4294967296) * maxMs);
  });
}

needsRoot();

describe('a crowd of guards on one log', () => {
  it('200 guards at once, 1,000 runs of 0-4 s: 1,000 finished rows, no exit 74, every end recorded, none abandoned, the chain verifies', async () => {
    const sleeps = durations(1000, 4000);
    const results: Array<{exitCode: number | undefined; index: number; stderr: string}> = [];
    let next = 0;
    const worker = async () => {
      while (next < sleeps.length) {
        const index = next++;
        const result = await guard(['run', '--name', `crowd-${index}`, '--', 'sleep', String(sleeps[index]! / 1000)], {env: box.env});
        results.push({exitCode: result.exitCode, index, stderr: String(result.stderr)});
      }
    };
    await Promise.all(Array.from({length: 200}, worker));

    const failed = results.filter((result) => result.exitCode !== 0 || result.stderr !== '');
    const firstFailures = failed.slice(0, 3).map((result) => `crowd-${result.index}: exit ${result.exitCode}: ${result.stderr}`);
    expect({failed: failed.length, firstFailures}).toEqual({failed: 0, firstFailures: []});
    // Read as sqlite3 does, before any guard opens the log again (which would reconcile).
    expect(rows("select status, count(*) as n, count(seq) as sealed, count(distinct name) as names from runs group by status")).toEqual([
      {status: 'succeeded', n: 1000, sealed: 1000, names: 1000},
    ]);
    expect(integrity(db())).toBe('ok');
    await expectNoLeftovers(box);
  }, 600_000);
});

/** guard running a command that waits for `go`, its row marked running; the command's pid. */
async function runningUntilGo(env: Record<string, string> = {}) {
  const running = startGuard(['run', '--', 'sh', '-c', `echo $$ > ${box.file('pid')}; ${waitFor(box.file('go'))}`], {...box.env, ...env});
  let stderr = '';
  running.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pid = await numberIn(box.file('pid'));
  expect(await eventually(() => rows('select status from runs')[0]?.status === 'running', 15_000)).toBe(true);
  return {pid, running, stderr: () => stderr};
}

/** The write lock of the log, held by another program until `release()`. */
function holdLog() {
  const holder = new Database(db());
  holder.exec('BEGIN IMMEDIATE');
  return {
    release() {
      holder.exec('ROLLBACK');
      holder.close();
    },
  };
}

// A guard waiting for the log has a file in the waiting line beside it (src/audit/waiting-line.ts).
const waiting = () => existsSync(`${db()}-waiting`) && readdirSync(`${db()}-waiting`).length > 0;

describe('a log another program holds while a command ends', () => {
  it('the end waits past the 10 s that fail a start, says so once, and is recorded when the log is let go', async () => {
    const {pid, running, stderr} = await runningUntilGo();
    const hold = holdLog();
    writeFileSync(box.file('go'), '');
    expect(await eventually(() => !isRunning(pid), 15_000)).toBe(true);
    expect(await eventually(() => stderr().includes('still waiting'), 60_000)).toBe(true);
    expect(running.exitCode).toBeNull();
    hold.release();

    expect(await running.ended).toBe(0);
    expect(stderr()).toBe(`guard: audit log ${db()}: busy: locked by another process for 10 s; still waiting to record the end of run 1 (status 0)\n`);
    expect(rows('select status, exit_code, child_pid is not null as child from runs')).toEqual([{status: 'succeeded', exit_code: 0, child: 1}]);
    await expectNoLeftovers(box);
  });

  it("the JSON log's run ended line says how long the end waited for the log (audit_wait_ms)", async () => {
    const {pid, running, stderr} = await runningUntilGo({GUARD_LOG: 'json'});
    const hold = holdLog();
    writeFileSync(box.file('go'), '');
    expect(await eventually(() => !isRunning(pid) && waiting(), 15_000)).toBe(true);
    // Held for at least as long as the line saying it still waits takes to come.
    expect(await eventually(() => stderr().includes('still waiting'), 60_000)).toBe(true);
    hold.release();

    expect(await running.ended).toBe(0);
    const lines = stderr().trim().split('\n').map((line) => JSON.parse(line) as {audit_wait_ms?: number; msg: string});
    expect(lines.map((line) => line.msg)).toEqual([expect.stringContaining('still waiting'), 'run ended']);
    expect(lines[1]!.audit_wait_ms).toBeGreaterThanOrEqual(10_000);
    await expectNoLeftovers(box);
  });

  it('SIGTERM while the end waits: guard stops waiting at once, exits with the command status, and says the end is not recorded', async () => {
    const {pid, running, stderr} = await runningUntilGo();
    const hold = holdLog();
    try {
      writeFileSync(box.file('go'), '');
      expect(await eventually(() => !isRunning(pid) && waiting(), 15_000)).toBe(true);
      running.kill('SIGTERM');
      expect(await running.ended).toBe(0);
      // Answered while the log is still held, before the 10 s after which guard says it still waits.
      expect(stderr()).toBe('guard: interrupted by SIGTERM while waiting for the audit log; the run ended with status 0 but is not recorded as ended\n');
    } finally {
      hold.release();
    }

    // The run's processes are gone: the next guard to open the log marks the row abandoned.
    expect(rows('select status from runs')).toEqual([{status: 'running'}]);
    expect((await guard(['run', '--', 'true'], {env: box.env})).exitCode).toBe(0);
    expect(rows('select status from runs order by id')).toEqual([{status: 'abandoned'}, {status: 'succeeded'}]);
    await expectNoLeftovers(box);
  });
});

describe('a log another program holds before a command starts', () => {
  it('SIGINT while the start waits: exits 130 at once, runs nothing, records nothing', async () => {
    expect((await guard(['run', '--', 'true'], {env: box.env})).exitCode).toBe(0);
    const hold = holdLog();
    const running = startGuard(['run', '--', 'touch', box.file('marker')], box.env);
    let stderr = '';
    running.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      expect(await eventually(waiting, 15_000)).toBe(true);
      running.kill('SIGINT');
      expect(await running.ended).toBe(130);
      expect(stderr).toBe('guard: interrupted by SIGINT while waiting for the audit log; nothing was run\n');
    } finally {
      hold.release();
    }

    expect(existsSync(box.file('marker'))).toBe(false);
    expect(rows('select count(*) as n from runs')).toEqual([{n: 1}]);
    await expectNoLeftovers(box);
  });
});
