// The audit store under attack (A1–A18 of the reliability plan), through the built CLI.
// The contract's statuses rule: a log that cannot be written is 74 and the command does not
// run. Each case checks what a user would: the exit status, one `guard:` line, the rows,
// SQLite's integrity_check, `guard verify`, and that no lock or process is left behind
// (expectNoLeftovers; where the fault leaves the log unreadable, processes and locks alone).
//
// Not here, and why:
// - A3 names fault points inside guard (GUARD_FAULT=after_begin:kill9 …); guard has no such
//   hook. What it is for is tested from outside instead: a writer killed -9 inside an open
//   transaction (A3), and guard killed -9 with its row committed (A2, A16).
// - A5's `--audit=best-effort` does not exist. The contract's override is the policy's
//   `audit.onError: run` (system or user layer only), tested with the other job settings in
//   test/e2e/run-job-settings.test.ts.
// - A10: guard does not run `PRAGMA quick_check` at open (too slow for a large log). A file
//   truncated by hand is still refused with 74, because the first write reaches a missing
//   page: that is what A10 tests. A truncation that only cuts unread pages goes unnoticed
//   until `guard verify` or integrity_check.
// - A11: only a symbolic link is refused. A log owned by another user, or writable by
//   others, or in a folder others can write, is used as it is: guard creates its own 0600
//   in 0700 (A12) and does not police files it did not create.
// - A18: guard does not look at the file system type; there is no NFS here to test on.
import {execFileSync, spawn} from 'node:child_process';
import {chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {migrations, prunesRecordedFrom} from '../../src/audit/migrations/list.js';
import {rowHash} from '../../src/audit/chain.js';
import {columns, type StoredRow} from '../../src/audit/columns.js';
import {applicationId} from '../../src/audit/open.js';
import {expectNoLeftovers, type FaultBox, faultBox, heldLockFiles, integrity, needsRoot, processesOf, rows as rowsIn} from '../helpers/faults.js';
import {waitFor} from '../helpers/gate.js';
import {bin, guard, root, untilFleet} from '../helpers/guard.js';
import {groupGone, numberIn, startGuard} from '../helpers/faults-store.js';
import {eventually, isRunning} from '../helpers/processes.js';

// Each case starts several guards, some waiting on others: on a loaded machine that takes a while.
vi.setConfig({testTimeout: 120_000});

const nobody = 65534;

let box: FaultBox;
beforeEach(() => {
  box = faultBox();
});
afterEach(() => box.remove());

const db = () => box.env.GUARD_DB!;
const rows = (query: string, path = db()) => rowsIn(path, query);
const file = (name: string) => join(box.dir, name);
const run = (args: string[], env: Record<string, string> = {}) => guard(['run', ...args], {env: {...box.env, ...env}});
const touchMarker = (env: Record<string, string> = {}) => run(['--', 'touch', file('marker')], env);
const oneLine = (stderr: string) => expect(stderr.split('\n')).toHaveLength(1);

/**
 * Damages the log while a run's command waits, from outside the run, as another process would:
 * guard refuses a command that changes its own files (fs.guard-state), so the command only
 * says it is running and waits at a gate until the damage is done, then exits with `status`.
 */
async function damagedMidRun<T>(start: (code: string) => PromiseLike<T>, status: number, damage: () => void): Promise<T> {
  const gates = file('gates');
  mkdirSync(gates, {recursive: true, mode: 0o777});
  chmodSync(gates, 0o777);
  const ready = join(gates, 'ready');
  const open = join(gates, 'open');
  const running = start(`touch ${ready}; ${waitFor(open)}; exit ${status}`);
  expect(await eventually(() => existsSync(ready), 60_000)).toBe(true);
  damage();
  writeFileSync(open, '');
  return running;
}

async function verifies(env: Record<string, string> = box.env) {
  const verified = await guard(['verify'], {env});
  expect(verified.stderr).toBe('');
  expect(verified.exitCode).toBe(0);
}

/** Where the log itself is the casualty: still no process of the run alive and no lock held. */
async function expectNothingAlive() {
  expect(await eventually(() => processesOf(box.mark).length === 0, 10_000)).toBe(true);
  expect(heldLockFiles(box.lockDir)).toEqual([]);
}

/** The same box with its log elsewhere (a small file system of its own). */
const withLog = (path: string): FaultBox => ({...box, db: path, env: {...box.env, GUARD_DB: path}});

/** A folder of its own file system, `size` big, unmounted afterwards. */
function tmpfs(name: string, size: string): {dir: string; unmount(): void} {
  const dir = file(name);
  mkdirSync(dir, {mode: 0o700});
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  return {dir, unmount: () => execFileSync('umount', [dir])};
}

/**
 * guard killed -9 in the middle of a locked run whose command waits for `go`: returns the
 * command's pid and process group, the command still running.
 */
async function killedMidRun(env: Record<string, string> = box.env) {
  const script = `echo $$ > ${file('pid')}; ${waitFor(file('go'))}`;
  const running = startGuard(['run', '--lock', 'nightly', '--', 'sh', '-c', script], env);
  const pid = await numberIn(file('pid'));
  expect(await eventually(() => rows('select status from runs', env.GUARD_DB)[0]?.status === 'running')).toBe(true);
  running.kill('SIGKILL');
  await running.ended;
  return {pid};
}

needsRoot();

describe('A1: the row is committed before the command starts', () => {
  it('A1 the command finds its own row, live, in the log', async () => {
    const result = await run(['--', 'sh', '-c', 'sqlite3 "$GUARD_DB" "select status from runs where id = $GUARD_RUN_ID"']);
    expect(result.exitCode).toBe(0);
    // `running` is written once the spawn is seen, which can be a moment after the command reads.
    expect(result.stdout).toMatch(/^(starting|running)$/);
    await expectNoLeftovers(box);
  });
});

describe('A2: guard killed -9 mid-run', () => {
  it('A2 leaves the row running while the command lives, then abandoned exactly once across 5 guards reconciling together', async () => {
    const {pid} = await killedMidRun();
    expect(isRunning(pid)).toBe(true);
    // The command still holds the lock it inherited: no second copy may start.
    const busy = await run(['--lock', 'nightly', '--', 'touch', file('marker')]);
    expect(busy.exitCode).toBe(75);
    expect(existsSync(file('marker'))).toBe(false);
    expect(rows('select status from runs where id = 1')).toEqual([{status: 'running'}]);

    writeFileSync(file('go'), '');
    expect(await groupGone(pid)).toBe(true);
    const results = await Promise.all(Array.from({length: 5}, () => run(['--', 'true'])));
    expect(results.map((result) => result.stderr)).toEqual(Array(5).fill(''));
    expect(results.map((result) => result.exitCode)).toEqual(Array(5).fill(0));
    expect(rows('select status, seq is not null as sealed from runs where id = 1')).toEqual([{status: 'abandoned', sealed: 1}]);
    expect(rows("select count(*) as n from runs where status = 'abandoned'")).toEqual([{n: 1}]);
    expect(integrity(db())).toBe('ok');
    await verifies();
    expect((await run(['--lock', 'nightly', '--', 'true'])).exitCode).toBe(0);
    await expectNoLeftovers(box);
   }, 120_000);
});

describe('A3: a writer killed -9 inside an open transaction', () => {
  it('A3 leaves no trace of the half-written transaction, and every earlier row intact', async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    const writer = `
      import {openAuditStore} from ${JSON.stringify(join(root, 'dist/audit/store.js'))};
      const store = openAuditStore(process.argv[1]);
      store.db.pragma('cache_size = 10');
      store.db.exec('BEGIN IMMEDIATE');
      const start = {argv: ['x'], attempt: 1, command: 'x', cwd: '/', decision: null, group_id: null, guard_version: '0', host: 'h',
        lock: null, lock_epoch: null, name: 'half', pid: 1, pid_start: 0, reason: null, rules: null, started_at: new Date().toISOString(), user: 'u'};
      for (let i = 0; i < 3000; i++) store.recordStart(start);
      process.stdout.write('inside\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', writer, db()], {stdio: ['ignore', 'pipe', 'inherit']});
    await new Promise((resolve) => child.stdout.once('data', resolve));
    // The transaction outgrew the page cache, so part of it is already in the -wal.
    expect(statSync(`${db()}-wal`).size).toBeGreaterThan(256 * 1024);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    expect((await run(['--', 'true'])).exitCode).toBe(0);
    expect(rows("select count(*) as n from runs where name = 'half'")).toEqual([{n: 0}]);
    expect(rows('select id, status from runs order by id')).toEqual([
      {id: 1, status: 'succeeded'},
      {id: 2, status: 'succeeded'},
    ]);
    expect(integrity(db())).toBe('ok');
    await verifies();
    await expectNoLeftovers(box);
  });
});

describe('A4: many guards on one log', () => {
  it('A4 records 40 concurrent runs, every one finished, without a busy error', async () => {
    const results = await Promise.all(Array.from({length: 40}, (_, index) => run(['--name', `job-${index}`, '--', 'true'])));
    expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
    expect(results.map((result) => result.exitCode)).toEqual(Array(40).fill(0));
    expect(rows("select count(*) as n, count(distinct seq) as sealed from runs where status = 'succeeded'")).toEqual([{n: 40, sealed: 40}]);
    expect(integrity(db())).toBe('ok');
    await expectNoLeftovers(box);
  }, 120_000);
});

describe('A5: another process holds the write lock and lets nothing through', () => {
  it('A5 exits 74 once nothing has been written for 10 s, and runs nothing', async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    const holder = new Database(db());
    holder.exec('BEGIN IMMEDIATE');
    try {
      const result = await touchMarker();
      expect(result.exitCode).toBe(74);
      oneLine(result.stderr);
      expect(result.stderr).toBe(`guard: audit log ${db()}: busy: another process has kept it locked for 10 s with no write getting through`);
      expect(existsSync(file('marker'))).toBe(false);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }

    expect((await touchMarker()).exitCode).toBe(0);
    expect(rows('select count(*) as n from runs')).toEqual([{n: 2}]);
    await expectNoLeftovers(box);
  });
});

describe('A6: the disk is full', () => {
  it('A6 before the run: exits 74, runs nothing, and works again once there is room', async () => {
    const disk = tmpfs('full', '1m');
    try {
      const env = {GUARD_DB: join(disk.dir, 'audit.db')};
      expect((await run(['--', 'true'], env)).exitCode).toBe(0);
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(disk.dir, 'filler')}`, 'bs=4k'], {stdio: 'ignore'});
      } catch {}

      const result = await touchMarker(env);
      expect(result.exitCode).toBe(74);
      // SQLite says full, or fails to grow its shared-memory file: both mean no room.
      expect(result.stderr).toMatch(new RegExp(`^guard: audit log ${env.GUARD_DB}: (file system is full|I/O error \\(SQLITE_IOERR_SHMSIZE\\))$`));
      expect(existsSync(file('marker'))).toBe(false);

      execFileSync('rm', [join(disk.dir, 'filler')]);
      expect(integrity(env.GUARD_DB)).toBe('ok');
      expect((await touchMarker(env)).exitCode).toBe(0);
      expect(rows('select status from runs order by id', env.GUARD_DB)).toEqual([{status: 'succeeded'}, {status: 'succeeded'}]);
      await expectNoLeftovers(withLog(env.GUARD_DB));
    } finally {
      disk.unmount();
    }
  });

  it('A6 a full state folder costs the parse and code caches, nothing else: decisions stand and no temporary file is left', async () => {
    const disk = tmpfs('state-full', '1m');
    try {
      const env = {XDG_STATE_HOME: disk.dir};
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(disk.dir, 'filler')}`, 'bs=4k'], {stdio: 'ignore'});
      } catch {}

      const check = (code: string) => guard(['check', '--', 'sh', '-c', code], {env: {...box.env, ...env}});
      for (let i = 0; i < 2; i++) {
        const refused = await check('true && rm -rf /etc');
        expect(refused.exitCode).toBe(77);
        expect(refused.stderr).toContain('fs.protected-path');
        expect((await check('true && echo ok')).exitCode).toBe(0);
      }

      const cache = join(disk.dir, 'guard/parse-cache');
      const left = existsSync(cache) ? readdirSync(cache) : [];
      expect(left.filter((name) => !name.endsWith('.tree'))).toEqual([]);

      // With room again, the next check keeps its tree.
      execFileSync('rm', [join(disk.dir, 'filler')]);
      expect((await check('true && rm -rf /etc')).exitCode).toBe(77);
      expect(readdirSync(cache).filter((name) => name.endsWith('.tree')).length).toBeGreaterThan(0);
    } finally {
      disk.unmount();
    }
  });

  it('A6 filled by the command mid-run: its status still comes back, the end is said unrecorded, and the row is abandoned once there is room', async () => {
    const disk = tmpfs('full', '1m');
    try {
      const env = {...box.env, GUARD_DB: join(disk.dir, 'audit.db')};
      expect((await run(['--', 'true'], env)).exitCode).toBe(0);
      // The `running` mark is written while the command starts: the disk fills once it is in.
      const marked = `until [ "$(sqlite3 ${env.GUARD_DB} "select status from runs where id = $GUARD_RUN_ID")" = running ]; do sleep 0.05; done`;
      const result = await run(['--lock', 'fill', '--', 'sh', '-c', `${marked}; dd if=/dev/zero of=${join(disk.dir, 'filler')} bs=4k 2>/dev/null; exit 5`], env);
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toBe(`guard: audit log ${env.GUARD_DB}: file system is full; the run ended with status 5 but is not recorded as ended`);
      expect(rows('select id, status from runs order by id', env.GUARD_DB)).toEqual([{id: 1, status: 'succeeded'}, {id: 2, status: 'running'}]);
      expect(integrity(env.GUARD_DB)).toBe('ok');
      expect(heldLockFiles(box.lockDir)).toEqual([]);

      execFileSync('rm', [join(disk.dir, 'filler')]);
      expect((await run(['--', 'true'], env)).exitCode).toBe(0);
      expect(rows('select id, status from runs order by id', env.GUARD_DB)).toEqual([
        {id: 1, status: 'succeeded'},
        {id: 2, status: 'abandoned'},
        {id: 3, status: 'succeeded'},
      ]);
      await verifies(env);
      await expectNoLeftovers(withLog(env.GUARD_DB));
    } finally {
      disk.unmount();
    }
  });
});

describe('A7: a file size limit (ulimit -f)', () => {
  it('A7 exits 74 with the I/O error, is not killed by SIGXFSZ, and runs nothing', async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    const limited = await execa('bash', ['-c', 'ulimit -f 4; exec "$@"', 'bash', process.execPath, bin, 'run', '--', 'touch', file('marker')], {
      env: {...process.env, ...box.env, NODE_OPTIONS: undefined},
      extendEnv: false,
      reject: false,
    });
    expect(limited.signal).toBeUndefined();
    expect(limited.exitCode).toBe(74);
    expect(limited.stderr).toMatch(new RegExp(`^guard: audit log ${db()}: I/O error \\(SQLITE_IOERR_[A-Z]+\\)$`));
    expect(existsSync(file('marker'))).toBe(false);
    expect(integrity(db())).toBe('ok');
    expect((await touchMarker()).exitCode).toBe(0);
    await expectNoLeftovers(box);
  });
});

describe('A8: a read-only log', () => {
  const asNobody = ['setpriv', `--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups'];
  const guardAsNobody = (args: string[]) =>
    execa(asNobody[0]!, [...asNobody.slice(1), process.execPath, bin, ...args], {
      env: {...process.env, ...box.env, NODE_OPTIONS: undefined},
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    });

  it('A8 a log made 0444 mid-run (not root): the end is still written through the open file; the next run exits 74 and runs nothing', async () => {
    chmodSync(box.dir, 0o755);
    mkdirSync(file('state'), {mode: 0o700});
    chownSync(file('state'), nobody, nobody);
    expect((await guardAsNobody(['run', '--', 'true'])).exitCode).toBe(0);
    const midRun = await damagedMidRun((code) => guardAsNobody(['run', '--', 'sh', '-c', code]), 6, () => chmodSync(db(), 0o444));
    expect(midRun.stderr).toBe('');
    expect(midRun.exitCode).toBe(6);
    expect(statSync(db()).mode & 0o777).toBe(0o444);

    chmodSync(box.dir, 0o777);
    const after = await guardAsNobody(['run', '--', 'touch', file('marker')]);
    expect(after.exitCode).toBe(74);
    expect(after.stderr).toBe(`guard: audit log ${db()}: cannot write: read-only`);
    expect(existsSync(file('marker'))).toBe(false);
    expect(rows('select id, status, exit_code from runs order by id')).toEqual([
      {id: 1, status: 'succeeded', exit_code: 0},
      {id: 2, status: 'failed', exit_code: 6},
    ]);
    expect(integrity(db())).toBe('ok');
    await expectNoLeftovers(box);
  });

  it('A8 its folder made a read-only mount mid-run: the end is written through the open files, the next run exits 74, history still reads it, and -wal/-shm stay', async () => {
    mkdirSync(file('state'), {mode: 0o700});
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    const folder = file('state');
    // A private mount namespace: the read-only mount exists for guard and its command alone.
    const script = [
      `"$@" run -- sh -c 'mount --bind ${folder} ${folder} && mount -o remount,ro,bind ${folder} && exit 6'`,
      'echo "first $?"',
      `"$@" run -- touch ${file('marker')}`,
      'echo "second $?"',
      `"$@" history --json > ${file('history.json')}`,
      'echo "history $?"',
    ].join('; ');
    const result = await execa('unshare', ['-m', 'sh', '-c', script, 'sh', process.execPath, bin], {
      env: {...process.env, ...box.env, NODE_OPTIONS: undefined},
      extendEnv: false,
      reject: false,
    });
    expect(result.stdout.split('\n')).toEqual(['first 6', 'second 74', 'history 0']);
    expect(result.stderr).toBe(`guard: audit log ${db()}: cannot write: read-only`);
    // history still reads the log on the read-only mount, -wal included.
    expect((JSON.parse(readFileSync(file('history.json'), 'utf8')) as {status: string}[]).map((run) => run.status)).toEqual(['failed', 'succeeded']);
    expect(existsSync(file('marker'))).toBe(false);
    // Closing on a read-only mount could not remove them: guard never deletes them otherwise.
    expect(existsSync(`${db()}-wal`) && existsSync(`${db()}-shm`)).toBe(true);
    expect(rows('select id, status, exit_code from runs order by id')).toEqual([
      {id: 1, status: 'succeeded', exit_code: 0},
      {id: 2, status: 'failed', exit_code: 6},
    ]);
    expect(integrity(db())).toBe('ok');
    await verifies();
    await expectNoLeftovers(box);
  });
});

