import {execFileSync, spawn} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
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

const sql = (query: string, db = box.env.GUARD_DB!) => execFileSync('sqlite3', ['-json', db, query], {encoding: 'utf8'});
const rows = (query: string, db?: string) => {
  const text = sql(query, db).trim();
  return text === '' ? [] : (JSON.parse(text) as Record<string, unknown>[]);
};

describe('guard run records every attempt in the audit log', () => {
  it('still refuses, and prints the run record with no id under --json, when the refusal cannot be recorded', async () => {
    writeFileSync(join(box.dir, 'file'), '');
    const env = {...box.env, GUARD_DB: join(box.dir, 'file', 'audit.db')};
    const result = await guard(['run', '--json', '--', 'rm', '-rf', '/'], {env});
    expect(result.exitCode).toBe(77);
    const [refusal, notRecorded, record] = String(result.stderr).split('\n');
    expect(refusal).toBe('guard: refused by rule fs.rm-root: rm -rf / would delete the root filesystem');
    expect(notRecorded).toMatch(/: ENOTDIR: .*; the refusal is not recorded$/);
    expect(JSON.parse(record!)).toMatchObject({exit_code: 77, id: null, rules: ['fs.rm-root'], status: 'blocked'});
  });

  it('commits the row before the command starts and gives the command its run id', async () => {
    const result = await guard(['run', '--', 'sh', '-c', 'sqlite3 "$GUARD_DB" "select id, status from runs where id = $GUARD_RUN_ID"'], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^1\|(starting|running)$/);
  });

  it('completes the row with how the run ended', async () => {
    const result = await guard(['run', '--name', 'nightly', '--reason', 'TICKET-42', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], {env: box.env});
    expect(result.exitCode).toBe(3);
    const [row] = rows('select * from runs');
    expect(row).toMatchObject({
      id: 1,
      name: 'nightly',
      command: "sh -c 'echo out; echo err >&2; exit 3'",
      argv: JSON.stringify(['sh', '-c', 'echo out; echo err >&2; exit 3']),
      status: 'failed',
      exit_code: 3,
      signal: null,
      timed_out: 0,
      killed: 0,
      orphans: 0,
      attempt: 1,
      reason: 'TICKET-42',
      stdout_tail: 'out\n',
      stderr_tail: 'err\n',
      stdout_bytes: 4,
      stderr_bytes: 4,
      seq: 1,
    });
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.ended_at! >= row!.started_at!).toBe(true);
  });

  it.each([
    [['--', 'true'], 'succeeded', 0],
    [['--timeout', '200ms', '--', 'sleep', '30'], 'timed_out', 124],
    [['--', 'sh', '-c', 'kill -9 $$'], 'killed', 137],
    [['--', 'no-such-program-anywhere'], 'failed', 127],
  ])('records %j as %s with exit %i', async (args, status, exitCode) => {
    const result = await guard(['run', ...args], {env: box.env});
    expect(result.exitCode).toBe(exitCode);
    expect(rows('select status, exit_code from runs')).toEqual([{status, exit_code: exitCode}]);
  });

  it('records why a program could not be started', async () => {
    await guard(['run', '--', 'no-such-program-anywhere'], {env: box.env});
    expect(rows('select error from runs')).toEqual([{error: "cannot run 'no-such-program-anywhere': command not found"}]);
  });

  it('creates the log 0600 in a folder 0700', async () => {
    await guard(['run', '--', 'true'], {env: box.env});
    expect(statSync(box.env.GUARD_DB!).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.dir, 'state')).mode & 0o777).toBe(0o700);
  });

  it('uses --db over GUARD_DB', async () => {
    const other = join(box.dir, 'other.db');
    await guard(['run', '--db', other, '--', 'true'], {env: box.env});
    expect(rows('select status from runs', other)).toEqual([{status: 'succeeded'}]);
    expect(existsSync(box.env.GUARD_DB!)).toBe(false);
  });

  it('lets several guards create a fresh log at the same moment (regression: one saw application_id 0)', async () => {
    for (let round = 0; round < 20; round++) {
      const env = {...box.env, GUARD_DB: join(box.dir, `round-${round}/state/audit.db`)};
      const results = await Promise.all([0, 1, 2, 3].map(() => guard(['run', '--', 'true'], {env})));
      expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
      expect(results.map((result) => result.exitCode)).toEqual([0, 0, 0, 0]);
    }
  }, 120_000);

  it('loses nothing when 50 runs start at once', async () => {
    const results = await Promise.all(Array.from({length: 50}, (_, index) => guard(['run', '--name', `job-${index}`, '--', 'true'], {env: box.env})));
    expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
    expect(results.map((result) => result.exitCode)).toEqual(Array(50).fill(0));
    expect(rows("select count(*) as n from runs where status = 'succeeded' and seq is not null")).toEqual([{n: 50}]);
  }, 120_000);
});

