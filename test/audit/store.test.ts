import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {execa} from 'execa';
import {afterEach, describe, expect, it} from 'vitest';
import {openAuditStore, openAuditStoreForQueries} from '../../src/audit/store.js';
import {listRuns} from '../../src/audit/queries.js';
import {verifyChain} from '../../src/audit/verify.js';
import {AuditError} from '../../src/errors.js';
import {root, sandbox} from '../helpers/guard.js';
import {endFields, startFields} from './sample-run.js';

const mode = (path: string) => statSync(path).mode & 0o777;
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function tempDir(): string {
  const box = sandbox();
  cleanups.push(box.remove);
  return box.dir;
}

/** A tmpfs of `size` at a fresh folder, unmounted after the test. */
function tmpfs(size: string): string {
  const dir = join(tempDir(), 'mnt');
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  cleanups.push(() => execFileSync('umount', ['-l', dir]));
  return dir;
}

function auditError(work: () => unknown): AuditError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AuditError);
    expect((error as AuditError).exitCode).toBe(74);
    expect((error as AuditError).message).not.toContain('\n');
    return error as AuditError;
  }

  throw new Error('expected an AuditError');
}

describe('the audit store', () => {
  it('records a start, marks it running, and completes it into the hash chain', () => {
    const store = openAuditStore(join(tempDir(), 'state/audit.db'));
    const id = store.recordStart(startFields({reason: 'INC-42'}));
    expect(listRuns(store, {limit: 5})[0]).toMatchObject({id, status: 'starting', seq: null, hash: null});
    store.markRunning(id, {child_pid: 1234, child_start: 99});
    expect(listRuns(store, {limit: 5})[0]).toMatchObject({child_pid: 1234, child_start: 99, status: 'running'});
    const row = store.recordEnd(id, endFields('succeeded', {duration_ms: 1500.4}));
    expect(row).toMatchObject({duration_ms: 1500, exit_code: 0, killed: false, reason: 'INC-42', seq: 1, status: 'succeeded'});
    expect(row.prev_hash).toBe('0'.repeat(64));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain(store)).toMatchObject({ok: true, rows: 1});
    store.close();
  });

  it('chains a one-shot attempt that never ran after the previous finalized row', () => {
    const store = openAuditStore(join(tempDir(), 'audit.db'));
    const first = store.recordFinished({...startFields(), ...endFields('blocked')});
    const live = store.recordStart(startFields());
    const second = store.recordFinished({...startFields(), ...endFields('lock_busy')});
    expect(second).toMatchObject({prev_hash: first.hash, seq: 2});
    expect(store.recordEnd(live, endFields('failed')).seq).toBe(3);
    store.close();
  });

  it('creates the folder 0700 and the database, -wal and -shm 0600 whatever the umask', () => {
    const path = join(tempDir(), 'state/guard/audit.db');
    const umask = process.umask(0o000);
    try {
      const store = openAuditStore(path);
      store.recordStart(startFields());
      expect(mode(join(path, '..'))).toBe(0o700);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file)).toBe(0o600);
      store.close();
    } finally {
      process.umask(umask);
    }
  });

  it('refuses a database path that is a symbolic link', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'elsewhere.db'), '');
    symlinkSync(join(dir, 'elsewhere.db'), join(dir, 'audit.db'));
    expect(auditError(() => openAuditStore(join(dir, 'audit.db'))).message).toMatch(/audit\.db: is a symbolic link/);
  });

  it('refuses a garbage file with one line and leaves it byte for byte unchanged', () => {
    const path = join(tempDir(), 'audit.db');
    const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(100));
    writeFileSync(path, garbage);
    expect(auditError(() => openAuditStore(path)).message).toBe(`audit log ${path}: not a guard audit database (file is not a database)`);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it("refuses another program's SQLite file and leaves it unchanged", () => {
    const path = join(tempDir(), 'other.db');
    execFileSync('sqlite3', [path, 'CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1);']);
    const before = readFileSync(path);
    expect(auditError(() => openAuditStore(path)).message).toMatch(/other\.db: not a guard audit database \(application_id 0/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses to write a database from a newer guard, leaves it unchanged, and still reads it', () => {
    const path = join(tempDir(), 'audit.db');
    const store = openAuditStore(path);
    store.recordFinished({...startFields(), ...endFields('succeeded')});
    store.close();
    execFileSync('sqlite3', [path, 'PRAGMA user_version = 99;']);
    const before = readFileSync(path);
    expect(auditError(() => openAuditStore(path)).message).toMatch(
      new RegExp(`^audit log ${path}: written by a newer guard \\(schema 99, this guard knows \\d+\\); left unchanged, upgrade guard$`),
    );
    const reader = openAuditStoreForQueries(path);
    expect(listRuns(reader, {limit: 5})).toHaveLength(1);
    expect(() => reader.recordStart(startFields())).toThrow(AuditError);
    reader.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('fails with one line when the folder is on a read-only file system, leaving the file unchanged', () => {
    const dir = tmpfs('1m');
    const path = join(dir, 'audit.db');
    const store = openAuditStore(path);
    store.recordFinished({...startFields(), ...endFields('succeeded')});
    store.close();
    const before = readFileSync(path);
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    expect(auditError(() => openAuditStore(path)).message).toMatch(new RegExp(`^audit log ${path}: (cannot open|cannot write)`));
    expect(auditError(() => openAuditStore(join(dir, 'fresh/audit.db'))).message).toMatch(/fresh\/audit\.db: cannot write: read-only/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('fails with one line when the file system is full, and the database stays whole', () => {
    const dir = tmpfs('512k');
    const path = join(dir, 'audit.db');
    const store = openAuditStore(path);
    store.recordFinished({...startFields(), ...endFields('succeeded')});
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=4k'], {stdio: 'ignore'});
    } catch {
      // dd stops with an error once the disk is full: that is the point.
    }

    const message = auditError(() => {
      for (let i = 0; i < 200; i++) store.recordStart(startFields({command: 'x'.repeat(8000)}));
    }).message;
    expect(message).toMatch(new RegExp(`^audit log ${path}: (file system is full|I/O error)`));
    expect(auditError(() => openAuditStore(join(dir, 'second.db'))).message).toMatch(/second\.db: (file system is full|I\/O error)/);
    store.close();
    execFileSync('rm', [join(dir, 'filler')]);
    const reopened = openAuditStore(path);
    expect(verifyChain(reopened)).toMatchObject({ok: true});
    reopened.close();
  });

  it('refuses a write once the log has been held, with nothing getting through, for 10 s, in one line', async () => {
    const path = join(tempDir(), 'audit.db');
    openAuditStore(path).close();
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const store = openAuditStore(path, {readonly: true});
    store.close();
    const writer = execa(process.execPath, ['--input-type=module', '-e', `
      import {openAuditStore} from ${JSON.stringify(join(root, 'dist/audit/store.js'))};
      try { openAuditStore(${JSON.stringify(path)}).recordStart({}); } catch (error) { console.log(error.message); }
    `], {reject: false});
    const {stdout} = await writer;
    holder.exec('ROLLBACK');
    holder.close();
    expect(stdout).toBe(`audit log ${path}: busy: another process has kept it locked for 10 s with no write getting through`);
  }, 30_000);

  it('loses nothing when 50 processes write at once to a fresh database', async () => {
    const path = join(tempDir(), 'state/audit.db');
    const writers = Array.from({length: 50}, (_, index) =>
      execa(process.execPath, [join(root, 'test/fixtures/audit-writer.mjs'), path, String(index)], {reject: false}),
    );
    const results = await Promise.all(writers);
    expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
    expect(results.map((result) => result.exitCode)).toEqual(Array(50).fill(0));

    const store = openAuditStore(path);
    const runs = listRuns(store, {limit: 100});
    expect(runs).toHaveLength(50);
    expect(runs.every((run) => run.status === 'succeeded' && run.hash !== null)).toBe(true);
    expect(new Set(runs.map((run) => run.name)).size).toBe(50);
    expect(verifyChain(store)).toMatchObject({ok: true, rows: 50});
    store.close();
  }, 60_000);
});