describe('A9: the log is not a database', () => {
  it('A9 its first 16 bytes overwritten: exits 74 naming the cause, runs nothing, leaves the file byte for byte', async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    const bytes = readFileSync(db());
    bytes.write('garbage garbage!', 0, 'latin1');
    writeFileSync(db(), bytes);
    const result = await touchMarker();
    expect(result.exitCode).toBe(74);
    expect(result.stderr).toBe(`guard: audit log ${db()}: not a guard audit database (file is not a database)`);
    expect(existsSync(file('marker'))).toBe(false);
    expect(readFileSync(db()).equals(bytes)).toBe(true);
    await expectNothingAlive();
  });

  it('A9 replaced by text through a rename mid-run: the command status comes back, the new file is left byte for byte, the next run exits 74', async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    writeFileSync(file('text'), 'not a database\n'.repeat(500));
    const result = await damagedMidRun((code) => run(['--', 'sh', '-c', code]), 4, () => {
      copyFileSync(file('text'), file('new'));
      execFileSync('mv', [file('new'), db()]);
    });
    expect(result.exitCode).toBe(4);
    const next = await touchMarker();
    expect(next.exitCode).toBe(74);
    expect(next.stderr).toBe(`guard: audit log ${db()}: not a guard audit database (file is not a database)`);
    expect(existsSync(file('marker'))).toBe(false);
    expect(readFileSync(db()).equals(readFileSync(file('text')))).toBe(true);
    await expectNothingAlive();
  });

  it('A9 overwritten in place mid-run: the command status comes back, one line says the end is not recorded, the next run exits 74', async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    writeFileSync(file('garbage'), Buffer.alloc(statSync(db()).size, 0xa5));
    const result = await damagedMidRun((code) => run(['--lock', 'overwrite', '--', 'sh', '-c', code]), 4, () => execFileSync('cp', [file('garbage'), db()]));
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(new RegExp(`^guard: audit log ${db()}: .*; the run ended with status 4 but is not recorded as ended$`));
    const next = await touchMarker();
    expect(next.exitCode).toBe(74);
    oneLine(next.stderr);
    expect(existsSync(file('marker'))).toBe(false);
    await expectNothingAlive();
  });
});

