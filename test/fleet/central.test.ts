import {copyFileSync, mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {centralRows, type FleetHost, fleetHost} from '../helpers/fleet-host.js';
import {guard, sandbox} from '../helpers/guard.js';
import {type Cluster, fleetSuite, startCluster} from '../helpers/pg-cluster.js';

fleetSuite('who may write the central history, and what it shows', () => {
  let cluster: Cluster;
  const hosts: FleetHost[] = [];
  const clients: postgres.Sql[] = [];
  const newHost = (role: string) => {
    const host = fleetHost(cluster.url(role));
    hosts.push(host);
    return host;
  };

  const as = (role: string) => {
    const client = postgres({...cluster.connectOptions(role), max: 1, onnotice: () => {}});
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end({timeout: 0})));
    for (const host of hosts) host.remove();
  });

  it('creates the central schema with fleet init, and the roles hosts and readers log in as', async () => {
    const box = sandbox();
    try {
      const result = await guard(['fleet', 'init'], {env: {...box.env, GUARD_FLEET_URL: cluster.url()}});
      expect([result.exitCode, result.stdout]).toEqual([0, `created the central schema 'guard' (version 1) at ${cluster.url()}`]);
    } finally {
      box.remove();
    }

    await cluster.sql('CREATE ROLE h1 LOGIN IN ROLE guard_writer');
    await cluster.sql('CREATE ROLE h2 LOGIN IN ROLE guard_writer');
    await cluster.sql('CREATE ROLE dashboard LOGIN IN ROLE guard_reader');
  });

  it("lets a host's role take the fleet lock and ship its own rows, and no other host's role change or delete them", async () => {
    const h1 = newHost('h1');
    const ran = await h1.run(['run', '--lock', 'shared', '--', 'sh', '-c', 'echo $GUARD_LOCK_SCOPE']);
    expect([ran.exitCode, ran.stdout, ran.stderr]).toEqual([0, 'fleet', '']);
    const source = await h1.sourceId();
    expect(await centralRows(cluster, source)).toEqual([expect.objectContaining({lock_scope: 'fleet', revision: 3, status: 'succeeded'})]);
    expect(await cluster.sql('SELECT DISTINCT writer::text FROM guard.runs WHERE source_id = $1::uuid', [source])).toEqual([{writer: 'h1'}]);

    const h2 = as('h2');
    expect(await h2`SELECT count(*)::int AS n FROM guard.runs WHERE source_id = ${source}::uuid`).toEqual([{n: 1}]);
    const changed = await h2`UPDATE guard.runs SET status = 'failed' WHERE source_id = ${source}::uuid`;
    expect(changed.count).toBe(0);
    await expect(h2`DELETE FROM guard.runs WHERE source_id = ${source}::uuid`).rejects.toMatchObject({code: '42501', message: 'permission denied for table runs'});
    await expect(h2`INSERT INTO guard.runs (source_id, local_id, revision, writer, name, command, argv, cwd, "user", host, pid, started_at, status, attempt, guard_version)
      VALUES (${source}::uuid, 99, 3, 'h1', 'forged', 'true', '[]', '/', 'root', 'elsewhere', 1, now(), 'succeeded', 1, '0')`).rejects.toMatchObject({code: '42501'});
    await expect(h2`UPDATE guard.sources SET head_hash = 'forged' WHERE source_id = ${source}::uuid`).resolves.toHaveProperty('count', 0);
    expect(await centralRows(cluster, source)).toEqual([expect.objectContaining({revision: 3, status: 'succeeded'})]);
  });

  it("refuses a second host's guard that ships under the first host's source id (a cloned log): the rows stay queued", async () => {
    const h1 = newHost('h1');
    expect((await h1.run(['run', '--', 'true'])).exitCode).toBe(0);
    const source = await h1.sourceId();
    const clone = newHost('h2');
    mkdirSync(dirname(clone.db), {recursive: true});
    copyFileSync(h1.db, clone.db);
    expect(await clone.sourceId()).toBe(source);

    const run = await clone.run(['run', '--', 'sh', '-c', 'exit 5']);
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toMatch(/guard: fleet history.*row-level security.*`guard fleet sync`/);
    const sync = await clone.run(['fleet', 'sync']);
    expect(sync.exitCode).toBe(69);
    expect(sync.stderr).toMatch(/^guard: guard fleet sync: .*row-level security.*; 1 run rows stay queued$/);
    expect(await centralRows(cluster, source)).toEqual([expect.objectContaining({local_id: 1, revision: 3, status: 'succeeded'})]);
  });

  it('lets a reader read the history and write nothing', async () => {
    const reader = as('dashboard');
    const [{n}] = (await reader`SELECT count(*)::int AS n FROM guard.runs`) as unknown as [{n: number}];
    expect(n).toBeGreaterThan(0);
    await expect(reader`INSERT INTO guard.locks (name, key, epoch) VALUES ('mine', 42, 1)`).rejects.toMatchObject({code: '42501', message: 'permission denied for table locks'});
    await expect(reader`UPDATE guard.runs SET status = 'failed'`).rejects.toMatchObject({code: '42501', message: 'permission denied for table runs'});
    await expect(reader`DELETE FROM guard.runs`).rejects.toMatchObject({code: '42501'});
  });

  it('finds two runs of one fleet lock whose times intersect with stats --fleet --overlaps (exit 1), with both epochs, and none before the plant', async () => {
    const [a, b] = [newHost('h1'), newHost('h2')];
    for (const host of [a, b]) expect((await host.run(['run', '--lock', 'planted', '--', 'true'])).exitCode).toBe(0);
    const overlaps = () => a.run(['stats', '--fleet', '--overlaps', '--json']);
    const none = await overlaps();
    expect([none.exitCode, JSON.parse(String(none.stdout))]).toEqual([0, []]);
    // The second run planted as if it had started while the first still ran.
    const [aSource, bSource] = [await a.sourceId(), await b.sourceId()];
    await cluster.sql(
      `UPDATE guard.runs b SET started_at = a.started_at + interval '1 millisecond', ended_at = a.ended_at + interval '1 second'
       FROM guard.runs a WHERE a.source_id = $1::uuid AND a.lock = 'planted' AND b.source_id = $2::uuid AND b.lock = 'planted'`,
      [aSource, bSource],
    );
    const found = await overlaps();
    expect(found.exitCode, `${String(found.stdout)}\n${String(found.stderr)}`).toBe(1);
    const [overlap, ...more] = JSON.parse(String(found.stdout)) as Array<{lock: string; first: {epoch: number}; second: {epoch: number}}>;
    expect(more).toEqual([]);
    expect(overlap).toMatchObject({first: {epoch: 1}, lock: 'planted', second: {epoch: 2}});
    const human = await a.run(['stats', '--fleet', '--overlaps']);
    expect(human.exitCode).toBe(1);
    expect(human.stdout).toContain('planted');
  });

  it('detects with verify --fleet a shipped local row changed after the fact', async () => {
    const host = newHost('h1');
    expect((await host.run(['run', '--', 'sh', '-c', 'exit 2'])).exitCode).toBe(2);
    const clean = await host.run(['verify', '--fleet']);
    expect(clean.exitCode, String(clean.stderr)).toBe(0);
    expect(clean.stdout).toContain('1 finished run matches its central copy');
    const [row] = await host.history();
    const db = new Database(host.db);
    try {
      db.prepare('UPDATE runs SET status = ?, exit_code = 0 WHERE id = ?').run('succeeded', row!.id);
    } finally {
      db.close();
    }

    const tampered = await host.run(['verify', '--fleet']);
    expect(tampered.exitCode).toBe(1);
    expect(tampered.stderr).toContain('guard: verify --fleet: the local chain is broken');
    expect(await centralRows(cluster, await host.sourceId())).toEqual([expect.objectContaining({exit_code: 2, status: 'failed'})]);
  });
});
