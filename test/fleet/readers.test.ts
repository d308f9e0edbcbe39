import {hostname} from 'node:os';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';
import {type Cluster, fleetSuite, startCluster} from '../helpers/pg-cluster.js';

const here = hostname();

fleetSuite('reading the fleet', () => {
  let cluster: Cluster;
  const web = [sandbox(), sandbox()] as const;
  const envOf = (box: ReturnType<typeof sandbox>, role: string) => ({...box.env, GUARD_FLEET_URL: cluster.url(role)});
  const a = () => envOf(web[0], 'host_a');
  const b = () => envOf(web[1], 'host_b');
  const admin = () => envOf(web[0], 'guard_admin');

  beforeAll(async () => {
    cluster = await startCluster();
    const init = await guard(['fleet', 'init'], {env: admin()});
    expect([init.exitCode, init.stderr]).toEqual([0, '']);
    for (const role of ['host_a', 'host_b', 'reader']) await cluster.createRole(role);
    await cluster.sql('grant guard_writer to host_a, host_b');
    await cluster.sql('grant guard_reader to reader');
  });

  afterAll(() => {
    for (const box of web) box.remove();
  });

  it('smoke', async () => {
    const r = await guard(['run', '--name', 'backup', '--', 'true'], {env: a()});
    console.log(r.exitCode, r.stderr);
    const h = await guard(['history', '--fleet'], {env: a()});
    console.log(h.exitCode, h.stdout, h.stderr);
    const j = await guard(['history', '--fleet', '--json'], {env: b()});
    console.log(j.exitCode, j.stdout, j.stderr);
  });
});