describe('A10: a truncated log', () => {
  it('A10 cut to 5000 bytes: exits 74 naming corruption, runs nothing, never recreates the file', async () => {
    for (let i = 0; i < 3; i++) expect((await run(['--', 'true'])).exitCode).toBe(0);
    truncateSync(db(), 5000);
    const before = readFileSync(db());
    const result = await touchMarker();
    expect(result.exitCode).toBe(74);
    expect(result.stderr).toMatch(new RegExp(`^guard: audit log ${db()}: database is corrupt \\(.*\\); restore it or recover it with sqlite3 \\.recover$`));
    expect(existsSync(file('marker'))).toBe(false);
    expect(readFileSync(db()).equals(before)).toBe(true);
    await expectNothingAlive();
  });
});

describe('A11: a log reached through a symbolic link', () => {
  it('A11 exits 74 before opening it and runs nothing', async () => {
    mkdirSync(file('state'), {mode: 0o700});
    mkdirSync(file('real'), {mode: 0o700});
    symlinkSync(file('real/audit.db'), db());
    const result = await touchMarker();
    expect(result.exitCode).toBe(74);
    expect(result.stderr).toBe(`guard: audit log ${db()}: is a symbolic link; refusing to follow it`);
    expect(existsSync(file('marker'))).toBe(false);
    expect(existsSync(file('real/audit.db'))).toBe(false);
    await expectNoLeftovers(box, {log: false});
  });
});

