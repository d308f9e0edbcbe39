import {execFileSync} from 'node:child_process';
import {readFileSync, statSync, truncateSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openAuditStore} from '../../src/audit/store.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
  const store = openAuditStore(box.env.GUARD_DB);
  for (let i = 0; i < 5; i++) store.recordFinished({...startFields({name: `job${i}`}), ...endFields('succeeded')});
  store.close();
});
afterEach(() => box.remove());

const sql = (statement: string) => execFileSync('sqlite3', [box.env.GUARD_DB, statement], {encoding: 'utf8'}).trim();
const verify = (...args: string[]) => guard(['verify', ...args], {env: box.env});

describe('guard verify', () => {
  it('passes an untouched log with a one-line summary naming the head', async () => {
    const head = sql('SELECT hash FROM runs WHERE seq = 5');
    const {exitCode, stdout} = await verify();
    expect(exitCode).toBe(0);
    expect(stdout).toBe(`audit log ${box.env.GUARD_DB}: 5 finished runs verify, head ${head} (seq 5)`);
  });

  it('names the row edited by hand with sqlite3', async () => {
    sql("UPDATE runs SET exit_code = 0, status = 'succeeded', name = 'innocent' WHERE id = 3");
    const {exitCode, stderr} = await verify();
    expect(exitCode).toBe(1);
    expect(stderr).toBe(`guard: audit log ${box.env.GUARD_DB}: row 3 (seq 3): hash does not match its content: the row was changed`);
  });

  it('names the row after one whose hash was recomputed to cover an edit', async () => {
    sql("UPDATE runs SET hash = 'f00d' WHERE id = 2");
    const {exitCode, stderr} = await verify();
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/row 2 \(seq 2\): hash does not match/);
    sql("UPDATE runs SET hash = (SELECT hash FROM runs WHERE id = 3) WHERE id = 2");
    expect((await verify()).stderr).toMatch(/row 2 \(seq 2\)/);
  });

  it('names the row after a deleted one', async () => {
    sql('DELETE FROM runs WHERE id = 2');
    const {exitCode, stderr} = await verify();
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/row 3 \(seq 3\): seq 2 expected: rows before it were removed$/);
  });

  it('names the first id gone when the newest rows were cut off; with --head, also once the ids are covered up', async () => {
    const head = sql('SELECT hash FROM runs WHERE seq = 5');
    expect((await verify('--head', head)).exitCode).toBe(0);
    sql('DELETE FROM runs WHERE seq >= 4');
    const cut = await verify();
    expect([cut.exitCode, cut.stderr]).toEqual([1, `guard: audit log ${box.env.GUARD_DB}: run ids up to 5 were handed out, but id 4 is gone and no prune was recorded: rows were removed`]);
    sql("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'runs'");
    expect((await verify()).exitCode).toBe(0);
    const {exitCode, stderr} = await verify('--head', head);
    expect(exitCode).toBe(1);
    expect(stderr).toBe(`guard: audit log ${box.env.GUARD_DB}: head ${head} is not in the chain: rows were removed or rewritten`);
  });

  it('names a live row deleted by hand, which the chain does not cover yet', async () => {
    const store = openAuditStore(box.env.GUARD_DB);
    store.recordStart(startFields({name: 'long'}));
    store.recordFinished({...startFields({name: 'after'}), ...endFields('succeeded')});
    store.close();
    sql("DELETE FROM runs WHERE name = 'long'");
    const {exitCode, stderr} = await verify();
    expect([exitCode, stderr]).toEqual([1, `guard: audit log ${box.env.GUARD_DB}: run ids up to 7 were handed out, but id 6 is gone and no prune was recorded: rows were removed`]);
  });

  it('calls a log emptied by hand broken, and a fresh one (schema, no row) fresh, leaving both as they were', async () => {
    sql('DELETE FROM runs');
    const emptied = readFileSync(box.env.GUARD_DB);
    const {exitCode, stderr} = await verify();
    expect([exitCode, stderr]).toEqual([1, `guard: audit log ${box.env.GUARD_DB}: run ids up to 5 were handed out, but id 1 is gone and no prune was recorded: rows were removed`]);
    expect(readFileSync(box.env.GUARD_DB).equals(emptied)).toBe(true);

    const fresh = join(box.dir, 'fresh.db');
    openAuditStore(fresh).close();
    const before = readFileSync(fresh);
    const verified = await verify('--db', fresh);
    expect([verified.exitCode, verified.stdout, verified.stderr]).toEqual([0, `audit log ${fresh}: no finished run yet, nothing to verify (a fresh log)`, '']);
    expect(readFileSync(fresh).equals(before)).toBe(true);
    // A head kept apart vouches for rows: a fresh log holds none of them.
    const withHead = await verify('--db', fresh, '--head', 'a'.repeat(64));
    expect([withHead.exitCode, withHead.stderr]).toEqual([1, `guard: audit log ${fresh}: head ${'a'.repeat(64)} is not in the chain: rows were removed or rewritten`]);
  });

  it('exits 74 for a log truncated to 0 bytes, and leaves it so', async () => {
    truncateSync(box.env.GUARD_DB, 0);
    const {exitCode, stdout, stderr} = await verify();
    expect([exitCode, stdout, stderr]).toEqual([74, '', `guard: audit log ${box.env.GUARD_DB}: is empty (0 bytes), not a guard audit log`]);
    expect(statSync(box.env.GUARD_DB).size).toBe(0);
  });

  it.each([
    ['', "guard: --head: empty; give the head hash kept apart (64 hex digits, from guard's JSON log)"],
    ['3f1a', "guard: --head: '3f1a' is not a head hash (64 hex digits, from guard's JSON log)"],
    ['g'.repeat(64), `guard: --head: '${'g'.repeat(64)}' is not a head hash (64 hex digits, from guard's JSON log)`],
  ])('exits 64 naming --head for %j, before it opens the log', async (head, message) => {
    const {exitCode, stderr} = await verify('--head', head, '--db', join(box.dir, 'nowhere.db'));
    expect([exitCode, stderr]).toEqual([64, message]);
  });

  it('takes a head in capitals as the same hash', async () => {
    const head = sql('SELECT hash FROM runs WHERE seq = 5');
    expect((await verify('--head', head.toUpperCase())).exitCode).toBe(0);
  });
});
