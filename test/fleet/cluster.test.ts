import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import postgres from 'postgres';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Cluster, fleetSuite, pgAvailable, startCluster} from '../helpers/pg-cluster.js';
import {root, sandbox} from '../helpers/guard.js';
import {eventually, isRunning, procStat} from '../helpers/processes.js';

fleetSuite('a throwaway PostgreSQL cluster', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({tcp: true});
  });

  const clients: postgres.Sql[] = [];
  const connect = (options: postgres.Options<{}>) => {
    const client = postgres({max: 1, onnotice: () => {}, ...options});
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end({timeout: 0})));
  });

  it('answers as guard_admin, a superuser, over its unix socket', async () => {
    expect(existsSync(join(cluster.socketDir, `.s.PGSQL.${cluster.port}`))).toBe(true);
    const [row] = await cluster.sql<{user: string; superuser: boolean}>('select current_user as user, rolsuper as superuser from pg_roles where rolname = current_user');
    expect(row).toEqual({user: 'guard_admin', superuser: true});
    expect(await cluster.sql('select $1::int + $2::int as sum', [2, 3])).toEqual([{sum: 5}]);
  });

  it('gives a socket URL that Node parses and libpq (psql) connects with', async () => {
    const available = pgAvailable();
    if (!available.ok) throw new Error(available.need);
    await cluster.createDatabase('history');
    const url = cluster.url('guard_admin', {database: 'history'});
    const parsed = new URL(url);
    expect([decodeURIComponent(parsed.hostname), Number(parsed.port), parsed.username, parsed.pathname]).toEqual([cluster.socketDir, cluster.port, 'guard_admin', '/history']);
    const psql = await execa(join(available.bin, 'psql'), [url, '-Atc', 'select current_user, current_database()'], {reject: false});
    expect({exitCode: psql.exitCode, stdout: psql.stdout, stderr: psql.stderr}).toEqual({exitCode: 0, stdout: 'guard_admin|history', stderr: ''});
  });

  it('lets a role with a password in over TCP with SCRAM, and refuses a wrong one', async () => {
    await cluster.createRole('host_a', "it's secret");
    const [stored] = await cluster.sql<{password: string}>("select rolpassword as password from pg_authid where rolname = 'host_a'");
    expect(stored?.password).toMatch(/^SCRAM-SHA-256\$/);
    const viaUrl = postgres(cluster.url('host_a', {tcp: true, password: "it's secret"}), {max: 1});
    clients.push(viaUrl);
    expect(await viaUrl`select current_user as user, inet_server_addr()::text as address`).toEqual([{user: 'host_a', address: '127.0.0.1/32'}]);
    const wrong = connect({host: '127.0.0.1', port: cluster.port, user: 'host_a', pass: 'guess', database: 'postgres'});
    await expect(wrong`select 1`).rejects.toMatchObject({code: '28P01'});
  });

  it('freezes and thaws one of its backends, and terminates it', async () => {
    const session = connect(cluster.connectOptions());
    const [{pid}] = (await session`select pg_backend_pid() as pid`) as unknown as [{pid: number}];
    await cluster.freeze(pid);
    expect(procStat(pid)?.state).toBe('T');
    const pending = session`select 'after thaw' as answer`;
    const early = await Promise.race([pending.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('no answer'), 300))]);
    expect(early).toBe('no answer');
    await cluster.thaw(pid);
    expect(await pending).toEqual([{answer: 'after thaw'}]);
    expect(await cluster.terminate(pid)).toBe(true);
    expect(await eventually(() => !isRunning(pid))).toBe(true);
    expect(await cluster.sql('select pid from pg_stat_activity where pid = $1', [pid])).toEqual([]);
  });

  it('refuses to signal a process that is not one of its backends', async () => {
    await expect(cluster.freeze(process.pid)).rejects.toThrow(`pid ${process.pid} is not a backend of this cluster (postmaster ${cluster.pid})`);
  });

  it('comes back from a restart with a new postmaster and its data, even with a backend frozen', async () => {
    await cluster.sql('create table kept (n int)');
    await cluster.sql('insert into kept values (42)');
    const session = connect(cluster.connectOptions());
    const [{pid: backend}] = (await session`select pg_backend_pid() as pid`) as unknown as [{pid: number}];
    await cluster.freeze(backend);
    const before = cluster.pid;
    const started = Date.now();
    await cluster.restart();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isRunning(backend)).toBe(false);
    expect(cluster.pid).not.toBe(before);
    expect(isRunning(before)).toBe(false);
    expect(await cluster.sql('select n from kept')).toEqual([{n: 42}]);
    const overTcp = connect({host: '127.0.0.1', port: cluster.port, user: 'host_a', pass: "it's secret", database: 'postgres'});
    expect(await overTcp`select 1 as one`).toEqual([{one: 1}]);
  });

  it('runs a second cluster beside the first without a clash, and stops it without a trace', async () => {
    const second = await startCluster();
    expect(second.socketDir).not.toBe(cluster.socketDir);
    expect(second.pid).not.toBe(cluster.pid);
    await second.sql('create table only_here (n int)');
    expect(await second.sql("select to_regclass('only_here')::text as found")).toEqual([{found: 'only_here'}]);
    expect(await cluster.sql("select to_regclass('only_here')::text as found")).toEqual([{found: null}]);
    expect(() => second.url('guard_admin', {tcp: true})).toThrow('this cluster listens on its socket only');

    const {pid, socketDir} = second;
    await second.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(socketDir)).toBe(false);
    await second.stop();
    await expect(second.sql('select 1')).rejects.toThrow('this cluster is stopped');
    expect(await cluster.sql('select 1 as one')).toEqual([{one: 1}]);
  });
});