describe('A12: a fresh install', () => {
  it('A12 makes the log, its -wal and its -shm 0600, in a folder 0700', async () => {
    const result = await run(['--', 'sh', '-c', 'stat -c %a "$GUARD_DB" "$GUARD_DB-wal" "$GUARD_DB-shm"']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toEqual(['600', '600', '600']);
    expect(statSync(file('state')).mode & 0o777).toBe(0o700);
    await expectNoLeftovers(box);
  });
});

describe('A13: an older log met by many newer guards at once', () => {
  it('A13 migrates it exactly once and records all 10 runs', async () => {
    mkdirSync(file('state'), {mode: 0o700});
    const old = new Database(db());
    old.pragma('journal_mode = WAL');
    migrations.slice(0, -1).forEach((step, index) => {
      if (typeof step === 'string') old.exec(step);
      else step(old);
      old.pragma(`application_id = ${applicationId}`);
      old.pragma(`user_version = ${index + 1}`);
    });
    old.close();
    chmodSync(db(), 0o600);

    const results = await Promise.all(Array.from({length: 10}, (_, index) => run(['--name', `job-${index}`, '--', 'true'])));
    expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
    expect(results.map((result) => result.exitCode)).toEqual(Array(10).fill(0));
    expect(rows('pragma user_version')).toEqual([{user_version: migrations.length}]);
    expect(rows("select count(*) as n from runs where status = 'succeeded'")).toEqual([{n: 10}]);
    expect(integrity(db())).toBe('ok');
    await expectNoLeftovers(box);
  }, 60_000);
});

describe('A14: a log from a newer guard', () => {
  it('A14 refuses to write it (74, nothing run), while history still reads it', async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    execFileSync('sqlite3', [db(), `pragma user_version = ${migrations.length + 1}`]);
    const before = readFileSync(db());
    const result = await touchMarker();
    expect(result.exitCode).toBe(74);
    expect(result.stderr).toMatch(/written by a newer guard/);
    oneLine(result.stderr);
    expect(existsSync(file('marker'))).toBe(false);
    const history = await guard(['history', '--json'], {env: box.env});
    expect(history.exitCode).toBe(0);
    expect(JSON.parse(history.stdout)).toHaveLength(1);
    expect(readFileSync(db()).equals(before)).toBe(true);
    // guard verify refuses a chain it may not understand (74), so the file is checked by SQLite.
    expect(integrity(db())).toBe('ok');
    await expectNothingAlive();
  });
});

