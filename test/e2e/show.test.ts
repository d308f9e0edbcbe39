import {afterAll, describe, expect, it} from 'vitest';
import {openAuditStore} from '../../src/audit/store.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {guard, sandbox} from '../helpers/guard.js';

const box = sandbox();
afterAll(() => box.remove());
const store = openAuditStore(box.env.GUARD_DB);
const stderrTail = 'pg_dump: error: \u001b[31mconnection refused\n';
const id = store.recordFinished({
  ...startFields({reason: 'INC-7'}),
  ...endFields('failed', {stderr_bytes: 70_000, stderr_tail: stderrTail, stdout_tail: 'dumping…\n'}),
}).id;
store.close();

describe('guard show', () => {
  it('prints every field and both output tails, control characters escaped', async () => {
    const {exitCode, stdout} = await guard(['show', String(id)], {env: box.env});
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^id\s+1$/m);
    expect(stdout).toMatch(/^reason\s+INC-7$/m);
    expect(stdout).toContain('--- stdout ---\ndumping…');
    expect(stdout).toContain(`--- stderr (last ${Buffer.byteLength(stderrTail)} of 70000 bytes) ---\npg_dump: error: \\x1b[31mconnection refused`);
  });

  it('prints the whole row as JSON', async () => {
    const run = JSON.parse(String((await guard(['show', String(id), '--json'], {env: box.env})).stdout));
    expect(run).toMatchObject({id, reason: 'INC-7', status: 'failed', stdout_tail: 'dumping…\n', timed_out: false});
  });

  it('exits 1 with one line for an id that is not there, 64 for one that is not an id', async () => {
    const missing = await guard(['show', '999'], {env: box.env});
    expect([missing.exitCode, missing.stderr]).toEqual([1, `guard: no run with id 999 in ${box.env.GUARD_DB}`]);
    const bad = await guard(['show', 'latest'], {env: box.env});
    expect([bad.exitCode, bad.stderr]).toEqual([64, "guard: ID: 'latest' is not a positive integer"]);
  });
});
