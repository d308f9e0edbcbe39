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

  it("shows a prune's own row with what it removed, tails not recorded", async () => {
    const mine = sandbox();
    try {
      const log = openAuditStore(mine.env.GUARD_DB);
      log.recordFinished({...startFields({started_at: new Date(Date.now() - 86_400_000).toISOString()}), ...endFields('succeeded')});
      log.close();
      expect((await guard(['prune', '--older-than', '1h'], {env: mine.env})).exitCode).toBe(0);
      const {exitCode, stdout} = await guard(['show', '2'], {env: mine.env});
      expect(exitCode).toBe(0);
      expect(stdout).toMatch(/^status\s+pruned$/m);
      expect(stdout).toMatch(/^pruned\s+\{"before":"[^"]+","first_seq":1,"last_hash":"[0-9a-f]{64}","last_seq":1,"runs":1\}$/m);
      expect(stdout).toContain('--- stdout: not recorded ---');
      const run = JSON.parse(String((await guard(['show', '2', '--json'], {env: mine.env})).stdout));
      expect(run).toMatchObject({id: 2, name: 'guard prune', pruned: {first_seq: 1, last_seq: 1, runs: 1}, seq: 2, status: 'pruned'});
    } finally {
      mine.remove();
    }
  });

  it('exits 1 with one line for an id that is not there, 64 for one that is not an id', async () => {
    const missing = await guard(['show', '999'], {env: box.env});
    expect([missing.exitCode, missing.stderr]).toEqual([1, `guard: no run with id 999 in ${box.env.GUARD_DB}`]);
    const bad = await guard(['show', 'latest'], {env: box.env});
    expect([bad.exitCode, bad.stderr]).toEqual([64, "guard: ID: 'latest' is not a positive integer"]);
  });
});
