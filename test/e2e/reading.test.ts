// Reading never writes: history, show, stats, verify and locks open the log read-only. A
// missing, empty or foreign file is one line naming it and exit 74, and nothing is created;
// a log they can read is left byte for byte as it was, even when a writer would have
// reconciled a dead run or migrated an older schema.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {migrations} from '../../src/audit/migrations/list.js';
import {openAuditStore} from '../../src/audit/store.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  env = {...box.env, HOME: box.dir};
});
afterEach(() => box.remove());

const readers = [['history'], ['history', '--json'], ['show', '1'], ['stats'], ['verify'], ['locks']];
/** Each reading command as a test row: its words, then its argv. */
const eachReader = readers.map((args) => [args.join(' '), args] as const);
const db = () => env.GUARD_DB!;
const sql = (statement: string, path = db()) => execFileSync('sqlite3', [path, statement], {encoding: 'utf8'}).trim();

/** A log of three finished runs and one whose guard died (a pid nothing runs at): a writer would mark it abandoned. */
function logWithDeadRun(path = db()): void {
  const store = openAuditStore(path);
  for (let i = 0; i < 3; i++) store.recordFinished({...startFields({name: `job${i}`}), ...endFields('succeeded')});
  store.recordStart(startFields({name: 'died', pid: 4_194_303, pid_start: 1}));
  store.close();
}

describe('a reading command on a log it cannot read', () => {
  const foreign: Array<[string, (path: string) => void, RegExp]> = [
    ['an empty file', (path) => writeFileSync(path, ''), /is empty \(0 bytes\), not a guard audit log$/],
    ['a text file', (path) => writeFileSync(path, 'not a database\n'.repeat(100)), /not a guard audit database \(file is not a database\)$/],
    ["another program's SQLite file", (path) => sql('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1);', path), /another program's SQLite file\)$/],
    ['an empty SQLite file', (path) => sql('PRAGMA user_version = 0; VACUUM;', path), /an empty SQLite database, not yet a guard audit log$/],
  ];

  it.each(eachReader.filter(([name]) => name !== 'locks'))('guard %s exits 74 with one line naming a log that is not there, and creates nothing', async (_, args) => {
    const missing = join(box.dir, 'typo/audit.db');
    const result = await guard([...args, '--db', missing], {env});
    expect([result.exitCode, result.stdout, result.stderr]).toEqual([74, '', `guard: audit log ${missing}: does not exist (no guard has written a log there)`]);
    expect(existsSync(join(box.dir, 'typo'))).toBe(false);
    expect(existsSync(join(box.dir, 'state'))).toBe(false);
  });

  it('guard locks with no log yet still lists what the lock folder holds, says the log is missing, and creates nothing', async () => {
    const missing = join(box.dir, 'typo/audit.db');
    const result = await guard(['locks', '--db', missing], {env});
    expect([result.exitCode, result.stdout, result.stderr]).toEqual([0, 'no lock is held', `guard: audit log ${missing} does not exist: holders are shown without run ids`]);
    expect(existsSync(join(box.dir, 'typo'))).toBe(false);
  });

  it.each(foreign.flatMap(([what, make, message]) => readers.map((args) => [what, args.join(' '), args, make, message] as const)))(
    '%s: guard %s exits 74 with one line and leaves it byte for byte',
    async (_, __, args, make, message) => {
      mkdirSync(join(box.dir, 'state'));
      make(db());
      const before = readFileSync(db());
      const result = await guard(args, {env});
      expect(result.exitCode).toBe(74);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(new RegExp(`^guard: audit log ${db()}: `));
      expect(result.stderr).toMatch(message);
      expect(readFileSync(db()).equals(before)).toBe(true);
      expect(readdirSync(join(box.dir, 'state'))).toEqual(['audit.db']);
    },
  );

  it.each(eachReader)('guard %s exits 74 for a folder where the log should be', async (_, args) => {
    mkdirSync(db(), {recursive: true});
    const result = await guard(args, {env});
    expect([result.exitCode, result.stderr]).toEqual([74, `guard: audit log ${db()}: is a folder, not a guard audit log`]);
  });
});

describe('a reading command on a log it can read', () => {
  it.each(eachReader)('guard %s leaves the log byte for byte, the dead run as it is stored', async (_, args) => {
    logWithDeadRun();
    const before = readFileSync(db());
    const result = await guard(args, {env});
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
    expect(readFileSync(db()).equals(before)).toBe(true);
    expect(sql('SELECT status FROM runs WHERE id = 4')).toBe('starting');
  });

  it('shows a run whose guard died as stored; the next writer on its host marks it abandoned', async () => {
    logWithDeadRun();
    const listed = async () => (JSON.parse((await guard(['history', '--json'], {env})).stdout) as Array<{id: number; status: string}>).find((run) => run.id === 4)!.status;
    expect(await listed()).toBe('starting');
    expect((await guard(['run', '--', 'true'], {env})).exitCode).toBe(0);
    expect(await listed()).toBe('abandoned');
  });

  it.each(eachReader)('guard %s reads a log of the previous schema as it is, without migrating it', async (_, args) => {
    logWithDeadRun();
    // What the newest migration (008) added, gone.
    sql(`ALTER TABLE runs DROP COLUMN lock_scope; ALTER TABLE locks DROP COLUMN fleet_epoch_seen; DROP TABLE meta; DROP TABLE fleet_outbox; PRAGMA user_version = ${migrations.length - 1};`);
    const before = readFileSync(db());
    const result = await guard(args, {env});
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
    expect(readFileSync(db()).equals(before)).toBe(true);
    expect(sql('PRAGMA user_version')).toBe(String(migrations.length - 1));
  });

  it('gives a missing column of an older schema as null', async () => {
    logWithDeadRun();
    sql(`ALTER TABLE runs DROP COLUMN pruned; ALTER TABLE runs DROP COLUMN lock_scope; PRAGMA user_version = 3;`);
    const run = JSON.parse((await guard(['show', '1', '--json'], {env})).stdout) as Record<string, unknown>;
    expect(run).toMatchObject({id: 1, lock_scope: null, pruned: null, status: 'succeeded'});
  });

  it('reads a log from a newer guard, except verify, which cannot know its chain (74)', async () => {
    logWithDeadRun();
    sql(`PRAGMA user_version = ${migrations.length + 1}`);
    const before = readFileSync(db());
    for (const args of readers.filter(([command]) => command !== 'verify')) {
      const result = await guard(args, {env});
      expect([args, result.exitCode, result.stderr]).toEqual([args, 0, '']);
    }

    const verified = await guard(['verify'], {env});
    expect([verified.exitCode, verified.stderr]).toEqual([
      74,
      `guard: audit log ${db()}: written by a newer guard (schema ${migrations.length + 1}, this guard knows ${migrations.length}); upgrade guard to verify it`,
    ]);
    expect(readFileSync(db()).equals(before)).toBe(true);
  });
});
