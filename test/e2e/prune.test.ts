import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
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
  it("keeps a run not yet shipped to the fleet, and every later one, unless --force", async () => {
    // Run 4 (eight days old, seq 3) waits in the fleet's outbox.
    sql(`INSERT INTO fleet_outbox (run_id, revision, queued_at) VALUES (4, 3, '${daysAgo(8)}')`);
    const kept = await guard(['prune', '--older-than', '132h'], {env: box.env});
    expect(kept.exitCode).toBe(0);
    expect(kept.stdout).toMatch(/^deleted 2 runs started before \S+; kept 4 older \(.*, 1 of them not yet shipped to the fleet \(--force deletes them anyway\)\); recorded as run 12/);
    expect(sql('SELECT count(*) FROM runs WHERE id = 4')).toBe('1');
    const forced = await guard(['prune', '--older-than', '132h', '--force'], {env: box.env});
    expect(forced.stdout).toMatch(/^deleted 3 runs started before \S+; kept 1 older \(/);
    expect(sql('SELECT count(*) FROM runs WHERE id = 4')).toBe('0');
    expect(sql('SELECT count(*) FROM fleet_outbox')).toBe('0');
    expect((await guard(['verify'], {env: box.env})).exitCode).toBe(0);
  });

  it('says how many runs it would delete, and deletes none with --dry-run', async () => {
    const {exitCode, stdout} = await guard(['prune', '--older-than', '132h', '--dry-run'], {env: box.env});
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^would delete 5 runs started before \S+; kept 1 older/);
    expect(sql('SELECT count(*) FROM runs')).toBe('11');
  });

  it('deletes finished runs older than the cutoff, never a live one, and verify stays green', async () => {
    const {stdout} = await guard(['prune', '--older-than', '132h'], {env: box.env});
    expect(stdout).toMatch(/^deleted 5 runs started before \S+; kept 1 older \(.*\); recorded as run 12, new head [0-9a-f]{64} \(seq 11\)$/);
    expect(sql("SELECT group_concat(status) FROM runs WHERE started_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-5 days', '-12 hours')")).toBe('starting');
    expect(sql('SELECT seq FROM chain_anchor')).toBe('5');
    const verified = await guard(['verify'], {env: box.env});
    expect([verified.exitCode, verified.stderr]).toEqual([0, '']);
    expect(verified.stdout).toMatch(/: 5 finished runs and 1 prune verify, head [0-9a-f]{64} \(seq 11\)$/);
  });

  it('records itself in the chain: a pruned row naming the seqs, the count and the last hash it removed', async () => {
    const last = sql('SELECT hash FROM runs WHERE seq = 5');
    await guard(['prune', '--older-than', '132h'], {env: box.env});
    const [row] = JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB, "SELECT * FROM runs WHERE status = 'pruned'"], {encoding: 'utf8'})) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({argv: '["guard","prune","--older-than","132h"]', command: 'guard prune --older-than 132h', exit_code: 0, id: 12, name: 'guard prune', seq: 11, stdout_tail: null});
    expect(JSON.parse(String(row!.pruned))).toEqual({before: expect.any(String), first_seq: 1, last_hash: last, last_seq: 5, runs: 5});
    expect(sql('SELECT hash FROM chain_anchor')).toBe(last);
  });

  it("logs the new head, which verify --head accepts; a head from before the prune fails, the prune being after it", async () => {
    const before = sql('SELECT hash FROM runs WHERE seq = 10');
    const pruned = await guard(['prune', '--older-than', '132h'], {env: {...box.env, GUARD_LOG: 'json'}});
    const [line] = pruned.stderr.split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(line).toMatchObject({deleted: 5, first_seq: 1, head: expect.stringMatching(/^[0-9a-f]{64}$/), id: 12, last_seq: 5, level: 30, msg: 'pruned'});
    expect(pruned.stdout).toContain(`new head ${String(line!.head)} (seq 11)`);

    expect((await guard(['verify', '--head', String(line!.head)], {env: box.env})).exitCode).toBe(0);
    const stale = await guard(['verify', '--head', before], {env: box.env});
    expect([stale.exitCode, stale.stderr]).toEqual([
      1,
      `guard: audit log ${box.env.GUARD_DB}: row 12 (seq 11): a prune after head ${before} (seq 10): it removed rows that head vouched for; verify against the head the prune logged`,
    ]);

    // Runs after the prune: a head they logged vouches for the prune as well.
    const store = openAuditStore(box.env.GUARD_DB);
    const next = store.recordFinished({...startFields(), ...endFields('succeeded')});
    store.close();
    expect((await guard(['verify', '--head', String(next.hash)], {env: box.env})).exitCode).toBe(0);
  });

  it('keeps verify green across several prunes, each pruning the one before, then new runs', async () => {
    await guard(['prune', '--older-than', '8d'], {env: box.env});
    await guard(['prune', '--older-than', '1ms'], {env: box.env});
    // The live run, and the second prune's row: the first prune's row went with the rest.
    expect(sql('SELECT group_concat(status) FROM (SELECT status FROM runs ORDER BY id)')).toBe('starting,pruned');
    expect(JSON.parse(sql("SELECT pruned FROM runs WHERE status = 'pruned'"))).toMatchObject({first_seq: 4, last_seq: 11, runs: 8});
    const store = openAuditStore(box.env.GUARD_DB);
    const row = store.recordFinished({...startFields(), ...endFields('failed')});
    store.close();
    expect(row.seq).toBe(13);
    const verified = await guard(['verify'], {env: box.env});
    expect([verified.exitCode, verified.stdout]).toEqual([0, `audit log ${box.env.GUARD_DB}: 1 finished run and 1 prune verify, head ${row.hash} (seq 13)`]);
  });

  it('records nothing when nothing goes, and changes nothing with --dry-run', async () => {
    const before = readFileSync(box.env.GUARD_DB);
    const none = await guard(['prune', '--older-than', '300d'], {env: box.env});
    expect([none.exitCode, none.stdout]).toEqual([0, expect.stringMatching(/^deleted 0 runs started before \S+$/)]);
    expect(sql("SELECT count(*) FROM runs WHERE status = 'pruned'")).toBe('0');
    const dry = await guard(['prune', '--older-than', '1ms', '--dry-run'], {env: box.env});
    expect(dry.stdout).toMatch(/^would delete 10 runs /);
    expect(sql('SELECT count(*) FROM runs')).toBe('11');
    expect(readFileSync(box.env.GUARD_DB).equals(before)).toBe(true);
  });

  it('exits 74 for a log that is not there, and creates none', async () => {
    const missing = join(box.dir, 'typo/audit.db');
    for (const args of [[], ['--dry-run']]) {
      const result = await guard(['prune', '--older-than', '30d', '--db', missing, ...args], {env: box.env});
      expect([result.exitCode, result.stderr]).toEqual([74, `guard: audit log ${missing}: does not exist (no guard has written a log there)`]);
    }

    expect(existsSync(join(box.dir, 'typo'))).toBe(false);
  });

  it.each(['0', '0s', '0ms', '2999-01-01'])('exits 64 naming the flag for --older-than %s, which would prune every run', async (age) => {
    const before = readFileSync(box.env.GUARD_DB);
    const {exitCode, stderr} = await guard(['prune', '--older-than', age], {env: box.env});
    expect([exitCode, stderr]).toEqual([64, `guard: --older-than: '${age}' is not in the past: it would prune every finished run (give an age such as 90d)`]);
    expect(readFileSync(box.env.GUARD_DB).equals(before)).toBe(true);
  });

  it('counts a prune nowhere in stats, shows it in history, and never as a failure', async () => {
    await guard(['prune', '--older-than', '132h'], {env: box.env});
    const stats = JSON.parse((await guard(['stats', '--json'], {env: box.env})).stdout) as Array<{name: string; runs: number}>;
    expect(stats.map((job) => [job.name, job.runs])).toEqual([['backup', 5], ['still-going', 1]]);
    const history = (args: string[]) => guard(['history', '--json', ...args], {env: box.env}).then(({stdout}) => (JSON.parse(stdout) as Array<{status: string}>).map((run) => run.status));
    expect((await history(['--limit', '1']))).toEqual(['pruned']);
    expect(await history(['--status', 'pruned'])).toEqual(['pruned']);
    expect(await history(['--failed'])).toEqual([]);
    const table = await guard(['history', '--limit', '1'], {env: box.env});
    // The command gives way to the 80 columns a table keeps off a terminal.
    expect(table.stdout).toMatch(/\n\s*12 .* \. pruned\s+0\s+guard prune\s+guard prune --older-than 13(2h|…)\n1 of \d+ runs; --limit N or --all$/);
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

  it('takes ages past a year in days (audit trails are kept for years)', async () => {
    const {exitCode, stdout} = await guard(['prune', '--older-than', '400d', '--dry-run'], {env: box.env});
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^would delete 0 runs started before /);
  });

  it("without --older-than prunes at the policy's audit.retention, and with neither deletes nothing and says why", async () => {
    const none = await guard(['prune'], {env: box.env});
    expect([none.exitCode, none.stderr]).toEqual([64, 'guard: no --older-than given, and no policy sets audit.retention: guard prune --older-than DUR [--db FILE] [--dry-run]']);
    expect(sql('SELECT count(*) FROM runs')).toBe('11');

    // audit.* is the machine's: the user's policy sets it here.
    mkdirSync(join(box.env.XDG_CONFIG_HOME!, 'guard'), {recursive: true});
    writeFileSync(join(box.env.XDG_CONFIG_HOME!, 'guard', 'policy.yaml'), 'audit:\n  retention: 132h\n', {mode: 0o600});
    const {exitCode, stdout} = await guard(['prune'], {env: box.env});
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^deleted 5 runs started before \S+; kept 1 older/);
  });
});
