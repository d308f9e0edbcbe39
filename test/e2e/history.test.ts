import {copyFileSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runStatuses, type RunStatus} from '../../src/audit/row.js';
import {readProcessStat} from '../../src/proc.js';
import {openAuditStore} from '../../src/audit/store.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {bin, guard, sandbox} from '../helpers/guard.js';
import {onTerminal, uncoloured} from '../helpers/terminal.js';

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

/** A sandbox whose log holds `count` finished runs, copies of one: a log too big to write by running guard. */
function logOfCopies(count: number): ReturnType<typeof sandbox> {
  const big = sandbox();
  const store = openAuditStore(big.env.GUARD_DB);
  store.recordFinished({...startFields({name: 'tick', started_at: hoursAgo(1)}), ...endFields('succeeded')});
  store.close();
  const db = new Database(big.env.GUARD_DB);
  const copied = 'name, command, argv, cwd, user, host, pid, pid_start, started_at, ended_at, duration_ms, status, exit_code, attempt, guard_version';
  db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count - 1}) INSERT INTO runs (${copied}) SELECT ${copied} FROM runs, n`);
  db.close();
  return big;
}

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
    expect(failures.sort()).toEqual(['abandoned', 'blocked', 'error', 'failed', 'interrupted', 'killed', 'lock_busy', 'lock_lost', 'lock_unavailable', 'timed_out']);
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

describe('how much history shows', () => {
  const mine = sandbox();
  afterAll(() => mine.remove());
  beforeAll(() => {
    const store = openAuditStore(mine.env.GUARD_DB);
    for (let index = 0; index < 34; index++) store.recordFinished({...startFields({name: 'sync', started_at: hoursAgo(34 - index)}), ...endFields('succeeded')});
    store.close();
  });
  const table = (...args: string[]) => guard(['history', ...args], {env: mine.env}).then(({exitCode, stdout}) => ({exitCode, lines: String(stdout).split('\n')}));

  it('says how many more runs match than it shows, and how to see them', async () => {
    const shown = await table();
    expect(shown.lines).toHaveLength(22);
    expect(shown.lines.at(-1)).toBe('20 of 34 runs; --limit N or --all');
    expect((await table('--limit', '5')).lines.at(-1)).toBe('5 of 34 runs; --limit N or --all');
    expect((await table('--limit', '5', '--since', '630m')).lines.at(-1)).toBe('5 of 10 runs; --limit N or --all');
  });

  it('says nothing more when it shows every match, and --all shows every one', async () => {
    expect((await table('--limit', '34')).lines).toHaveLength(35);
    const all = await table('--all');
    expect(all.lines).toHaveLength(35);
    expect(all.lines.at(-1)).toMatch(/^\s*1 /);
    expect((await json('--all')).length).toBe(finished.length + 2);
  });

  it('counts up to 10,000 and says "more than" beyond, so counting costs the same at a million rows', async () => {
    const big = logOfCopies(10_001);
    try {
      const {stdout} = await guard(['history', '--limit', '3'], {env: big.env});
      expect(String(stdout).split('\n').at(-1)).toBe('3 of more than 10,000 runs; --limit N or --all');
      const {stdout: named} = await guard(['history', '--limit', '3', '--name', 'nothing-like-it'], {env: big.env});
      expect(named).toBe('no runs match');
    } finally {
      big.remove();
    }
  });

  it('hands every byte to a reader that starts reading after guard has finished writing', async () => {
    // A megabyte of JSON fills the pipe many times over: most of it still waits in Node's
    // stream when the command has done its work, and guard must not exit before it is written.
    // The reader cannot wait for guard's exit (guard waits for it); a second is far longer than
    // guard takes to write here, and a slower guard only meets its reader sooner.
    const big = logOfCopies(3000);
    try {
      const result = await execa('bash', ['-o', 'pipefail', '-c', `node ${JSON.stringify(bin)} history --all --json | (sleep 1; cat)`], {env: big.env, reject: false});
      expect(result.exitCode).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(1_000_000);
      expect((JSON.parse(result.stdout) as unknown[]).length).toBe(3000);
    } finally {
      big.remove();
    }
  });

  it('refuses --all with --limit', async () => {
    const result = await guard(['history', '--all', '--limit', '3'], {env: mine.env});
    expect([result.exitCode, result.stderr]).toEqual([64, 'guard: --all and --limit cannot both be given']);
  });
});

describe('history --grep', () => {
  const mine = sandbox();
  afterAll(() => mine.remove());
  const env = mine.env;
  beforeAll(async () => {
    const run = (args: string[]) => guard(['run', ...args], {env});
    expect((await run(['--name', 'dump', '--', 'echo', 'PG_DUMP', '--all'])).exitCode).toBe(0);
    expect((await run(['--name', 'restore', '--reason', 'Restore test for INC-4521', '--', 'true'])).exitCode).toBe(0);
    expect((await run(['--name', 'other', '--', 'echo', 'unrelated'])).exitCode).toBe(0);
  });
  const names = (...args: string[]) =>
    guard(['history', '--json', ...args], {env}).then(({exitCode, stdout}) => {
      expect(exitCode).toBe(0);
      return (JSON.parse(String(stdout)) as Array<{name: string}>).map((run) => run.name);
    });

  it.each([['pg_dump'], ['Pg_DuMp'], ['PG'], ['pg']])('finds %j in a command in any case', async (text) => {
    expect(await names('--grep', text)).toEqual(['dump']);
  });

  it.each([['inc-4521'], ['INC-4521'], ['restore TEST']])('finds %j in a reason', async (text) => {
    expect(await names('--grep', text)).toEqual(['restore']);
  });

  it('searches a log from before the index of command and reason the same way, without changing it, until a run upgrades it', async () => {
    const old = sandbox();
    try {
      const oldEnv = {...old.env, GUARD_DB: join(old.dir, 'old.db')};
      copyFileSync(env.GUARD_DB!, oldEnv.GUARD_DB);
      const db = new Database(oldEnv.GUARD_DB);
      // Schema 5 searched the command alone, case-sensitively.
      db.exec(`ALTER TABLE runs DROP COLUMN lock_scope; ALTER TABLE locks DROP COLUMN fleet_epoch_seen; DROP TABLE meta; DROP TABLE fleet_outbox;
        DROP TABLE runs_text; PRAGMA user_version = 5;
        CREATE VIRTUAL TABLE runs_command USING fts5 (command, content = 'runs', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');
        INSERT INTO runs_command (runs_command) VALUES ('rebuild');`);
      db.close();
      const read = (text: string) => guard(['history', '--json', '--grep', text], {env: oldEnv}).then(({stdout}) => (JSON.parse(String(stdout)) as Array<{name: string}>).map((run) => run.name));
      expect(await read('pg_dump')).toEqual(['dump']);
      expect(await read('inc-4521')).toEqual(['restore']);
      expect(new Database(oldEnv.GUARD_DB, {readonly: true}).pragma('user_version', {simple: true})).toBe(5);
      expect((await guard(['run', '--name', 'later', '--reason', 'after the UPGRADE', '--', 'true'], {env: oldEnv})).exitCode).toBe(0);
      const upgraded = new Database(oldEnv.GUARD_DB, {readonly: true});
      expect(upgraded.prepare("SELECT rowid FROM runs_text WHERE runs_text MATCH '\"upgrade\"'").all()).toHaveLength(1);
      upgraded.close();
      expect(await read('pg_dump')).toEqual(['dump']);
      expect(await read('Upgrade')).toEqual(['later']);
      expect((await guard(['verify'], {env: oldEnv})).exitCode).toBe(0);
    } finally {
      old.remove();
    }
  });
});

describe('filters that contradict each other', () => {
  it.each([
    [['--since', '1d', '--until', '2d'], 'guard: --since 1d is not before --until 2d: no run can match both'],
    [['--since', '2026-01-02', '--until', '2026-01-02'], 'guard: --since 2026-01-02 is not before --until 2026-01-02: no run can match both'],
    [['--failed', '--status', 'succeeded'], 'guard: --failed and --status succeeded cannot both hold: succeeded is not a failure (failed, timed_out, killed, interrupted, blocked, lock_busy, error, abandoned, lock_lost, lock_unavailable)'],
    [['--failed', '--status', 'running'], 'guard: --failed and --status running cannot both hold: running is not a failure (failed, timed_out, killed, interrupted, blocked, lock_busy, error, abandoned, lock_lost, lock_unavailable)'],
  ])('%j is a usage error naming both, never an empty answer', async (args, line) => {
    const result = await history(...args);
    expect([result.exitCode, result.stderr, result.stdout]).toEqual([64, line, '']);
  });

  it('takes --failed with a --status that is a failure', async () => {
    expect((await json('--failed', '--status', 'timed_out')).map((run) => run.status)).toEqual(['timed_out']);
  });
});

describe('the marks of history', () => {
  it('marks each status as stats does, in ASCII off a terminal', async () => {
    const {stdout} = await history('--limit', '50');
    for (const [mark, status] of [['+', 'succeeded'], ['x', 'failed'], ['x', 'timed_out'], ['!', 'blocked'], ['-', 'lock_busy'], ['.', 'dry_run'], ['>', 'running']]) {
      expect(stdout).toMatch(new RegExp(`  \\${mark} ${status} `));
    }
  });

  it('marks them in colour on a terminal', async () => {
    const {output} = await onTerminal(['history', '--limit', '50'], {...box.env, NO_COLOR: undefined, TERM: 'xterm'});
    expect(output).toContain('\u001b[31m✗\u001b[0m \u001b[31mfailed\u001b[0m');
    expect(output).toContain('\u001b[32m✓\u001b[0m \u001b[32msucceeded\u001b[0m');
    expect(uncoloured(output).split('\n').every((line) => [...line].length <= 80)).toBe(true);
  });
});