describe('A15: prune while runs write', () => {
  it('A15 loses no run, leaves a small -wal, and the chain still verifies', async () => {
    for (let i = 0; i < 5; i++) expect((await run(['--', 'true'])).exitCode).toBe(0);
    const writes = Array.from({length: 20}, (_, index) => run(['--name', `job-${index}`, '--', 'true']));
    const prune = guard(['prune', '--older-than', '1ms'], {env: box.env});
    const [pruned, ...results] = await Promise.all([prune, ...writes]);
    expect(pruned.stderr).toBe('');
    expect(pruned.exitCode).toBe(0);
    expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
    expect(results.map((result) => result.exitCode)).toEqual(Array(20).fill(0));
    expect(existsSync(`${db()}-wal`) ? statSync(`${db()}-wal`).size : 0).toBeLessThan(4 * 1024 * 1024);
    expect(integrity(db())).toBe('ok');
    await verifies();
    await expectNoLeftovers(box);
  }, 120_000);
});

describe('A16: a hot -wal left by a crash', () => {
  it('A16 keeps the crashed run\'s committed row: SQLite recovers it, guard deletes nothing', async () => {
    const {pid} = await killedMidRun();
    expect(statSync(`${db()}-wal`).size).toBeGreaterThan(0);
    writeFileSync(file('go'), '');
    expect(await groupGone(pid)).toBe(true);
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    expect(rows('select id, status from runs order by id')).toEqual([
      {id: 1, status: 'abandoned'},
      {id: 2, status: 'succeeded'},
    ]);
    expect(integrity(db())).toBe('ok');
    await expectNoLeftovers(box);
  });
});

