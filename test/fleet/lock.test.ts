import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';
import {advisoryHolders, centralRows, type FleetFields, type FleetHost, fleetHost, holderBackend, lockRow, machine, until} from '../helpers/fleet-host.js';
import {gate} from '../helpers/gate.js';
import {type Cluster, fleetSuite, startCluster} from '../helpers/pg-cluster.js';
import {isRunning} from '../helpers/processes.js';

fleetSuite('the fleet lock across two hosts', () => {
  let cluster: Cluster;
  const hosts: FleetHost[] = [];
  const newHost = (fields: FleetFields = {}) => {
    const host = fleetHost(cluster.url(), fields);
    hosts.push(host);
    return host;
  };

  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(() => {
    for (const host of hosts) host.remove();
  });

  it('prints the central schema with fleet init --print and touches nothing', async () => {
    const box = sandbox();
    try {
      const result = await guard(['fleet', 'init', '--print'], {env: {...box.env, GUARD_FLEET_URL: cluster.url()}});
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('CREATE SCHEMA IF NOT EXISTS guard;');
      expect(result.stdout).toContain('CREATE TABLE IF NOT EXISTS guard.runs (');
      expect(result.stdout).toContain('CREATE POLICY runs_update ON guard.runs FOR UPDATE TO guard_writer USING (writer = current_user)');
      expect(await cluster.sql("SELECT nspname FROM pg_namespace WHERE nspname = 'guard'")).toEqual([]);
      expect(await cluster.sql("SELECT rolname FROM pg_roles WHERE rolname LIKE 'guard\\_%' AND rolname <> 'guard_admin'")).toEqual([]);
    } finally {
      box.remove();
    }
  });

  it('creates the central schema with fleet init, and a second init only checks it', async () => {
    const box = sandbox();
    try {
      const env = {...box.env, GUARD_FLEET_URL: cluster.url()};
      const first = await guard(['fleet', 'init'], {env});
      expect([first.exitCode, first.stdout, first.stderr]).toEqual([0, `created the central schema 'guard' (version 1) at ${cluster.url()}`, '']);
      const tables = async () => (await cluster.sql<{t: string}>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'guard' ORDER BY 1")).map((row) => row.t);
      expect(await tables()).toEqual(['locks', 'meta', 'runs', 'sources']);
      const second = await guard(['fleet', 'init'], {env});
      expect([second.exitCode, second.stdout, second.stderr]).toEqual([0, `checked the central schema 'guard' (version 1) at ${cluster.url()}`, '']);
      expect(await tables()).toEqual(['locks', 'meta', 'runs', 'sources']);
      expect(await cluster.sql("SELECT value FROM guard.meta WHERE key = 'schema_version'")).toEqual([{value: '1'}]);
      const roles = await cluster.sql<{rolname: string}>("SELECT rolname FROM pg_roles WHERE rolname IN ('guard_writer', 'guard_reader') ORDER BY 1");
      expect(roles.map((row) => row.rolname)).toEqual(['guard_reader', 'guard_writer']);
    } finally {
      box.remove();
    }
  });

  it('says in fleet status that the server answers, its schema version, the queue and the pooling', async () => {
    const host = newHost();
    const ran = await host.run(['run', '--', 'true']);
    expect(ran.exitCode).toBe(0);
    const human = await host.run(['fleet', 'status']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/^server\s+reachable, PostgreSQL \d+/m);
    expect(human.stdout).toMatch(/^schema\s+guard, version 1$/m);
    expect(human.stdout).toMatch(/^queued\s+nothing$/m);
    expect(human.stdout).toMatch(/^pooling\s+one backend across transactions \(direct or session pooling\)$/m);
    const json = JSON.parse(String((await host.run(['fleet', 'status', '--json'])).stdout)) as {source_id: string};
    expect(json).toMatchObject({queued: 0, reachable: true, same_backend: true, schema: 'guard', schema_problem: null, schema_version: 1});
    const [local] = await host.history();
    expect(await centralRows(cluster, json.source_id)).toEqual([expect.objectContaining({local_id: local!.id, revision: 3, status: 'succeeded', lock_scope: null})]);
  });

  it('lets exactly one of two hosts run a job both start at the same instant; the other exits 75 naming the holder', async () => {
    const [a, b] = [newHost(), newHost()];
    // The winner holds the lock until the other has been refused: however late the other starts, it meets the holder.
    const held = gate(a.dir, 'nightly');
    const command = ['run', '--lock', 'nightly', '--', 'sh', '-c', `echo "$GUARD_LOCK_SCOPE $GUARD_LOCK_EPOCH"; ${held.wait}`];
    const runs = [a.run(command), b.run(command)];
    // Two winners would both wait at the gate: 15 s on, it opens anyway and the statuses show them.
    let ended = false;
    for (const run of runs) void run.then(() => (ended = true));
    await until('one of the two guards to end', () => ended, 15_000).catch(() => {});
    held.open();
    const results = await Promise.all(runs);
    const winner = results.findIndex((result) => result.exitCode === 0);
    expect(results.map((result) => result.exitCode).sort()).toEqual([0, 75]);
    const [won, lost] = [results[winner]!, results[1 - winner]!];
    const [winnerHost, loserHost] = winner === 0 ? [a, b] : [b, a];
    const epoch = (await lockRow(cluster, 'nightly'))!.epoch;
    expect(won.stdout).toBe(`fleet ${epoch}`);
    expect(lost.stdout).toBe('');
    expect(lost.stderr).toContain(`guard: fleet lock 'nightly' is held by ${machine} (pid ${runs[winner]!.pid}, epoch ${epoch}, since `);

    const [winnerRow] = await winnerHost.history();
    const [loserRow] = await loserHost.history();
    expect(winnerRow).toMatchObject({lock: 'nightly', lock_epoch: epoch, lock_scope: 'fleet', status: 'succeeded'});
    expect(loserRow).toMatchObject({exit_code: 75, lock: 'nightly', lock_scope: 'fleet', status: 'lock_busy'});
    expect(await centralRows(cluster, await winnerHost.sourceId())).toEqual([expect.objectContaining({lock_epoch: epoch, lock_scope: 'fleet', revision: 3, status: 'succeeded'})]);
    expect(await centralRows(cluster, await loserHost.sourceId())).toEqual([expect.objectContaining({exit_code: 75, lock_scope: 'fleet', revision: 3, status: 'lock_busy'})]);
    expect(await lockRow(cluster, 'nightly')).toMatchObject({released: true});
    expect(await advisoryHolders(cluster, 'nightly')).toEqual([]);
  });

  it('keeps the fleet lock while the command of a guard killed with -9 lives, and frees it when the command ends', async () => {
    const [a, b] = [newHost(), newHost()];
    const marker = join(a.dir, 'started');
    // The command lives until the test lets it go, however slowly the other host starts: with a
    // fixed sleep, a loaded machine let it end before that host asked, and the lock was free.
    const held = gate(a.dir, 'orphaned');
    const started = a.run(['run', '--lock', 'orphaned', '--', 'sh', '-c', `echo $$ > ${marker}; ${held.wait}`]);
    const backend = await holderBackend(cluster, 'orphaned');
    const commandPid = await until('the command to start', () => {
      try {
        return Number(readFileSync(marker, 'utf8').trim()) || undefined;
      } catch {
        return undefined;
      }
    });
    const before = (await lockRow(cluster, 'orphaned'))!.epoch;
    const aSource = await a.sourceId();
    await until('the running row to ship', async () => (await centralRows(cluster, aSource))[0]?.status === 'running');
    started.kill('SIGKILL');
    await started;
    expect(isRunning(commandPid)).toBe(true);
    expect(await advisoryHolders(cluster, 'orphaned')).toEqual([backend]);

    const refused = await b.run(['run', '--lock', 'orphaned', '--', 'true']);
    expect(refused.exitCode).toBe(75);
    expect(refused.stderr).toContain(`fleet lock 'orphaned' is held by ${machine} (pid ${started.pid}, epoch ${before}`);
    expect((await b.history())[0]).toMatchObject({lock_scope: 'fleet', status: 'lock_busy'});

    held.open();
    await until('the orphaned command to end', () => !isRunning(commandPid), 10_000);
    await until('the advisory lock to be freed', async () => (await advisoryHolders(cluster, 'orphaned')).length === 0, 2000);
    // The killed holder never released its row: the next holder waits out lockDelay after its last heartbeat.
    const taken = await b.run(['run', '--lock', 'orphaned', '--lock-wait', '10s', '--', 'sh', '-c', 'echo $GUARD_LOCK_EPOCH']);
    expect([taken.exitCode, taken.stdout]).toEqual([0, String(before + 1)]);
    expect((await b.history())[0]).toMatchObject({lock_epoch: before + 1, lock_scope: 'fleet', status: 'succeeded'});
    const central = await centralRows(cluster, await b.sourceId());
    expect(central.map((row) => [row.status, row.lock_epoch])).toEqual([
      ['lock_busy', null],
      ['succeeded', before + 1],
    ]);
    // The killed guard's own row is still running locally, and centrally as it last shipped it.
    expect((await a.history())[0]).toMatchObject({lock_epoch: before, status: 'running'});
    expect(await centralRows(cluster, aSource)).toEqual([expect.objectContaining({lock_epoch: before, revision: 2, status: 'running'})]);
  });

  it('holds a second host off during the lock-delay of a holder that vanished, naming it', async () => {
    const [a, b] = [newHost(), newHost()];
    // The host that asks goes by its own lockDelay: a long one keeps this test clear of a slow start.
    b.policy(cluster.url(), {lockDelay: '20s'});
    // The command outlives its guard until the test lets it go, then frees the advisory lock.
    const held = gate(a.dir, 'delayed');
    const started = a.run(['run', '--lock', 'delayed', '--', 'sh', '-c', held.wait]);
    await holderBackend(cluster, 'delayed');
    started.kill('SIGKILL');
    await started;
    held.open();
    await until('the advisory lock to be freed', async () => (await advisoryHolders(cluster, 'delayed')).length === 0, 5000);
    const refused = await b.run(['run', '--lock', 'delayed', '--', 'true']);
    expect(refused.exitCode).toBe(75);
    expect(refused.stderr).toContain(`fleet lock 'delayed' is in its lock-delay (20 s): its last holder stopped answering without releasing it: ${machine} (pid ${started.pid}, epoch 1`);
    expect(await advisoryHolders(cluster, 'delayed')).toEqual([]);
  });

  it('stops a run whose heartbeat finds the lock row no longer its session (75, lock_lost)', async () => {
    const host = newHost();
    const run = host.run(['run', '--lock', 'taken-over', '--', 'sleep', '20']);
    await holderBackend(cluster, 'taken-over');
    await cluster.sql("UPDATE guard.locks SET backend_pid = 0 WHERE name = 'taken-over'");
    const result = await run;
    expect(result.exitCode).toBe(75);
    expect(result.stderr).toContain("guard: fleet lock 'taken-over' lost: the lock session is no longer its holder");
    expect(result.stderr).toContain('stopping the command');
    const [row] = await host.history();
    expect(row).toMatchObject({exit_code: 75, lock_scope: 'fleet', signal: 'SIGTERM', status: 'lock_lost'});
    expect(row!.notes.join('\n')).toContain('fleet lock lost: the lock session is no longer its holder');
    const central = await until('the lost run to ship', async () => {
      const rows = await centralRows(cluster, await host.sourceId());
      return rows[0]?.revision === 3 ? rows : undefined;
    });
    expect(central).toEqual([expect.objectContaining({exit_code: 75, lock_scope: 'fleet', status: 'lock_lost'})]);
  });

  it('lets exactly one of twenty guards on two hosts run, started together, round after round', async () => {
    // Twenty guards starting at once on two busy cores may take longer than 2 s to connect: that would be a 69, not a race lost.
    const [a, b] = [newHost({connectTimeout: '15s'}), newHost({connectTimeout: '15s'})];
    const epochs = join(a.dir, 'epochs');
    // Each round starts twenty node processes (5-8 s on two busy cores): three rounds keep the
    // fleet files under two minutes; GUARD_TEST_FLEET_ROUNDS=10 runs the full ten.
    const rounds = Number(process.env.GUARD_TEST_FLEET_ROUNDS ?? 3);
    for (let round = 1; round <= rounds; round++) {
      // The winner holds the lock until every loser has been refused, so a slow start cannot make a second winner.
      const held = gate(a.dir, `round-${round}`);
      const command = ['run', '--lock', 'race', '--', 'sh', '-c', `echo $GUARD_LOCK_EPOCH >> ${epochs}; ${held.wait}`];
      const runs = Array.from({length: 20}, (_, index) => (index % 2 === 0 ? a : b).run(command));
      let ended = 0;
      for (const run of runs) void run.then(() => ended++);
      await until(`nineteen guards of round ${round} to end`, () => ended >= 19, 15_000).catch(() => {});
      held.open();
      const results = await Promise.all(runs);
      const odd = results.filter((result) => result.exitCode !== 0 && result.exitCode !== 75).map((result) => `${result.exitCode}: ${result.stderr}`);
      expect(odd, `round ${round}`).toEqual([]);
      expect(results.filter((result) => result.exitCode === 0), `round ${round}`).toHaveLength(1);
    }

    const seen = readFileSync(epochs, 'utf8').trim().split('\n').map(Number);
    expect(seen).toHaveLength(rounds);
    expect(seen).toEqual(seen.map((_, index) => seen[0]! + index));
    const central = await cluster.sql<{status: string; n: number}>("SELECT status, count(*)::int AS n FROM guard.runs WHERE lock = 'race' GROUP BY status ORDER BY status");
    expect(central).toEqual([
      {n: 19 * rounds, status: 'lock_busy'},
      {n: rounds, status: 'succeeded'},
    ]);
    const local = [...(await a.history()), ...(await b.history())];
    expect(local.filter((row) => row.status === 'succeeded').map((row) => row.lock_epoch).sort((x, y) => x! - y!)).toEqual(seen);
    expect(local.filter((row) => row.status === 'lock_busy')).toHaveLength(19 * rounds);
    expect(await advisoryHolders(cluster, 'race')).toEqual([]);
  }, 120_000);
});
