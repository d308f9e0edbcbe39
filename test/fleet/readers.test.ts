import {randomUUID} from 'node:crypto';
import {hostname} from 'node:os';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {gate} from '../helpers/gate.js';
import {guard, sandbox} from '../helpers/guard.js';
import {type Cluster, fleetSuite, startCluster} from '../helpers/pg-cluster.js';

// Real guards on this machine ship as this host; runs of other hosts, and pasts no guard can
// produce (a double run of a fleet lock, a host silent for hours), are planted as guard_admin.
const here = hostname();
type Box = ReturnType<typeof sandbox>;

interface Planted {
  source: string;
  id: number;
  name: string;
  status?: string;
  /** SQL for started_at, e.g. `now() - interval '3 hours'`. */
  started: string;
  ended?: string | null;
  lock?: string;
  epoch?: number;
}

const lines = (text: string) => text.split('\n');

fleetSuite('the reading commands with --fleet', () => {
  let cluster: Cluster;
  const boxes: Box[] = [];
  const box = () => {
    const made = sandbox();
    boxes.push(made);
    return made;
  };
  const web = {a: box(), b: box()};
  const as = (sandboxed: Box, role: string) => ({...sandboxed.env, GUARD_FLEET_URL: cluster.url(role)});
  const a = () => as(web.a, 'host_a');
  const b = () => as(web.b, 'host_b');
  const admin = () => as(web.a, 'guard_admin');
  const sources = {web2: randomUUID(), web3: randomUUID()};

  async function source(host: string, id: string, lastSeen = 'now()'): Promise<void> {
    await cluster.sql(`INSERT INTO guard.sources (source_id, host, last_seen) VALUES ($1, $2, ${lastSeen}) ON CONFLICT (source_id) DO UPDATE SET last_seen = EXCLUDED.last_seen`, [id, host]);
  }

  async function plant(run: Planted): Promise<void> {
    const [{host}] = await cluster.sql<{host: string}>('SELECT host FROM guard.sources WHERE source_id = $1', [run.source]);
    const status = run.status ?? 'succeeded';
    const ended = run.ended === undefined ? `(${run.started}) + interval '1 minute'` : run.ended === null ? 'NULL' : run.ended;
    await cluster.sql(
      `INSERT INTO guard.runs (source_id, local_id, revision, name, command, argv, cwd, "user", host, pid, started_at, ended_at, duration_ms, status, exit_code, attempt, lock, lock_epoch, lock_scope, guard_version)
       VALUES ($1, $2, $3, $4, 'backup.sh', '["backup.sh"]', '/', 'ops', $5, 4242, ${run.started}, ${ended}, CASE WHEN ${ended} IS NULL THEN NULL ELSE 60000 END, $6, $7, 1, $8, $9, $10, '0.1.0')`,
      [run.source, run.id, ended === 'NULL' ? 2 : 3, run.name, host, status, status === 'succeeded' ? 0 : status === 'failed' ? 1 : null, run.lock ?? null, run.epoch ?? null, run.lock ? 'fleet' : null],
    );
  }

  async function sourceOf(env: Record<string, string>): Promise<string> {
    const result = await guard(['fleet', 'status', '--json'], {env});
    return (JSON.parse(result.stdout) as {source_id: string}).source_id;
  }

  beforeAll(async () => {
    cluster = await startCluster();
    const init = await guard(['fleet', 'init'], {env: admin()});
    expect([init.exitCode, init.stderr]).toEqual([0, '']);
    for (const role of ['host_a', 'host_b', 'reader']) await cluster.createRole(role);
    await cluster.sql('GRANT guard_writer TO host_a, host_b');
    await cluster.sql('GRANT guard_reader TO reader');
    await source('web2', sources.web2);
    await source('web3', sources.web3);
  });

  afterAll(() => {
    for (const made of boxes) made.remove();
  });

  describe('history --fleet', () => {
    beforeAll(async () => {
      expect((await guard(['run', '--name', 'h-backup', '--', 'true'], {env: a()})).exitCode).toBe(0);
      expect((await guard(['run', '--name', 'h-backup', '--', 'false'], {env: b()})).exitCode).toBe(1);
      await source('web2', sources.web2, "now() - interval '3 hours'");
      await plant({source: sources.web2, id: 7, name: 'h-backup', started: "now() - interval '2 hours'", ended: null, status: 'running'});
      await plant({source: sources.web2, id: 6, name: 'h-backup', started: "now() - interval '5 hours'"});
    });

    it('lists every host newest first, with HOST after the local ID, and marks a live run of a silent host', async () => {
      const result = await guard(['history', '--fleet', '--name', 'h-backup'], {env: a()});
      expect([result.exitCode, result.stderr]).toEqual([0, '']);
      const [head, ...rows] = lines(result.stdout);
      expect(head).toMatch(/^ID {2}HOST +STARTED +TOOK +STATUS +EXIT +NAME +COMMAND$/);
      expect(rows).toHaveLength(4);
      expect(rows[0]).toMatch(new RegExp(`^ 1  ${here} .* x failed +1  h-backup +false$`));
      expect(rows[1]).toMatch(new RegExp(`^ 1  ${here} .* \\+ succeeded +0  h-backup +true$`));
      expect(rows[2]).toMatch(/^ 7 {2}web2 .* > running \(host silent since \d\d-\d\d \d\d:\d\d\) +- +h-backup +backup/);
      expect(rows[3]).toMatch(/^ 6 {2}web2 .* \+ succeeded +0 {2}h-backup/);
    });

    it('gives --json rows their host, source_id, revision and shipped_at, and filters by --host and --failed', async () => {
      const json = await guard(['history', '--fleet', '--name', 'h-backup', '--host', 'web2', '--json'], {env: b()});
      expect(json.exitCode).toBe(0);
      const runs = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
      expect(runs.map((run) => [run.id, run.host, run.source_id, run.revision, run.status])).toEqual([
        [7, 'web2', sources.web2, 2, 'running'],
        [6, 'web2', sources.web2, 3, 'succeeded'],
      ]);
      expect(runs[0]!.host_silent_since).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      expect(runs[1]!.host_silent_since).toBeNull();
      expect(runs[0]!.shipped_at).toMatch(/Z$/);
      const failed = await guard(['history', '--fleet', '--failed', '--name', 'h-backup', '--json'], {env: a()});
      expect((JSON.parse(failed.stdout) as Array<{host: string; status: string}>).map((run) => [run.host, run.status])).toEqual([[here, 'failed']]);
    });

    it('says when more runs match than --limit shows, and prints CSV with the log columns', async () => {
      const limited = await guard(['history', '--fleet', '--name', 'h-backup', '--limit', '2'], {env: a()});
      expect(lines(limited.stdout)).toHaveLength(4);
      expect(lines(limited.stdout).at(-1)).toBe('the newest 2 runs; more match: --limit N or --all');
      const csv = await guard(['history', '--fleet', '--name', 'h-backup', '--host', 'web2', '--csv'], {env: a()});
      const [header, first] = csv.stdout.split('\r\n');
      expect(header!.endsWith(',lock_scope,source_id,revision,shipped_at')).toBe(true);
      expect(first!.startsWith('7,h-backup,backup.sh,')).toBe(true);
      expect(first).toContain(`,${sources.web2},2,`);
    });

    it('keeps local history without a HOST column', async () => {
      const local = await guard(['history'], {env: a()});
      expect(lines(local.stdout)[0]).toMatch(/^ID {2}STARTED/);
    });
  });

  describe('show --fleet', () => {
    it('shows one central run in full by HOST:ID, with its log, revision and tails', async () => {
      const result = await guard(['show', '--fleet', 'web2:6'], {env: a()});
      expect([result.exitCode, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toMatch(new RegExp(`^source_id +${sources.web2}\nrevision +3\nshipped_at +\\d{4}-.*Z\nid +6\nname +h-backup\n`));
      expect(result.stdout).toMatch(/\nhost +web2\n/);
      expect(result.stdout).toMatch(/\npid_start +-\n/);
      expect(result.stdout).toContain('--- stdout: not recorded ---');
    });

    it('takes SOURCE_ID:ID, and refuses a host whose several logs have that id (64), listing them', async () => {
      const [sourceA, sourceB] = [await sourceOf(a()), await sourceOf(b())];
      const ambiguous = await guard(['show', '--fleet', `${here}:1`], {env: a()});
      expect(ambiguous.exitCode).toBe(64);
      const listed = [sourceA, sourceB].sort().map((id) => `${id}:1`).join(', ');
      expect(ambiguous.stderr).toBe(`guard: ${here}:1 names runs of 2 audit logs on host ${here}: give one as SOURCE_ID:ID (${listed})`);
      const byLog = await guard(['show', '--fleet', `${sourceB}:1`, '--json'], {env: a()});
      expect(byLog.exitCode).toBe(0);
      expect(JSON.parse(byLog.stdout)).toMatchObject({command: 'false', host: here, id: 1, source_id: sourceB, status: 'failed'});
    });

    it('exits 1 when no central run has that id, 64 when the id is not HOST:ID', async () => {
      const none = await guard(['show', '--fleet', 'web2:99'], {env: a()});
      expect([none.exitCode, none.stderr]).toEqual([1, "guard: no run web2:99 in the fleet's central history"]);
      const bare = await guard(['show', '--fleet', '6'], {env: a()});
      expect([bare.exitCode, bare.stderr]).toEqual([64, "guard: ID: '6' is not HOST:ID or SOURCE_ID:ID (--fleet names a run by its host or audit log, and its id there)"]);
      const notNumber = await guard(['show', '--fleet', 'web2:x'], {env: a()});
      expect([notNumber.exitCode, notNumber.stderr]).toEqual([64, "guard: ID: 'x' is not a positive integer"]);
    });
  });

  describe('stats --fleet', () => {
    beforeAll(async () => {
      for (const env of [a(), a(), b()]) expect((await guard(['run', '--name', 's-sync', '--', 'true'], {env})).exitCode).toBe(0);
      expect((await guard(['run', '--name', 's-sync', '--', 'false'], {env: b()})).exitCode).toBe(1);
      await plant({source: sources.web3, id: 1, name: 's-sync', started: "now() - interval '1 minute'", status: 'failed'});
      // Two runs of one fleet lock at once: what the fleet lock exists to prevent.
      await plant({source: sources.web2, id: 20, name: 's-report', started: "now() - interval '30 minutes'", ended: "now() - interval '10 minutes'", lock: 'report', epoch: 8});
      await plant({source: sources.web3, id: 21, name: 's-report', started: "now() - interval '20 minutes'", ended: "now() - interval '5 minutes'", lock: 'report', epoch: 7});
      await plant({source: sources.web3, id: 22, name: 's-report', started: "now() - interval '4 minutes'", ended: "now() - interval '3 minutes'", lock: 'report', epoch: 9});
    });

    it('counts a job across hosts: runs, failures, OK%, HOSTS and the LAST HOST', async () => {
      const json = await guard(['stats', '--fleet', '--name', 's-sync', '--json'], {env: a()});
      expect(json.exitCode).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual([
        expect.objectContaining({failures: 2, hosts: 2, last_host: here, last_status: 'failed', name: 's-sync', runs: 5, success_rate: 0.6}),
      ]);
      const table = await guard(['stats', '--fleet', '--name', 's-sync'], {env: a()});
      const [head, row] = lines(table.stdout);
      expect(head).toMatch(/^NAME +RUNS +FAILED +OK% +P50 +P95 +HOSTS +LAST HOST +LAST RUN$/);
      expect(row).toMatch(new RegExp(`^s-sync +5 +2 +60\\.0 +\\S+ +1m00s +2 +${here} +\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
    });

    it('gives one row per job and host with --by-host', async () => {
      const json = await guard(['stats', '--fleet', '--by-host', '--name', 's-sync', '--json'], {env: a()});
      const rows = JSON.parse(json.stdout) as Array<{host: string; runs: number; failures: number}>;
      expect(rows.map((row) => [row.host, row.runs, row.failures])).toEqual([
        [here, 4, 1],
        ['web3', 1, 1],
      ]);
      const table = await guard(['stats', '--fleet', '--by-host', '--name', 's-sync'], {env: a()});
      expect(lines(table.stdout)[0]).toMatch(/^NAME +HOST +RUNS +FAILED +OK% +P50 +P95 +LAST RUN$/);
    });

    it('lists the double runs of a fleet lock with both hosts, ids and epochs, and exits 1', async () => {
      const result = await guard(['stats', '--fleet', '--overlaps', '--name', 's-report'], {env: a()});
      expect(result.exitCode).toBe(1);
      expect(lines(result.stdout)).toEqual([expect.stringMatching(/^fleet lock 'report': web2:20 \(epoch 8, .* to .*\) overlaps web3:21 \(epoch 7, .* to .*\)$/)]);
      const json = await guard(['stats', '--fleet', '--overlaps', '--name', 's-report', '--json'], {env: a()});
      expect(JSON.parse(json.stdout)).toEqual([
        {first: expect.objectContaining({epoch: 8, host: 'web2', id: 20, source_id: sources.web2}), lock: 'report', second: expect.objectContaining({epoch: 7, host: 'web3', id: 21})},
      ]);
    });

    it('exits 0 when no run overlapped, and refuses --overlaps or --by-host without --fleet (64)', async () => {
      const clean = await guard(['stats', '--fleet', '--overlaps', '--name', 's-sync'], {env: a()});
      expect([clean.exitCode, clean.stdout]).toEqual([0, 'no overlapping runs of a fleet lock']);
      // An overlap counts when either run started since --since.
      const since = async (age: string) => (await guard(['stats', '--fleet', '--overlaps', '--name', 's-report', '--since', age], {env: a()})).exitCode;
      expect([await since('10m'), await since('25m')]).toEqual([0, 1]);
      const local = await guard(['stats', '--overlaps'], {env: a()});
      expect([local.exitCode, local.stderr]).toEqual([64, "guard: --overlaps needs --fleet: it reads the fleet's central history"]);
      const both = await guard(['stats', '--fleet', '--overlaps', '--by-host'], {env: a()});
      expect(both.exitCode).toBe(64);
    });
  });

  describe('locks --fleet', () => {
    it('shows a lock held by a live run, and one whose holder vanished in its lock-delay', async () => {
      const marker = `${web.a.dir}/holding`;
      // The run holds its lock until both readings are done.
      const held = gate(web.a.dir, 'l-nightly');
      const running = guard(['run', '--fleet', '--lock', 'l-nightly', '--name', 'l-nightly', '--', 'sh', '-c', `touch ${marker}; ${held.wait}`], {env: a()});
      const {existsSync} = await import('node:fs');
      const deadline = Date.now() + 10_000;
      while (!existsSync(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await cluster.sql(
        "INSERT INTO guard.locks (name, key, epoch, host, pid, since, heartbeat_at, released) VALUES ('l-gone', 77, 12, 'web3', 999, now() - interval '1 minute', now() - interval '2 seconds', false)",
      );
      const json = await guard(['locks', '--fleet', '--json'], {env: b()});
      expect(json.exitCode).toBe(0);
      const locks = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
      expect(locks.find((lock) => lock.name === 'l-nightly')).toMatchObject({backend_alive: true, epoch: 1, host: here, lock_delay_until: null, state: 'held'});
      expect(locks.find((lock) => lock.name === 'l-gone')).toMatchObject({backend_alive: false, epoch: 12, host: 'web3', in_lock_delay: true, pid: 999, state: 'vanished'});
      const table = await guard(['locks', '--fleet'], {env: b()});
      const text = lines(table.stdout);
      expect(text[0]).toMatch(/^NAME +EPOCH +HOST +PID +RUN +SINCE +HEARTBEAT +STATE$/);
      expect(text.find((line) => line.startsWith('l-gone'))).toMatch(/^l-gone +12 +web3 +999 +- +\d\d-\d\d \d\d:\d\d +\d+s ago +vanished: lock-delay until \d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(text.find((line) => line.startsWith('l-nightly'))).toMatch(new RegExp(`^l-nightly +1 +${here} +\\d+ +\\d+ .* held$`));
      held.open();
      expect((await running).exitCode).toBe(0);
      const after = await guard(['locks', '--fleet', '--json'], {env: b()});
      expect((JSON.parse(after.stdout) as Array<{name: string}>).map((lock) => lock.name)).toEqual(['l-gone']);
    });
  });

  describe('verify --fleet', () => {
    it('finds every shipped run equal to its central copy, and counts the rows still queued', async () => {
      const c = box();
      const env = as(c, 'host_a');
      for (let run = 0; run < 2; run++) expect((await guard(['run', '--name', 'v-job', '--', 'true'], {env})).exitCode).toBe(0);
      // PostgreSQL out of reach: the run's row waits in the outbox.
      const queued = await guard(['run', '--name', 'v-job', '--', 'true'], {env: {...c.env, GUARD_FLEET_URL: `postgres://host_a@${encodeURIComponent(`${c.dir}/nowhere`)}:5432/postgres`}});
      expect(queued.exitCode).toBe(0);
      const result = await guard(['verify', '--fleet'], {env});
      expect([result.exitCode, result.stderr]).toEqual([0, '']);
      const id = await sourceOf(env);
      expect(lines(result.stdout)).toEqual([
        expect.stringMatching(/^audit log .*audit\.db: 3 finished runs verify, head [0-9a-f]{64} \(seq 3\)$/),
        `central history of log ${id}: 2 finished runs match their central copies; 1 row not yet shipped`,
      ]);
    });

    it('reports a central copy that differs and a head that was rewritten, one line each, and exits 1', async () => {
      const c = box();
      const env = as(c, 'host_b');
      for (let run = 0; run < 2; run++) expect((await guard(['run', '--name', 'v-other', '--', 'true'], {env})).exitCode).toBe(0);
      const id = await sourceOf(env);
      await cluster.sql(`UPDATE guard.runs SET hash = repeat('e', 64) WHERE source_id = $1 AND local_id = 1`, [id]);
      await cluster.sql(`UPDATE guard.sources SET head_hash = repeat('f', 64) WHERE source_id = $1`, [id]);
      const result = await guard(['verify', '--fleet'], {env});
      expect(result.exitCode).toBe(1);
      expect(lines(result.stdout).slice(1)).toEqual([
        `central history of log ${id}: 1 finished run matches its central copy`,
        expect.stringMatching(/^run 1: the central copy has seq 1, hash eeeeeeeeeeee; the local row has seq 1, hash [0-9a-f]{12}$/),
        expect.stringMatching(/^the central head \(seq 2\) has hash ffffffffffff, the local row of that seq [0-9a-f]{12}: the chain was rewritten$/),
      ]);
      expect(result.stderr).toBe('guard: verify --fleet: 2 differences with the central copy');
    });

    it("reports an overlap of this log's fleet-locked run with another host's", async () => {
      const c = box();
      const env = as(c, 'host_a');
      expect((await guard(['run', '--fleet', '--lock', 'v-lock', '--name', 'v-lock', '--', 'true'], {env})).exitCode).toBe(0);
      const [run] = await cluster.sql<{started: string}>("SELECT started_at::text AS started FROM guard.runs WHERE lock = 'v-lock'");
      await plant({source: sources.web2, id: 30, name: 'v-lock', started: `'${run!.started}'::timestamptz - interval '1 second'`, ended: `'${run!.started}'::timestamptz + interval '1 second'`, lock: 'v-lock', epoch: 1});
      const result = await guard(['verify', '--fleet'], {env});
      expect(result.exitCode).toBe(1);
      expect(lines(result.stdout).at(-1)).toMatch(new RegExp(`^fleet lock 'v-lock': web2:30 \\(epoch 1, .*\\) overlaps ${here}:1 \\(epoch 1, .*\\)$`));
      expect(result.stderr).toBe("guard: verify --fleet: 1 overlap of this log's runs");
    });
  });

  describe('prune --fleet', () => {
    beforeAll(async () => {
      for (const id of [40, 41]) await plant({source: sources.web3, id, name: 'p-old', started: "now() - interval '100 days'"});
      await plant({source: sources.web3, id: 42, name: 'p-old', started: "now() - interval '100 days'", ended: null, status: 'running'});
    });

    it("refuses a host's writer role (77), naming the role, and deletes nothing", async () => {
      const result = await guard(['prune', '--fleet', '--older-than', '90d'], {env: a()});
      expect([result.exitCode, result.stderr]).toEqual([
        77,
        "guard: guard prune --fleet: PostgreSQL role 'host_a' may not delete from guard.runs (permission denied): prune as the admin or a role granted DELETE",
      ]);
      await cluster.sql('GRANT DELETE ON guard.runs TO reader');
      const hidden = await guard(['prune', '--fleet', '--older-than', '90d'], {env: as(web.a, 'reader')});
      expect(hidden.exitCode).toBe(77);
      expect(hidden.stderr).toContain('2 rows are older, but row-level security lets this role delete none of them');
      const [{n}] = await cluster.sql<{n: string}>("SELECT count(*) AS n FROM guard.runs WHERE name = 'p-old'");
      expect(Number(n)).toBe(3);
    });

    it('counts with --dry-run, then deletes the old finished runs as the admin, keeping live ones', async () => {
      const dry = await guard(['prune', '--fleet', '--older-than', '90d', '--dry-run'], {env: admin()});
      expect([dry.exitCode, dry.stdout]).toEqual([0, expect.stringMatching(/^would delete 2 central runs started before \d{4}-.*Z$/)]);
      const done = await guard(['prune', '--fleet', '--older-than', '90d'], {env: admin()});
      expect([done.exitCode, done.stderr]).toEqual([0, '']);
      expect(done.stdout).toMatch(/^deleted 2 central runs started before /);
      const left = await cluster.sql<{local_id: string}>("SELECT local_id FROM guard.runs WHERE name = 'p-old'");
      expect(left.map((row) => Number(row.local_id))).toEqual([42]);
    });

    it('needs --older-than with --fleet (64): no host retention applies to the central history', async () => {
      const result = await guard(['prune', '--fleet'], {env: admin()});
      expect([result.exitCode, result.stderr]).toEqual([64, 'guard: --fleet needs --older-than DUR: guard prune --fleet --older-than 180d [--dry-run]']);
    });
  });

  describe('without a fleet, or with its PostgreSQL down', () => {
    const commands = [
      ['history', '--fleet'],
      ['show', '--fleet', 'web2:1'],
      ['stats', '--fleet'],
      ['locks', '--fleet'],
      ['verify', '--fleet'],
      ['prune', '--fleet', '--older-than', '90d'],
    ];

    it.each(commands)('guard %s %s exits 78 with no fleet configured, in one line', async (...args) => {
      const result = await guard(args, {env: web.a.env});
      expect([result.exitCode, result.stderr]).toEqual([78, `guard: guard ${args[0]} --fleet: no fleet is configured (fleet.url in the system or user policy, or GUARD_FLEET_URL)`]);
    });

    it.each(commands)('guard %s %s exits 69 when PostgreSQL cannot be reached, in one line', async (...args) => {
      const nowhere = `${web.a.dir}/no-server`;
      const result = await guard(args, {env: {...web.a.env, GUARD_FLEET_URL: `postgres://host_a@${encodeURIComponent(nowhere)}:5432/postgres`}});
      expect(result.exitCode).toBe(69);
      expect(result.stderr).toBe(`guard: guard ${args[0]} --fleet: postgres://host_a@${encodeURIComponent(nowhere)}:5432/postgres: cannot connect to ${nowhere}/.s.PGSQL.5432: no such socket (is PostgreSQL running there?) (ENOENT)`);
    });
  });
});