describe('A17: every commit reaches the disk', () => {
  it('A17 syncs the -wal at least once per commit (synchronous=FULL, not better-sqlite3\'s NORMAL)', async () => {
    expect((await run(['--', 'true'])).exitCode).toBe(0);
    const trace = file('trace');
    const traced = await execa('strace', ['-f', '-y', '-e', 'trace=fsync,fdatasync', '-o', trace, process.execPath, bin, 'run', '--', 'true'], {
      env: {...process.env, ...box.env, NODE_OPTIONS: undefined},
      extendEnv: false,
      reject: false,
    });
    expect(traced.exitCode).toBe(0);
    const walSyncs = readFileSync(trace, 'utf8').split('\n').filter((line) => /(fsync|fdatasync)\(\d+<[^>]*-wal>\) = 0/.test(line));
    // Three commits: the start, `running`, the end. NORMAL syncs only at a checkpoint.
    expect(walSyncs.length).toBeGreaterThanOrEqual(3);
    await expectNoLeftovers(box);
  });
});

describe('A19: a prune forged by editing the file', () => {
  // Eight real runs; the last one's JSON log line carries the head a careful operator keeps apart.
  async function eightRuns(): Promise<string> {
    for (let i = 1; i < 8; i++) expect((await run(['--name', `job-${i}`, '--', 'true'])).exitCode).toBe(0);
    const last = await run(['--name', 'job-8', '--', 'true'], {GUARD_LOG: 'json'});
    return (JSON.parse(last.stderr) as {head: string}).head;
  }

  const verify = (...args: string[]) => guard(['verify', ...args], {env: box.env});
  const sql = (statement: string) => execFileSync('sqlite3', [db(), statement], {encoding: 'utf8'}).trim();

  /** What an attacker does who deletes the oldest half and covers it with an anchor of their own. */
  function deleteOldestHalf(): void {
    sql("DELETE FROM runs WHERE seq <= 4; INSERT INTO chain_anchor (id, seq, hash) VALUES (1, 4, (SELECT prev_hash FROM runs WHERE seq = 5));");
  }

  /** The attacker also appends a `pruned` row, hashed as guard would (the algorithm is no secret). */
  function forgePrune(record: Record<string, unknown>): void {
    const log = new Database(db());
    try {
      const head = log.prepare<[], {hash: string; seq: number}>('SELECT seq, hash FROM runs WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1').get()!;
      const template = log.prepare<[], StoredRow>(`SELECT ${columns.join(', ')} FROM runs WHERE seq = ?`).get(head.seq as never)!;
      const row: StoredRow = {...template, id: 100, name: 'guard prune', command: 'guard prune --older-than 1d', argv: '["guard","prune","--older-than","1d"]',
        status: 'pruned', seq: head.seq + 1, prev_hash: head.hash, pruned: JSON.stringify(record), stdout_tail: null, stderr_tail: null, stdout_bytes: null, stderr_bytes: null};
      row.hash = rowHash(row);
      log.prepare(`INSERT INTO runs (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`).run(row);
    } finally {
      log.close();
    }
  }

  it('A19 old rows deleted and a matching anchor written, no prune recorded: verify exits 1, with or without the head', async () => {
    const head = await eightRuns();
    deleteOldestHalf();
    const message = `guard: audit log ${db()}: the chain starts after seq 4, but no pruned row names that anchor: rows before it were removed`;
    for (const args of [[], ['--head', head]]) {
      const result = await verify(...args);
      expect([result.exitCode, result.stdout, result.stderr]).toEqual([1, '', message]);
    }
  });

  it('A19 the same with a forged pruned row: only the head kept from before it tells, and it does (exit 1)', async () => {
    const head = await eightRuns();
    const lastRemoved = sql('SELECT hash FROM runs WHERE seq = 4');
    deleteOldestHalf();
    forgePrune({before: new Date().toISOString(), first_seq: 1, last_hash: lastRemoved, last_seq: 4, runs: 4});
    // Whoever can write the file can rewrite the whole chain: without a head kept apart, it holds together.
    expect((await verify()).exitCode).toBe(0);
    const result = await verify('--head', head);
    expect([result.exitCode, result.stderr]).toEqual([
      1,
      `guard: audit log ${db()}: row 100 (seq 9): a prune after head ${head} (seq 8): it removed rows that head vouched for; verify against the head the prune logged`,
    ]);
  });

  it('A19 a forged pruned row that names another anchor, or a real prune whose anchor was removed: exit 1', async () => {
    await eightRuns();
    forgePrune({before: null, first_seq: 1, last_hash: 'f'.repeat(64), last_seq: 4, runs: 4});
    const forged = await verify();
    expect([forged.exitCode, forged.stderr]).toEqual([1, `guard: audit log ${db()}: row 100 (seq 9): a prune of seq 1 to 4, but the chain starts at seq 1 (no anchor): the anchor or the prune was forged`]);

    sql('DELETE FROM runs WHERE id = 100');
    expect((await guard(['prune', '--older-than', '1ms'], {env: box.env})).exitCode).toBe(0);
    sql('DELETE FROM chain_anchor');
    const unanchored = await verify();
    expect([unanchored.exitCode, unanchored.stderr]).toEqual([1, `guard: audit log ${db()}: row 101 (seq 9): seq 1 expected: rows before it were removed`]);
  });

  it('A19 a real prune, then verify --head with the head it logged: exit 0', async () => {
    await eightRuns();
    const pruned = await guard(['prune', '--older-than', '1ms'], {env: {...box.env, GUARD_LOG: 'json'}});
    expect(pruned.exitCode).toBe(0);
    const {head} = JSON.parse(pruned.stderr) as {head: string};
    const result = await verify('--head', head);
    expect([result.exitCode, result.stderr, result.stdout]).toEqual([0, '', `audit log ${db()}: 1 prune verifies, head ${head} (seq 9)`]);
    expect(integrity(db())).toBe('ok');
    await expectNoLeftovers(box);
  });

  it('A19 a log pruned by a guard that did not record prunes: verify says so, the next run records that prune, and a head from before it fails', async () => {
    const head = await eightRuns();
    // What an earlier guard left: schema 3, rows deleted, an anchor, no pruned row.
    deleteOldestHalf();
    sql(`ALTER TABLE runs DROP COLUMN pruned; ${untilFleet} PRAGMA user_version = ${prunesRecordedFrom - 1};`);
    const old = await verify();
    expect([old.exitCode, old.stderr]).toEqual([
      1,
      `guard: audit log ${db()}: the chain starts after seq 4, but no pruned row names that anchor: rows before it were removed; schema ${prunesRecordedFrom - 1} predates recorded prunes: if an earlier guard pruned this log, the next guard run records that`,
    ]);

    expect((await run(['--', 'true'])).exitCode).toBe(0);
    expect(rows("SELECT seq, notes, json_extract(pruned, '$.before') AS before, json_extract(pruned, '$.last_seq') AS last FROM runs WHERE status = 'pruned'")).toEqual([
      {seq: 9, before: null, last: 4, notes: '["recorded when the log was upgraded to schema 4: an earlier guard pruned seq 1 to 4 and did not record it"]'},
    ]);
    expect((await verify()).exitCode).toBe(0);
    expect((await verify('--head', head)).exitCode).toBe(1);
    await expectNoLeftovers(box);
  });
});
