import {execFileSync} from 'node:child_process';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {readProcessStat} from '../../src/proc.js';
import {openAuditStore} from '../../src/audit/store.js';
import {expectMatchesExact, rawRuns} from '../audit/exact-stats.js';
import {fillMixedLog} from '../audit/mixed-log.js';
import {endFields, startFields} from '../audit/sample-run.js';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const sql = (statement: string) => execFileSync('sqlite3', [box.env.GUARD_DB, statement], {encoding: 'utf8'}).trim();

beforeEach(() => {
  box = sandbox();
  const store = openAuditStore(box.env.GUARD_DB);
  // Ten runs a day apart, oldest first; one run started 40 days ago is still going.
  const live = {pid: process.pid, pid_start: readProcessStat(process.pid)!.startTime};
  store.recordStart(startFields({...live, name: 'still-going', started_at: daysAgo(40)}));
  for (let day = 10; day >= 1; day--) store.recordFinished({...startFields({started_at: daysAgo(day)}), ...endFields('succeeded')});
  store.close();
});
afterEach(() => box.remove());

describe('guard prune', () => {
  it('says how many runs it would delete, and deletes none with --dry-run', async () => {
    const {exitCode, stdout} = await guard(['prune', '--older-than', '132h', '--dry-run'], {env: box.env});
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^would delete 5 runs started before \S+; kept 1 older/);
    expect(sql('SELECT count(*) FROM runs')).toBe('11');
  });

  it('deletes finished runs older than the cutoff, never a live one, and verify stays green', async () => {
    const head = sql('SELECT hash FROM runs WHERE seq = 10');
    const {stdout} = await guard(['prune', '--older-than', '132h'], {env: box.env});
    expect(stdout).toMatch(/^deleted 5 runs /);
    expect(sql("SELECT group_concat(status) FROM runs WHERE started_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-5 days', '-12 hours')")).toBe('starting');
    expect(sql('SELECT seq FROM chain_anchor')).toBe('5');
    const verified = await guard(['verify', '--head', head], {env: box.env});
    expect([verified.exitCode, verified.stderr]).toEqual([0, '']);
    expect(verified.stdout).toMatch(/: 5 finished runs verify/);
  });

  it('keeps verify green across several prunes down to an empty chain, then new runs', async () => {
    await guard(['prune', '--older-than', '8d'], {env: box.env});
    await guard(['prune', '--older-than', '0'], {env: box.env});
    expect(sql('SELECT count(*) FROM runs')).toBe('1');
    const store = openAuditStore(box.env.GUARD_DB);
    const row = store.recordFinished({...startFields(), ...endFields('failed')});
    store.close();
    expect(row.seq).toBe(11);
    expect((await guard(['verify'], {env: box.env})).exitCode).toBe(0);
  });

  it('keeps stats equal to an exact recomputation over the runs that remain', async () => {
    // A log of its own: the ten daily runs above would hold the chain's prefix back.
    const own = sandbox();
    try {
      const now = Date.now();
      fillMixedLog(own.env.GUARD_DB, {count: 300, endMs: now, seed: 9});
      const {stdout} = await guard(['prune', '--older-than', '37h'], {env: own.env});
      expect(stdout).toMatch(/^deleted \d{2,} runs /);
      const rows = rawRuns(own.env.GUARD_DB);
      for (const since of [undefined, new Date(now - 48 * 3_600_000).toISOString(), new Date(now - 36 * 3_600_000 - 61_000).toISOString()]) {
        const {stdout: json} = await guard(['stats', '--json', ...(since ? ['--since', since] : [])], {env: own.env});
        expectMatchesExact(JSON.parse(String(json)), rows, {since});
      }

      expect((await guard(['verify'], {env: own.env})).exitCode).toBe(0);
    } finally {
      own.remove();
    }
  });

  it('exits 64 naming the flag for a bad duration', async () => {
    const {exitCode, stderr} = await guard(['prune', '--older-than', 'ages'], {env: box.env});
    expect(exitCode).toBe(64);
    expect(stderr).toMatch(/^guard: --older-than: 'ages' is neither a duration/);
  });
});