it('names what is missing when the server binaries are not where GUARD_TEST_PG_BIN says', () => {
  expect(pgAvailable({GUARD_TEST_PG_BIN: '/nonexistent'})).toEqual({
    ok: false,
    need: 'PostgreSQL server binaries (initdb, postgres) in GUARD_TEST_PG_BIN=/nonexistent, which lacks them',
  });
});

fleetSuite('a cluster its test file never stopped', () => {
  it('is stopped and its folder removed when the file ends', async () => {
    const box = sandbox();
    try {
      const note = join(box.dir, 'cluster.json');
      const result = await execa(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/fixtures/fleet-suite/vitest.config.ts', 'leaves-cluster'], {
        cwd: root,
        env: {GUARD_TEST_CLUSTER_NOTE: note, NO_COLOR: '1'},
        reject: false,
      });
      expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
      const {pid, socketDir} = JSON.parse(readFileSync(note, 'utf8')) as {pid: number; socketDir: string};
      expect(await eventually(() => !isRunning(pid))).toBe(true);
      expect(existsSync(socketDir)).toBe(false);
    } finally {
      box.remove();
    }
  });
});

describe('a fleet suite on a machine without PostgreSQL', () => {
  // A file with two fleet suites, run by vitest as CI would, with the binaries pointed away.
  const runFixture = (required: boolean) =>
    execa(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/fixtures/fleet-suite/vitest.config.ts', 'needs-postgres'], {
      cwd: root,
      env: {GUARD_TEST_PG_BIN: '/nonexistent', GUARD_TEST_PG_REQUIRED: required ? '1' : undefined, NO_COLOR: '1'},
      reject: false,
    });
  const need = 'PostgreSQL server binaries (initdb, postgres) in GUARD_TEST_PG_BIN=/nonexistent, which lacks them';

  it('is skipped, saying once on stderr what it needs', async () => {
    const result = await runFixture(false);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(`fleet tests skipped: they need ${need}`);
    expect(result.stdout).toMatch(/Tests\s+2 skipped \(2\)/);
  });

  it('fails with that need when GUARD_TEST_PG_REQUIRED=1', async () => {
    const result = await runFixture(true);
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toContain(`Error: fleet tests cannot run: they need ${need} (GUARD_TEST_PG_REQUIRED=1 forbids skipping them)`);
    expect(result.stdout + result.stderr).not.toContain('fleet tests skipped');
  });
});
