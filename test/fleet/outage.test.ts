import {existsSync} from 'node:fs';
import {createServer, type AddressInfo} from 'node:net';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {centralRows, type FleetHost, fleetHost, initFleet, until} from '../helpers/fleet-host.js';
import {gate} from '../helpers/gate.js';
import {guard, sandbox} from '../helpers/guard.js';
import {type Cluster, fleetSuite, startCluster} from '../helpers/pg-cluster.js';

fleetSuite('the fleet when PostgreSQL is away', () => {
  let cluster: Cluster;
  const hosts: FleetHost[] = [];
  const newHost = (url: string, fields = {}) => {
    const host = fleetHost(url, fields);
    hosts.push(host);
    return host;
  };

  // A socket folder that does not exist: nothing listens there.
  const nowhere = 'postgres://guard_admin@%2Ftmp%2Fguard-no-such-server:5432/postgres';
  const queued = async (host: FleetHost) => {
    const status = await host.run(['fleet', 'status', '--json']);
    return {exitCode: status.exitCode, ...(JSON.parse(String(status.stdout)) as {queued: number; reachable: boolean; error: string | null})};
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

  it('says fleet init, status and sync cannot reach the server (69)', async () => {
    const host = newHost(nowhere);
    const init = await host.run(['fleet', 'init']);
    expect([init.exitCode, init.stderr]).toEqual([69, `guard: guard fleet init: ${nowhere}: cannot connect to /tmp/guard-no-such-server/.s.PGSQL.5432: no such socket (is PostgreSQL running there?) (ENOENT)`]);
    const status = await host.run(['fleet', 'status']);
    expect(status.exitCode).toBe(69);
    expect(status.stdout).toMatch(/^server\s+UNREACHABLE: .*no such socket \(is PostgreSQL running there\?\) \(ENOENT\)$/m);
    expect(status.stdout).toMatch(/^pooling\s+-$/m);
    expect(await host.run(['run', '--', 'true'])).toMatchObject({exitCode: 0});
    const sync = await host.run(['fleet', 'sync']);
    expect(sync.exitCode).toBe(69);
    expect(sync.stderr).toMatch(/^guard: guard fleet sync: .*no such socket .*; 1 run rows stay queued$/);
  });

  it('takes a connection reset as soon as it is made (a server going down) for the server being unavailable (69), never an internal error', async () => {
    // What a server going down does to the connections it had not yet accepted. Each of the
    // five runs resets right after guard has connected, before the client has a listener on
    // the socket: with none of guard's, the reset ended guard as an internal error (70).
    const server = createServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const host = newHost(`postgres://guard_admin@127.0.0.1:${(server.address() as AddressInfo).port}/postgres`);
      for (let i = 0; i < 5; i++) {
        const result = await host.run(['run', '--lock', 'nightly', '--', 'true']);
        expect([result.exitCode, String(result.stderr)]).toEqual([69, expect.stringContaining("guard: the fleet's PostgreSQL is unavailable (")]);
      }
    } finally {
      server.close();
    }
  });

  it('skips a locked run when the server is down (69, lock_unavailable), even with --conflict-exit-code 0, and queues its row', async () => {
    const host = newHost(nowhere);
    const marker = join(host.dir, 'ran');
    const result = await host.run(['run', '--lock', 'nightly', '--conflict-exit-code', '0', '--', 'touch', marker]);
    expect(result.exitCode).toBe(69);
    expect(result.stderr).toContain("guard: the fleet's PostgreSQL is unavailable (");
    expect(result.stderr).toContain(`; nothing was run (fleet.onUnavailable: skip in ${join(host.dir, 'config/guard/policy.yaml')})`);
    expect(existsSync(marker)).toBe(false);
    expect((await host.history())[0]).toMatchObject({exit_code: 69, lock: 'nightly', lock_scope: 'fleet', status: 'lock_unavailable'});
    expect(await queued(host)).toMatchObject({exitCode: 69, queued: 1, reachable: false});
  });

  it('runs under the host lock alone with onUnavailable: local, saying so in the row; sync later ships both, and never an older revision over a newer', async () => {
    const host = newHost(nowhere, {onUnavailable: 'local'});
    const skipped = newHost(nowhere);
    await skipped.run(['run', '--lock', 'nightly', '--', 'true']);
    const result = await host.run(['run', '--lock', 'nightly', '--', 'sh', '-c', 'echo "$GUARD_LOCK_SCOPE $GUARD_LOCK_EPOCH"']);
    expect([result.exitCode, result.stdout]).toEqual([0, 'host 1']);
    expect(result.stderr).toContain(": ran under the host lock alone (fleet.onUnavailable: local in ");
    const [row] = await host.history();
    expect(row).toMatchObject({exit_code: 0, lock_epoch: 1, lock_scope: 'host', status: 'succeeded'});
    expect(row!.notes.join('\n')).toContain('ran under the host lock alone (fleet.onUnavailable: local');
    expect(await queued(host)).toMatchObject({queued: 1});

    // The server comes back: point both hosts at it and sync.
    for (const each of [host, skipped]) {
      each.policy(cluster.url(), {onUnavailable: 'local'});
      const synced = await each.run(['fleet', 'sync']);
      expect([synced.exitCode, synced.stdout]).toEqual([0, 'shipped 1 run rows; 0 left']);
      expect(await queued(each)).toMatchObject({exitCode: 0, queued: 0, reachable: true});
      const again = await each.run(['fleet', 'sync']);
      expect([again.exitCode, again.stdout]).toEqual([0, 'nothing is queued']);
    }

    const id = await host.sourceId();
    expect(await centralRows(cluster, id)).toEqual([expect.objectContaining({exit_code: 0, lock_epoch: 1, lock_scope: 'host', revision: 3, status: 'succeeded'})]);
    expect(await centralRows(cluster, await skipped.sourceId())).toEqual([expect.objectContaining({exit_code: 69, lock_scope: 'fleet', revision: 3, status: 'lock_unavailable'})]);

    // An older revision queued again (a shipper that read the row early) must not lower the central copy.
    const db = new Database(host.db);
    try {
      db.prepare("INSERT INTO fleet_outbox (run_id, revision, queued_at) VALUES (?, 1, '2000-01-01T00:00:00.000Z')").run(row!.id);
    } finally {
      db.close();
    }

    const stale = await host.run(['fleet', 'sync']);
    expect([stale.exitCode, stale.stdout]).toEqual([0, 'shipped 1 run rows; 0 left']);
    expect(await centralRows(cluster, id)).toEqual([expect.objectContaining({revision: 3, status: 'succeeded'})]);
  });

  it('ships a run without a lock at revision 3, and keeps the exit status when the server goes away mid-run, its end queued', async () => {
    const second = await startCluster();
    await initFleet(second);
    const host = newHost(second.url());
    const quick = await host.run(['run', '--', 'true']);
    expect(quick.exitCode).toBe(0);
    const id = await host.sourceId();
    expect(await centralRows(second, id)).toEqual([expect.objectContaining({lock: null, lock_scope: null, revision: 3, status: 'succeeded'})]);

    // The command ends only once the server is gone, so its end cannot ship.
    const held = gate(host.dir, 'outage');
    const run = host.run(['run', '--', 'sh', '-c', `${held.wait}; exit 4`]);
    await until('the running row to ship', async () => (await centralRows(second, id)).some((row) => row.revision === 2 && row.status === 'running'));
    await second.stop();
    held.open();
    const result = await run;
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(/guard: fleet history not shipped: .*; queued for the next run or `guard fleet sync`$/);
    expect((await host.history())[0]).toMatchObject({exit_code: 4, status: 'failed'});
    expect(await queued(host)).toMatchObject({exitCode: 69, queued: 1, reachable: false});
  });
});
