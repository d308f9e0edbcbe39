import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runStatuses, type RunStatus} from '../../src/audit/row.js';
import {readProcessStat} from '../../src/proc.js';
import {openAuditStore} from '../../src/audit/store.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {guard, sandbox} from '../helpers/guard.js';

const box = sandbox();
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const finished: RunStatus[] = runStatuses.filter((status) => status !== 'starting' && status !== 'running');

beforeAll(() => {
  const store = openAuditStore(box.env.GUARD_DB);
  // One row per final status, each its own job, the first the newest, three days before the live ones.
  finished.forEach((status, index) => {
    const command = status === 'failed' ? 'sh -c "echo a, b; exit 3"' : `job-${status} --flag`;
    store.recordFinished({...startFields({command, name: `job-${status}`, started_at: hoursAgo(72 + index)}), ...endFields(status)});
  });
  // This test process plays their guard, so they stay live.
  const alive = {pid: process.pid, pid_start: readProcessStat(process.pid)!.startTime};
  const running = store.recordStart(startFields({...alive, command: 'sleep 600', name: 'job-running', started_at: hoursAgo(1)}));
  store.markRunning(running, {child_pid: process.pid, child_start: alive.pid_start});
  store.recordStart(startFields({...alive, command: 'printf \u001b[2J', name: 'job-starting', started_at: hoursAgo(0.5)}));
  store.close();
});
afterAll(() => box.remove());

const history = (...args: string[]) => guard(['history', ...args], {env: box.env});
const json = async (...args: string[]) => JSON.parse(String((await history(...args, '--json')).stdout)) as Array<Record<string, unknown>>;

describe('guard history', () => {
  it('brings a row of every status, newest first, with the contract field names and types', async () => {
    const runs = await json('--limit', '50');
    expect(runs.map((run) => run.status)).toEqual(['starting', 'running', ...finished]);
    const failed = runs.find((run) => run.status === 'failed')!;
    expect(failed).toMatchObject({argv: ['pg_dump', '-Fc', 'db'], exit_code: 1, killed: false, name: 'job-failed', seq: expect.any(Number), timed_out: false});
    expect(Object.keys(failed)).toEqual(expect.arrayContaining(['id', 'command', 'cwd', 'user', 'host', 'pid', 'child_pid', 'started_at', 'ended_at', 'duration_ms', 'exit_code', 'signal', 'orphans', 'attempt', 'group_id', 'reason', 'lock', 'lock_epoch', 'decision', 'rules', 'stdout_tail', 'stderr_tail', 'stdout_bytes', 'stderr_bytes', 'guard_version', 'seq', 'prev_hash', 'hash']));
    expect(runs.find((run) => run.status === 'running')).toMatchObject({ended_at: null, hash: null, seq: null});
  });

  it('prints a table that fits 80 columns and shows no raw control characters', async () => {
    const {exitCode, stdout} = await history('--limit', '50');
    expect(exitCode).toBe(0);
    const lines = String(stdout).split('\n');
    expect(lines[0]).toMatch(/^\s*ID\s+STARTED\s+TOOK\s+STATUS\s+EXIT\s+NAME\s+COMMAND$/);
    expect(lines.every((line) => [...line].length <= 80)).toBe(true);
    expect(String(stdout)).not.toMatch(/\u001b/);
    expect(String(stdout)).toContain('printf \\x1b[2J');
  });

  it('prints CSV with a header row and quotes a command holding commas and quotes', async () => {
    const {stdout} = await history('--csv', '--status', 'failed');
    const [header, record] = String(stdout).split('\r\n');
    expect(header).toMatch(/^id,name,command,argv,/);
    expect(record).toContain(',"sh -c ""echo a, b; exit 3""",');
  });

  it('filters by status, failure, name, time, host and command text', async () => {
    expect((await json('--status', 'timed_out')).map((run) => run.status)).toEqual(['timed_out']);
    const failures = (await json('--failed', '--limit', '50')).map((run) => run.status);
    expect(failures.sort()).toEqual(['abandoned', 'blocked', 'error', 'failed', 'interrupted', 'killed', 'lock_busy', 'timed_out']);
    expect((await json('--name', 'job-killed')).map((run) => run.status)).toEqual(['killed']);
    expect((await json('--since', '2h')).map((run) => run.status)).toEqual(['starting', 'running']);
    expect((await json('--until', '2d', '--limit', '2')).map((run) => run.status)).toEqual(['succeeded', 'failed']);
    expect(await json('--host', 'nowhere')).toEqual([]);
    expect((await json('--grep', 'a, b')).map((run) => run.status)).toEqual(['failed']);
    expect((await json('--grep', '60')).map((run) => run.command)).toEqual(['sleep 600']);
    expect(await json('--since', new Date(Date.now() + 60_000).toISOString())).toEqual([]);
  });

  it('says so when no run matches, and exits 0', async () => {
    const {exitCode, stdout} = await history('--name', 'never-ran');
    expect(exitCode).toBe(0);
    expect(stdout).toBe('no runs match');
  });

  it.each([
    [['--since', '7 days'], '--since'],
    [['--until', '2026-13-45'], '--until'],
    [['--status', 'exploded'], '--status'],
    [['--limit', '0'], '--limit'],
    [['--limit', 'ten'], '--limit'],
  ])('exits 64 with one line naming the flag for %j', async (args, flag) => {
    const {exitCode, stderr, stdout} = await history(...args);
    expect(exitCode).toBe(64);
    expect(stdout).toBe('');
    expect(String(stderr).split('\n')).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`^guard: ${flag}: `));
  });
});
