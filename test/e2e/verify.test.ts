import {execFileSync} from 'node:child_process';
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

  it('with --head, fails when the newest rows were cut off', async () => {
    const head = sql('SELECT hash FROM runs WHERE seq = 5');
    expect((await verify('--head', head)).exitCode).toBe(0);
    sql('DELETE FROM runs WHERE seq >= 4');
    expect((await verify()).exitCode).toBe(0);
    const {exitCode, stderr} = await verify('--head', head);
    expect(exitCode).toBe(1);
    expect(stderr).toBe(`guard: audit log ${box.env.GUARD_DB}: head ${head} is not in the chain: rows were removed or rewritten`);
  });
});