describe('guard run when the audit log is unusable', () => {
  const marker = () => join(box.dir, 'marker');
  const attempt = (env: Record<string, string> = box.env) => guard(['run', '--', 'touch', marker()], {env});

  it('exits 74 and runs nothing when the database file is garbage', async () => {
    mkdirSync(join(box.dir, 'state'), {recursive: true, mode: 0o700});
    writeFileSync(box.env.GUARD_DB!, 'this is not a database, just text that is long enough to look like one '.repeat(20), {mode: 0o600});
    const before = readFileSync(box.env.GUARD_DB!);
    const result = await attempt();
    expect(result.exitCode).toBe(74);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(box.env.GUARD_DB!);
    expect(existsSync(marker())).toBe(false);
    expect(readFileSync(box.env.GUARD_DB!).equals(before)).toBe(true);
  });

  it('exits 74 and runs nothing when the database folder cannot be created', async () => {
    writeFileSync(join(box.dir, 'file'), '');
    const result = await attempt({...box.env, GUARD_DB: join(box.dir, 'file/audit.db')});
    expect(result.exitCode).toBe(74);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(existsSync(marker())).toBe(false);
  });

  it('exits 74 and runs nothing when the database folder is read-only', async () => {
    const dir = join(box.dir, 'ro');
    mkdirSync(dir, {mode: 0o700});
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700,ro', 'tmpfs', dir]);
    try {
      const result = await attempt({...box.env, GUARD_DB: join(dir, 'audit.db')});
      expect(result.exitCode).toBe(74);
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^guard: audit log .*ro\/audit\.db/);
      expect(existsSync(marker())).toBe(false);
    } finally {
      execFileSync('umount', [dir]);
    }
  });

  it('exits 74 and runs nothing when the disk is full', async () => {
    const dir = join(box.dir, 'full');
    mkdirSync(dir, {mode: 0o700});
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir]);
    try {
      // Leave too little room for a database, its WAL and its first page.
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=4k', 'count=64'], {stdio: 'ignore'});
      } catch {}

      const result = await attempt({...box.env, GUARD_DB: join(dir, 'audit.db')});
      expect(result.exitCode).toBe(74);
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(existsSync(marker())).toBe(false);
    } finally {
      execFileSync('umount', [dir]);
    }
  });
});

describe('guard run when guard itself is killed', () => {
  it('leaves the row running while the command lives, and abandoned once it has ended', async () => {
    const pidFile = join(box.dir, 'pid');
    const goOn = join(box.dir, 'go-on');
    const guardProcess = spawn(process.execPath, [bin, 'run', '--', 'sh', '-c', `echo $$ > ${pidFile}; ${waitFor(goOn)}`], {
      env: {...process.env, ...box.env},
      stdio: 'ignore',
    });
    expect(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n'))).toBe(true);
    expect(await eventually(() => rows('select status from runs')[0]?.status === 'running')).toBe(true);
    guardProcess.kill('SIGKILL');
    await new Promise((resolve) => guardProcess.once('exit', resolve));

    const command = Number(readFileSync(pidFile, 'utf8'));
    expect(isRunning(command)).toBe(true);
    await guard(['run', '--', 'true'], {env: box.env});
    expect(rows('select status from runs where id = 1')).toEqual([{status: 'running'}]);

    writeFileSync(goOn, '');
    expect(await eventually(() => !isRunning(command))).toBe(true);
    await guard(['run', '--', 'true'], {env: box.env});
    expect(rows('select status, seq is not null as sealed from runs where id = 1')).toEqual([{status: 'abandoned', sealed: 1}]);
  });
});

describe('guard run and the head of the chain', () => {
  it('logs the new head hash of each run in its JSON log, never on the human stderr', async () => {
    const human = await guard(['run', '--', 'true'], {env: box.env});
    expect(human.stderr).toBe('');
    const logged = await guard(['run', '--', 'true'], {env: {...box.env, GUARD_LOG: 'json'}});
    const line = JSON.parse(logged.stderr) as {head: string; id: number; msg: string; status: string};
    expect(line).toMatchObject({msg: 'run ended', id: 2, status: 'succeeded'});
    expect(rows('select hash from runs where id = 2')).toEqual([{hash: line.head}]);
    const verified = await guard(['verify', '--head', line.head], {env: box.env});
    expect(verified.exitCode).toBe(0);
  });

  it('writes the log to GUARD_LOG_FILE when asked', async () => {
    const file = join(box.dir, 'guard.log');
    const result = await guard(['run', '--', 'true'], {env: {...box.env, GUARD_LOG_FILE: file}});
    expect(result.stderr).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8').trim())).toMatchObject({msg: 'run ended', head: expect.stringMatching(/^[0-9a-f]{64}$/)});
  });
});
