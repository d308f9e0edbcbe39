// A silent partition between a host and the fleet's PostgreSQL: no FIN, no RST, every packet
// dropped both ways. Linux, as root: the server runs in a network namespace this test makes,
// guard in another, joined by a veth pair with addresses of those two namespaces alone; the
// cut is made on the host's end (a queue of length 0 and its address gone). guard's heartbeat deadline must stop the command
// (lock_lost, 75) before the server lets another host take the lock, and the server must let
// it go in bounded time (TCP keepalives and tcp_user_timeout, set by guard on its session),
// not after the two hours of the kernel's defaults.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa, type ResultPromise} from 'execa';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {bin, sandbox} from '../helpers/guard.js';
import {type Cluster, fleetSuite, startCluster} from '../helpers/pg-cluster.js';

if (process.getuid?.() !== 0) throw new Error('the partition test (test/fleet/partition.test.ts) needs root, to make network namespaces: run it as root in a throwaway VM or container');

const tag = `g${process.pid.toString(36)}`;
const server = {address: '10.254.77.1', device: `${tag}s`, netns: `${tag}-db`};
const client = {address: '10.254.77.2', device: `${tag}c`, netns: `${tag}-host`};
const ip = (...args: string[]) => execa('ip', args);
const inside = (netns: string, ...args: string[]) => execa('ip', ['netns', 'exec', netns, ...args]);

fleetSuite('a silent partition between a host and the fleet', () => {
  let cluster: Cluster;
  const box = sandbox();
  let env: Record<string, string>;

  beforeAll(async () => {
    await ip('netns', 'add', server.netns);
    await ip('netns', 'add', client.netns);
    await ip('link', 'add', server.device, 'type', 'veth', 'peer', 'name', client.device);
    for (const side of [server, client]) {
      await ip('link', 'set', side.device, 'netns', side.netns);
      await inside(side.netns, 'ip', 'addr', 'add', `${side.address}/24`, 'dev', side.device);
      await inside(side.netns, 'ip', 'link', 'set', side.device, 'up');
      await inside(side.netns, 'ip', 'link', 'set', 'lo', 'up');
    }

    cluster = await startCluster({listen: {address: server.address, netns: server.netns}});
    await cluster.createRole('guard_web1', 'web1-secret');
    // The schema, as the admin over the server's unix socket (outside any namespace).
    const admin = await execa(process.execPath, [bin, 'fleet', 'init'], {env: {...process.env, ...box.env, GUARD_FLEET_URL: cluster.url()}, reject: false});
    expect(admin.exitCode, admin.stderr).toBe(0);
    await cluster.sql('GRANT guard_writer TO guard_web1');
    // Short timings, still within guard's rule: heartbeat < lostAfter; lostAfter + killAfter
    // (1 s) < the server's detection (keepalives 2 s + 1 s × 3, tcp_user_timeout 4 s) + lockDelay.
    mkdirSync(join(box.dir, 'config/guard'), {recursive: true});
    writeFileSync(
      join(box.dir, 'config/guard/policy.yaml'),
      [
        'defaults:',
        '  killAfter: 1s',
        'fleet:',
        `  url: postgres://guard_web1:web1-secret@${server.address}:${cluster.port}/postgres?sslmode=disable`,
        '  heartbeat: 500ms',
        '  lostAfter: 2s',
        '  lockDelay: 3s',
        '  monitorRetry: 0',
        '  connectTimeout: 1s',
        '  shipTimeout: 1s',
        '  keepalive: {idle: 2s, interval: 1s, count: 3}',
        '  userTimeout: 4s',
        '',
      ].join('\n'),
    );
    env = {...box.env, HOME: box.dir};
  });

  afterAll(async () => {
    await cluster?.stop();
    for (const side of [server, client]) await ip('netns', 'delete', side.netns).catch(() => {});
    box.remove();
  });

  const heldLocks = async () =>
    (await cluster.sql<{pid: number}>("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = 'postgres')")).map((row) => row.pid);

  it('stops the command when the heartbeat deadline passes (lock_lost, 75), before the server frees the lock, which it does in seconds', async () => {
    const run: ResultPromise = execa('ip', ['netns', 'exec', client.netns, process.execPath, bin, 'run', '--lock', 'nightly', '--', 'sh', '-c', 'echo "$GUARD_LOCK_SCOPE"; sleep 60'], {
      env: {...process.env, ...env, NODE_OPTIONS: undefined},
      extendEnv: false,
      reject: false,
    });
    // The lock is held over TCP from the host's namespace.
    const deadline = Date.now() + 15_000;
    while ((await heldLocks()).length === 0) {
      if (Date.now() > deadline) throw new Error(`the run never took the fleet lock:\n${(run.kill(), (await run).stderr)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The cut, on the host's side alone, as a network that loses everything both ways: what the
    // host sends is dropped by a queue of length 0; what reaches it finds no address to take it.
    // (Dropping on the server's own queue would not do: its kernel counts a keepalive probe it
    // could not send as local congestion, and tries again for ever.)
    await inside(client.netns, 'tc', 'qdisc', 'replace', 'dev', client.device, 'root', 'pfifo', 'limit', '0');
    await inside(client.netns, 'ip', 'addr', 'flush', 'dev', client.device);
    const cut = Date.now();
    const result = await run;
    const guardStoppedAfter = Date.now() - cut;
    expect(result.exitCode, result.stderr).toBe(75);
    expect(result.stdout).toBe('fleet');
    expect(result.stderr).toMatch(/fleet lock 'nightly' lost: no heartbeat succeeded for 2(\.\d)? s \(fleet\.lostAfter 2 s\); stopping the command/);

    // The server's side: the lock goes once keepalives and tcp_user_timeout give up on the host.
    while ((await heldLocks()).length > 0) {
      if (Date.now() - cut > 20_000) {
        const activity = await cluster.sql("SELECT pid, state, wait_event_type, wait_event, left(query, 60) AS query, backend_start, xact_start FROM pg_stat_activity WHERE backend_type = 'client backend'");
        const sockets = await inside(server.netns, 'ss', '-tino');
        throw new Error(`the server still held the lock 20 s after the cut: ${JSON.stringify(activity)}\n${sockets.stdout}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const serverFreedAfter = Date.now() - cut;
    // guard had stopped its command before anyone else could have the lock.
    expect(guardStoppedAfter).toBeLessThan(serverFreedAfter);

    // The record, on the host: lock_lost, scope fleet, and not shipped (the network is cut).
    const history = await execa(process.execPath, [bin, 'history', '--json'], {env: {...process.env, ...env}, reject: false});
    const [row] = JSON.parse(history.stdout) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({lock: 'nightly', lock_scope: 'fleet', status: 'lock_lost', exit_code: 75});

    // Healed, the host ships what it kept: the central row says lock_lost too.
    await inside(client.netns, 'tc', 'qdisc', 'del', 'dev', client.device, 'root');
    await inside(client.netns, 'ip', 'addr', 'add', `${client.address}/24`, 'dev', client.device);
    const sync = await execa('ip', ['netns', 'exec', client.netns, process.execPath, bin, 'fleet', 'sync'], {env: {...process.env, ...env}, reject: false});
    expect([sync.exitCode, sync.stdout], sync.stderr).toEqual([0, 'shipped 1 run rows; 0 left']);
    const central = await cluster.sql<{status: string; lock_scope: string}>("SELECT status, lock_scope FROM guard.runs WHERE lock = 'nightly'");
    expect(central).toEqual([{lock_scope: 'fleet', status: 'lock_lost'}]);
  });
});
