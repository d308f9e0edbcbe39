import {afterAll, describe, expect, it} from 'vitest';
import {openAuditStore} from '../../src/audit/store.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {guard, sandbox} from '../helpers/guard.js';

const box = sandbox();
afterAll(() => box.remove());
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const store = openAuditStore(box.env.GUARD_DB);
// backup: ten runs of 1..10 s, the last (newest) one failed; report: one old run.
for (let i = 1; i <= 10; i++) {
  const status = i === 10 ? 'failed' : 'succeeded';
  store.recordFinished({...startFields({name: 'backup', started_at: daysAgo(1 - i / 100)}), ...endFields(status, {duration_ms: i * 1000})});
}
store.recordFinished({...startFields({name: 'report', started_at: daysAgo(30)}), ...endFields('timed_out', {duration_ms: 60_000})});
store.close();

describe('guard stats', () => {
  it('gives per job runs, failures, success rate, p50/p95 and the last run', async () => {
    const jobs = JSON.parse(String((await guard(['stats', '--json'], {env: box.env})).stdout));
    expect(jobs).toEqual([
      expect.objectContaining({failures: 1, last_status: 'failed', name: 'backup', p50_ms: 5000, p95_ms: 10_000, runs: 10, success_rate: 0.9}),
      expect.objectContaining({failures: 1, last_status: 'timed_out', name: 'report', p50_ms: 60_000, runs: 1, success_rate: 0}),
    ]);
  });

  it('narrows to a window and a name, and prints a table for people', async () => {
    const {stdout} = await guard(['stats', '--since', '7d'], {env: box.env});
    expect(stdout).toMatch(/^NAME\s+RUNS\s+FAILED\s+OK%\s+P50\s+P95\s+LAST RUN\s+LAST STATUS\nbackup\s+10\s+1\s+90\.0\s+5\.0s\s+10\.0s\s+\S+ \S+\s+failed$/);
    expect((await guard(['stats', '--name', 'nope'], {env: box.env})).stdout).toBe('no runs match');
    expect((await guard(['stats', '--since', 'yesterday'], {env: box.env})).exitCode).toBe(64);
  });
});
