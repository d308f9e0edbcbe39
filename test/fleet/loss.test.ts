import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {advisoryHolders, centralRows, type FleetHost, fleetHost, holderBackend, lockRow, machine, until} from '../helpers/fleet-host.js';
import {gate} from '../helpers/gate.js';
import {guard, sandbox} from '../helpers/guard.js';
import {type Cluster, fleetSuite, startCluster} from '../helpers/pg-cluster.js';

fleetSuite('a fleet lock lost mid-run', () => {
  let cluster: Cluster;
  const hosts: FleetHost[] = [];
  const newHost = (fields = {}) => {
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

  it('creates the central schema with fleet init', async () => {
    const box = sandbox();
    try {
      const result = await guard(['fleet', 'init'], {env: {...box.env, GUARD_FLEET_URL: cluster.url()}});
      expect([result.exitCode, result.stdout]).toEqual([0, `created the central schema 'guard' (version 1) at ${cluster.url()}`]);
    } finally {
      box.remove();
    }
  });

  it('stops the command when the lock session is terminated (75, lock_lost), and the row ships', async () => {
    const host = newHost();
    const run = host.run(['run', '--lock', 'terminated', '--', 'sleep', '20']);
    const backend = await holderBackend(cluster, 'terminated');
    expect(await advisoryHolders(cluster, 'terminated')).toEqual([backend]);
    expect(await cluster.terminate(backend)).toBe(true);
    const result = await run;
    expect(result.exitCode, String(result.stderr)).toBe(75);
    expect(result.stderr).toContain("guard: fleet lock 'terminated' lost: the connection to PostgreSQL closed; stopping the command");
    const [row] = await host.history();
    expect(row).toMatchObject({exit_code: 75, lock_epoch: 1, lock_scope: 'fleet', signal: 'SIGTERM', status: 'lock_lost'});
    expect(row!.notes).toContain('fleet lock lost: the connection to PostgreSQL closed; the command was stopped');
    expect(await advisoryHolders(cluster, 'terminated')).toEqual([]);
    const central = await until('the lost run to ship', async () => {
      const rows = await centralRows(cluster, await host.sourceId());
      return rows[0]?.revision === 3 ? rows : undefined;
    });
    expect(central).toEqual([expect.objectContaining({exit_code: 75, lock_epoch: 1, lock_scope: 'fleet', status: 'lock_lost'})]);
  });

  it('lets the command run to its end with onLost: continue, its own status, and a note', async () => {
    // Deadlines far longer than anything here takes: a guard that waited on one of the dead
    // session's (its release, its last heartbeat) would take at least this long to end.
    const deadline = 20_000;
    const host = newHost({connectTimeout: '20s', onLost: 'continue', shipTimeout: '20s'});
    const held = gate(host.dir, 'continued');
    // guard's stderr is kept in a file as well, so the test sees the loss noticed while the command still waits.
    const stderr = join(host.dir, 'continued.stderr');
    const run = host.run(['run', '--lock', 'continued', '--', 'sh', '-c', `${held.wait}; exit 3`], {stderr: ['pipe', {file: stderr}]});
    await cluster.terminate(await holderBackend(cluster, 'continued'));
    await until('guard to say the command runs on', () => existsSync(stderr) && readFileSync(stderr, 'utf8').includes('the command runs on'));
    held.open();
    const opened = Date.now();
    const result = await run;
    expect(Date.now() - opened).toBeLessThan(deadline);
    expect(result.exitCode, String(result.stderr)).toBe(3);
    expect(result.stderr).toContain("guard: fleet lock 'continued' lost: the connection to PostgreSQL closed; the command runs on (fleet.onLost: continue)");
    const [row] = await host.history();
    expect(row).toMatchObject({exit_code: 3, lock_scope: 'fleet', signal: null, status: 'failed'});
    expect(row!.notes).toContain('fleet lock lost: the connection to PostgreSQL closed; the command ran on (fleet.onLost: continue)');
    const central = await until('the run to ship', async () => {
      const rows = await centralRows(cluster, await host.sourceId());
      return rows[0]?.revision === 3 ? rows : undefined;
    });
    expect(central[0]).toMatchObject({exit_code: 3, status: 'failed'});
    expect(central[0]!.notes).toEqual(row!.notes);
  });

  it('takes the lock again on a new session with monitorRetry, and the command runs on', async () => {
    const host = newHost({monitorRetry: 2});
    // The command runs on until the test has seen the lock taken again.
    const held = gate(host.dir, 'retaken');
    const run = host.run(['run', '--lock', 'retaken', '--', 'sh', '-c', `${held.wait}; echo $GUARD_LOCK_EPOCH`]);
    const first = await holderBackend(cluster, 'retaken');
    await cluster.terminate(first);
    const second = await until('a new session to hold the lock', async () => {
      const row = await lockRow(cluster, 'retaken');
      return row && row.epoch === 2 && row.backend_pid !== first ? row.backend_pid! : undefined;
    });
    expect(await advisoryHolders(cluster, 'retaken')).toEqual([second]);
    held.open();
    const result = await run;
    expect([result.exitCode, result.stdout]).toEqual([0, '1']);
    expect(result.stderr).not.toContain('lost:');
    const [row] = await host.history();
    expect(row).toMatchObject({exit_code: 0, lock_scope: 'fleet', status: 'succeeded'});
    expect(row!.notes.join('\n')).toMatch(/fleet lock 'retaken' lost \(the connection to PostgreSQL closed\) and taken again: epoch 1 → 2; the command's GUARD_LOCK_EPOCH is the old one/);
    expect(await lockRow(cluster, 'retaken')).toMatchObject({epoch: 2, released: true});
    expect(await advisoryHolders(cluster, 'retaken')).toEqual([]);
  });

  it('loses the lock when its backend freezes (a partition): the heartbeat deadline stops the command', async () => {
    const host = newHost();
    const run = host.run(['run', '--lock', 'frozen', '--', 'sleep', '20']);
    const backend = await holderBackend(cluster, 'frozen');
    await cluster.freeze(backend);
    try {
      const result = await run;
      expect(result.exitCode, String(result.stderr)).toBe(75);
      expect(result.stderr).toMatch(/guard: fleet lock 'frozen' lost: (no heartbeat succeeded for [\d.]+ s \((fleet\.)?lostAfter 1\.2 s\)|PostgreSQL did not answer the heartbeat within [\d.]+ s); stopping the command/);
      expect((await host.history())[0]).toMatchObject({exit_code: 75, lock_scope: 'fleet', signal: 'SIGTERM', status: 'lock_lost'});
    } finally {
      await cluster.thaw(backend);
    }

    // guard closed its socket: once thawed, the backend sees it and the advisory lock goes.
    await until('the frozen session to end', async () => (await advisoryHolders(cluster, 'frozen')).length === 0);
    const central = await until('the lost run to ship', async () => {
      const synced = await host.run(['fleet', 'sync']);
      const rows = await centralRows(cluster, await host.sourceId());
      return rows[0]?.revision === 3 ? {rows, synced} : undefined;
    });
    expect(central.rows).toEqual([expect.objectContaining({exit_code: 75, lock_scope: 'fleet', status: 'lock_lost'})]);
  });

  it('stops every run whose lock session ends at any moment after the lock was taken, even before its command started', async () => {
    // Sixteen at once widen the moments between taking the lock and starting the command; a busy heartbeat puts a statement in flight at many others.
    const host = newHost({connectTimeout: '15s', heartbeat: '50ms'});
    const runs = Array.from({length: 16}, async (_, index) => {
      const name = `early-${index}`;
      const run = host.run(['run', '--lock', name, '--', 'sleep', '20']);
      const backend = await holderBackend(cluster, name, 20_000);
      await new Promise((resolve) => setTimeout(resolve, (index % 8) * 50));
      await cluster.terminate(backend);
      const result = await run;
      return {exitCode: result.exitCode, name, stderr: String(result.stderr)};
    });
    const results = await Promise.all(runs);
    for (const result of results) expect(result.exitCode, `${result.name}: ${result.stderr}`).toBe(75);
    const rows = await host.history();
    expect(rows.map((row) => row.status)).toEqual(Array.from({length: 16}, () => 'lock_lost'));
  });

  // Last in this file: it restarts the server under every session.
  it('stops the command when PostgreSQL restarts; another host waits out the lock-delay, then gets epoch + 1', async () => {
    const [a, b] = [newHost(), newHost({lockDelay: '6s'})];
    const run = a.run(['run', '--lock', 'restarted', '--', 'sleep', '20']);
    await holderBackend(cluster, 'restarted');
    const epoch = (await lockRow(cluster, 'restarted'))!.epoch;
    await cluster.restart();
    const result = await run;
    expect(result.exitCode, String(result.stderr)).toBe(75);
    expect(result.stderr).toContain("guard: fleet lock 'restarted' lost: the connection to PostgreSQL closed; stopping the command");
    expect((await a.history())[0]).toMatchObject({exit_code: 75, lock_epoch: epoch, status: 'lock_lost'});
    expect(await advisoryHolders(cluster, 'restarted')).toEqual([]);

    const [{last}] = (await cluster.sql<{last: string}>("SELECT heartbeat_at::text AS last FROM guard.locks WHERE name = 'restarted'")) as [{last: string}];
    const refused = await b.run(['run', '--lock', 'restarted', '--', 'true']);
    expect(refused.exitCode).toBe(75);
    expect(refused.stderr).toContain(`guard: fleet lock 'restarted' is in its lock-delay (6 s): its last holder stopped answering without releasing it: ${machine} (pid ${run.pid}, epoch ${epoch}`);
    const taken = await b.run(['run', '--lock', 'restarted', '--lock-wait', '15s', '--', 'sh', '-c', 'echo $GUARD_LOCK_EPOCH']);
    expect([taken.exitCode, taken.stdout]).toEqual([0, String(epoch + 1)]);
    const [held] = await cluster.sql<{waited: boolean}>("SELECT since >= $1::timestamptz + interval '6 seconds' AS waited FROM guard.locks WHERE name = 'restarted'", [last]);
    expect(held).toEqual({waited: true});
    expect((await b.history()).map((row) => [row.status, row.lock_epoch])).toEqual([
      ['succeeded', epoch + 1],
      ['lock_busy', null],
    ]);

    // The holder's end could not ship on its dead session; the next sync sends it.
    const synced = await a.run(['fleet', 'sync']);
    expect(synced.exitCode).toBe(0);
    expect(await centralRows(cluster, await a.sourceId())).toEqual([expect.objectContaining({exit_code: 75, lock_epoch: epoch, revision: 3, status: 'lock_lost'})]);
  });
});
