import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import {accessSync, chmodSync, chownSync, closeSync, constants, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import postgres from 'postgres';
import {afterAll, describe} from 'vitest';
import {procStat} from './processes.js';

/**
 * A throwaway PostgreSQL cluster for one test file: its own temp folder, data directory and
 * unix socket, started from the machine's server binaries and always stopped: by the fleet
 * suite's afterAll; when the process ends, or vitest ends it with SIGTERM; and by the kernel
 * if it is killed outright.
 *
 * Under root, initdb and postgres run as `nobody` (initdb refuses root) through `setpriv
 * --reuid=<nobody> --regid=<nobody's group> --clear-groups`, which execs, so the pid we spawn
 * is the postmaster's. Its `--pdeathsig SIGQUIT` has the kernel stop the server (immediate
 * shutdown) when the test process dies; only the folder is then left behind.
 *
 * Socket URLs put the folder in the host, percent-encoded: `postgres://role@%2Ftmp%2Fguard-pg-x:N/db`.
 * libpq (psql) and Node's URL parser both accept it. libpq's other form,
 * `postgres://role@/db?host=/dir&port=N`, is no URL to Node (`new URL` throws: a user with an
 * empty host), and `postgres:///db?host=/dir&user=role` has no place for a password. The
 * `postgres` package (porsager) connects with none of the three (it looks the encoded host
 * up in DNS, sends `?host=` to the server as a setting, and throws on the empty host): a test
 * that connects with that package itself uses `cluster.sql` or `cluster.connectOptions(role)`,
 * whose `path` names the socket file.
 */
export interface Cluster {
  /** The folder that holds the socket file `.s.PGSQL.<port>` (and the data dir, and the server log). */
  socketDir: string;
  /** The TCP port when the cluster listens on 127.0.0.1; else the number that names the socket file. */
  port: number;
  /** The postmaster's pid; it changes on restart. */
  pid: number;
  dataDir: string;
  /** True when the cluster also listens on 127.0.0.1:port with SCRAM for every role. */
  tcp: boolean;
  /**
   * A postgres:// URL for a role, by default the superuser `guard_admin` and the database
   * `postgres`: `postgres://role@<socketDir percent-encoded>:<port>/db` over the socket
   * (trust), or `postgres://role:password@127.0.0.1:<port>/db` over TCP (SCRAM: the role needs
   * a password). User, password and database are percent-encoded.
   */
  url(role?: string, options?: {tcp?: boolean; password?: string; database?: string}): string;
  /** Options for the `postgres` package that reach this cluster over the socket as `role`. */
  connectOptions(role?: string, database?: string): {path: string; user: string; database: string};
  /**
   * Runs one statement as `guard_admin` in `postgres`, with $1… parameters; the rows. One
   * session, opened on first use and again after a restart, named `adminApplication` in
   * pg_stat_activity.
   */
  sql<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  createDatabase(name: string, options?: {owner?: string}): Promise<void>;
  /** A login role; with a password (stored as SCRAM) it can also connect over TCP. */
  createRole(name: string, password?: string): Promise<void>;
  /** Fast shutdown (SIGINT to the postmaster), wait for it to exit, remove the folder. Idempotent. */
  stop(): Promise<void>;
  /** Fast shutdown and start again on the same data, socket and port; `pid` is the new postmaster. */
  restart(): Promise<void>;
  /**
   * SIGSTOP one of this cluster's backends (a child of its postmaster), resolving once the
   * kernel shows it stopped: a hung server, as that session sees it. stop and restart thaw it.
   */
  freeze(backendPid: number): Promise<void>;
  /** SIGCONT a backend that `freeze` stopped, resolving once it runs again. */
  thaw(backendPid: number): Promise<void>;
  /** pg_terminate_backend(pid): the session ends as when an administrator kills it; whether it was signalled. */
  terminate(backendPid: number): Promise<boolean>;
  /** The server log so far (its stderr), for a failing test's message. */
  log(): string;
}

export type PgAvailability = {ok: true; bin: string} | {ok: false; need: string};

const admin = 'guard_admin';
/** The application_name of the session behind `cluster.sql`, to tell it from guard's own in pg_stat_activity. */
export const adminApplication = 'guard-test-admin';
const startWithinMs = 20_000;
const stopWithinMs = 15_000;
const stopNowMs = 5000;

/** Until `pid` has ended: gone, or a zombie (nobody reaps it while the process exits). */
function waitForExitSync(pid: number, ms: number): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + ms; Date.now() < deadline; Atomics.wait(cell, 0, 0, 10)) {
    const state = procStat(pid)?.state;
    if (state === undefined || state === 'Z') return;
  }
}
const serverBinaries = ['initdb', 'postgres'];
const installHint = "install Debian's postgresql package or set GUARD_TEST_PG_BIN";

/** The folder that holds initdb and postgres, by GUARD_TEST_PG_BIN, pg_config, /usr/lib/postgresql/N, /usr/local/pgsql. */
function findServerBin(env: NodeJS.ProcessEnv): {bin: string} | {need: string} {
  const has = (dir: string) => serverBinaries.every((name) => isExecutable(join(dir, name)));
  if (env.GUARD_TEST_PG_BIN) {
    return has(env.GUARD_TEST_PG_BIN) ? {bin: env.GUARD_TEST_PG_BIN} : {need: `PostgreSQL server binaries (initdb, postgres) in GUARD_TEST_PG_BIN=${env.GUARD_TEST_PG_BIN}, which lacks them`};
  }

  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim());
  } catch {}
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((name) => /^\d+(\.\d+)?$/.test(name)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`), '/usr/local/pgsql/bin');
  const bin = candidates.find((dir) => dir !== '' && has(dir));
  return bin ? {bin} : {need: `PostgreSQL server binaries (initdb, postgres): ${installHint}`};
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const asRoot = () => process.getuid?.() === 0;
const setprivPath = () => ['/usr/bin/setpriv', '/bin/setpriv'].find(isExecutable);

/** Whether this machine can start a cluster; if not, what it needs, as the end of one sentence. */
export function pgAvailable(env: NodeJS.ProcessEnv = process.env): PgAvailability {
  const found = findServerBin(env);
  if ('need' in found) return {ok: false, need: found.need};
  if (asRoot()) {
    if (!setprivPath()) return {ok: false, need: 'setpriv (util-linux) to run PostgreSQL as nobody under root'};
    try {
      execFileSync('id', ['-u', 'nobody'], {stdio: 'ignore'});
    } catch {
      return {ok: false, need: 'a user named nobody to run PostgreSQL as under root'};
    }
  }

  return {ok: true, bin: found.bin};
}

let reported = false;

/**
 * `describe` for a suite that needs PostgreSQL: every cluster it starts is stopped after it.
 * Without server binaries the suite is skipped with one line on stderr saying what is
 * missing, or fails with that line when GUARD_TEST_PG_REQUIRED=1 (as CI sets).
 */
export function fleetSuite(name: string, fn: () => void): void {
  const available = pgAvailable();
  if (available.ok) {
    describe(name, () => {
      afterAll(stopClusters);
      fn();
    });
    return;
  }

  if (process.env.GUARD_TEST_PG_REQUIRED === '1') {
    describe(name, () => {
      throw new Error(`fleet tests cannot run: they need ${available.need} (GUARD_TEST_PG_REQUIRED=1 forbids skipping them)`);
    });
    return;
  }

  if (!reported) process.stderr.write(`fleet tests skipped: they need ${available.need}\n`);
  reported = true;
  describe.skip(name, fn);
}

const running = new Set<ClusterProcess>();

/** Stops every cluster this process started and has not stopped yet. */
export async function stopClusters(): Promise<void> {
  await Promise.all([...running].map((cluster) => cluster.stop()));
}

// The last resort for a cluster still running when the process ends: an immediate shutdown
// (the postmaster still removes its shared memory), and the folder. vitest ends a test
// file's worker with SIGTERM, which skips 'exit' handlers: that signal is caught while a
// cluster runs, and raised again once they are stopped.
process.on('exit', stopClustersNow);
function stopClustersNow(): void {
  for (const cluster of running) cluster.stopNow();
}

function stopThenTerminate(): void {
  stopClustersNow();
  process.off('SIGTERM', stopThenTerminate);
  process.kill(process.pid, 'SIGTERM');
}

function track(cluster: ClusterProcess, live: boolean): void {
  if (live) running.add(cluster);
  else running.delete(cluster);
  const listening = process.listeners('SIGTERM').includes(stopThenTerminate);
  if (running.size > 0 && !listening) process.on('SIGTERM', stopThenTerminate);
  if (running.size === 0 && listening) process.off('SIGTERM', stopThenTerminate);
}

/**
 * Where a TCP cluster listens instead of 127.0.0.1: an address of a network namespace the
 * test made itself (`ip netns add`), the server started inside it.
 */
export interface ClusterListen {
  address: string;
  netns: string;
}

/** Starts a new cluster; with `tcp`, it also listens on 127.0.0.1, or on `listen` (SCRAM for every role). */
export async function startCluster(options: {listen?: ClusterListen; tcp?: boolean} = {}): Promise<Cluster> {
  const available = pgAvailable();
  if (!available.ok) throw new Error(`cannot start PostgreSQL: need ${available.need}`);
  const cluster = new ClusterProcess(available.bin, options.tcp === true || options.listen !== undefined, options.listen);
  try {
    await cluster.create();
    await cluster.start();
  } catch (error) {
    await cluster.stop();
    throw error;
  }

  return cluster;
}

class ClusterProcess implements Cluster {
  readonly socketDir: string;
  readonly dataDir: string;
  port = 0;
  pid = 0;
  private server?: ChildProcess;
  private exited?: Promise<void>;
  private admin?: postgres.Sql;
  private stopped = false;
  private readonly frozen = new Set<number>();

  constructor(
    private readonly bin: string,
    readonly tcp: boolean,
    private readonly listen?: ClusterListen,
  ) {
    this.socketDir = mkdtempSync(join(tmpdir(), 'guard-pg-'));
    this.dataDir = join(this.socketDir, 'data');
    track(this, true);
  }

  async create(): Promise<void> {
    if (asRoot()) {
      reachableByOthers(this.socketDir);
      const {uid, gid} = nobody();
      chownSync(this.socketDir, uid, gid);
    }

    chmodSync(this.socketDir, 0o700);
    this.port = await freePort();
    // The socket's path must fit in sockaddr_un (107 bytes).
    const socketFile = join(this.socketDir, `.s.PGSQL.${this.port}`);
    if (Buffer.byteLength(socketFile) > 107) throw new Error(`the socket path ${socketFile} is longer than 107 bytes: set TMPDIR to a shorter folder`);
    await this.runAsServerUser(join(this.bin, 'initdb'), ['-D', this.dataDir, '-U', admin, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const address = this.listen?.address ?? '127.0.0.1';
    writeFileSync(join(this.dataDir, 'pg_hba.conf'), `local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ${address}/24 scram-sha-256\n`);
  }

  async start(): Promise<void> {
    const args = ['-D', this.dataDir, '-k', this.socketDir, '-c', `listen_addresses=${this.listen?.address ?? (this.tcp ? '127.0.0.1' : '')}`, '-p', String(this.port)];
    args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    const logFd = openSync(join(this.socketDir, 'server.log'), 'a', 0o644);
    let [command, commandArgs] = this.asServerUser(join(this.bin, 'postgres'), args);
    // `ip netns exec` execs the command in the namespace: the pid is still the postmaster's.
    if (this.listen) [command, commandArgs] = ['ip', ['netns', 'exec', this.listen.netns, command, ...commandArgs]];
    const server = spawn(command, commandArgs, {cwd: this.socketDir, env: serverEnv(), stdio: ['ignore', logFd, logFd]});
    closeSync(logFd);
    if (server.pid === undefined) throw new Error(`could not start ${command}`);
    this.server = server;
    this.pid = server.pid;
    this.exited = new Promise((resolve) => server.once('exit', () => resolve()));
    let gone = false;
    void this.exited.then(() => {
      gone = true;
    });
    const deadline = Date.now() + startWithinMs;
    for (;;) {
      if (gone) throw new Error(`PostgreSQL exited while starting:\n${this.logTail()}`);
      if (await this.accepts()) return;
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${startWithinMs / 1000} s:\n${this.logTail()}`);
      await sleep(25);
    }
  }

  private async accepts(): Promise<boolean> {
    const probe = postgres({...this.connectOptions(), connect_timeout: 2, max: 1, onnotice: () => {}});
    try {
      await probe`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await probe.end({timeout: 0});
    }
  }

  url(role = admin, options: {tcp?: boolean; password?: string; database?: string} = {}): string {
    const database = encodeURIComponent(options.database ?? 'postgres');
    const password = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}`;
    if (options.tcp) {
      if (!this.tcp) throw new Error('this cluster listens on its socket only: start it with {tcp: true}');
      return `postgres://${encodeURIComponent(role)}${password}@${this.listen?.address ?? '127.0.0.1'}:${this.port}/${database}`;
    }

    return `postgres://${encodeURIComponent(role)}${password}@${encodeURIComponent(this.socketDir)}:${this.port}/${database}`;
  }

  connectOptions(role = admin, database = 'postgres'): {path: string; user: string; database: string} {
    return {path: join(this.socketDir, `.s.PGSQL.${this.port}`), user: role, database};
  }

  async sql<Row extends object = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    if (this.stopped) throw new Error('this cluster is stopped');
    this.admin ??= postgres({...this.connectOptions(), connection: {application_name: adminApplication}, max: 1, onnotice: () => {}});
    const rows = await this.admin.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
    return [...rows] as unknown as Row[];
  }

  async createDatabase(name: string, options: {owner?: string} = {}): Promise<void> {
    await this.sql(`create database ${identifier(name)}${options.owner ? ` owner ${identifier(options.owner)}` : ''}`);
  }

  async createRole(name: string, password?: string): Promise<void> {
    await this.sql(`create role ${identifier(name)} login${password === undefined ? '' : ` password ${literal(password)}`}`);
  }

  async terminate(backendPid: number): Promise<boolean> {
    const [row] = await this.sql<{terminated: boolean}>('select pg_terminate_backend($1) as terminated', [backendPid]);
    return row?.terminated === true;
  }

  async freeze(backendPid: number): Promise<void> {
    this.checkBackend(backendPid);
    this.frozen.add(backendPid);
    process.kill(backendPid, 'SIGSTOP');
    await this.untilState(backendPid, (state) => state === 'T');
  }

  async thaw(backendPid: number): Promise<void> {
    this.checkBackend(backendPid);
    process.kill(backendPid, 'SIGCONT');
    this.frozen.delete(backendPid);
    await this.untilState(backendPid, (state) => state !== 'T');
  }

  private checkBackend(backendPid: number): void {
    if (procStat(backendPid)?.ppid !== this.pid) throw new Error(`pid ${backendPid} is not a backend of this cluster (postmaster ${this.pid})`);
  }

  /** A signal takes effect a moment after kill() returns: wait until /proc shows it. */
  private async untilState(pid: number, reached: (state: string) => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const state = procStat(pid)?.state;
      if (state === undefined || reached(state)) return;
      if (Date.now() > deadline) throw new Error(`backend ${pid} is still in state ${state} after 5 s`);
      await sleep(5);
    }
  }

  /** A frozen backend would hold a shutdown up: let every one still ours run again. */
  private thawAll(): void {
    for (const pid of this.frozen) {
      if (procStat(pid)?.ppid === this.pid) process.kill(pid, 'SIGCONT');
    }

    this.frozen.clear();
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error('this cluster is stopped');
    await this.shutdown();
    await this.start();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.shutdown();
    track(this, false);
    rmSync(this.socketDir, {force: true, recursive: true});
  }

  /**
   * For process exit, where no callback runs: an immediate shutdown, a synchronous wait (at
   * most stopNowMs) for the postmaster to end, then the folder. Removing it while the server
   * still unlinks its own files would leave an empty data folder behind.
   */
  stopNow(): void {
    running.delete(this);
    if (this.server && this.server.exitCode === null && this.server.signalCode === null) {
      try {
        this.thawAll();
        process.kill(this.pid, 'SIGQUIT');
      } catch {}
      waitForExitSync(this.pid, stopNowMs);
    }

    rmSync(this.socketDir, {force: true, maxRetries: 3, recursive: true});
  }

  log(): string {
    try {
      return readFileSync(join(this.socketDir, 'server.log'), 'utf8');
    } catch {
      return '';
    }
  }

  private logTail(): string {
    return this.log().trimEnd().split('\n').slice(-15).join('\n');
  }

  /** Closes the admin client, then a fast shutdown by pid, waiting for the postmaster to exit. */
  private async shutdown(): Promise<void> {
    const client = this.admin;
    this.admin = undefined;
    await client?.end({timeout: 1});
    const server = this.server;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    this.thawAll();
    server.kill('SIGINT');
    const timer = setTimeout(() => server.kill('SIGQUIT'), stopWithinMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The command as nobody under root; with the parent-death signal wherever setpriv is. */
  private asServerUser(command: string, args: string[]): [string, string[]] {
    // setpriv sets the signal after it changes user (a change of user would clear it).
    if (asRoot()) {
      const {uid, gid} = nobody();
      return [setprivPath()!, [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--pdeathsig=SIGQUIT', command, ...args]];
    }

    const setpriv = setprivPath();
    return setpriv ? [setpriv, ['--pdeathsig=SIGQUIT', command, ...args]] : [command, args];
  }

  private runAsServerUser(command: string, args: string[]): Promise<void> {
    const [file, fileArgs] = this.asServerUser(command, args);
    return new Promise((resolve, reject) => {
      const child = spawn(file, fileArgs, {cwd: this.socketDir, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe']});
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (status ${code}):\n${output.trimEnd().split('\n').slice(-15).join('\n')}`))));
    });
  }
}

/** The server's environment: no PG* variables or locale of the caller's leak into it. */
function serverEnv(): NodeJS.ProcessEnv {
  return {PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C'};
}

/** nobody must be able to pass through every folder above the cluster's own. */
function reachableByOthers(dir: string): void {
  for (let folder = dirname(dir); ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) throw new Error(`PostgreSQL runs as nobody, who cannot enter ${folder}: set TMPDIR to a folder everyone may pass through`);
    if (folder === dirname(folder)) return;
  }
}

let nobodyIds: {uid: number; gid: number} | undefined;

/** The user (and its own group) that PostgreSQL runs as under root. */
function nobody(): {uid: number; gid: number} {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], {encoding: 'utf8'}).trim());
  nobodyIds ??= {uid: id('-u'), gid: id('-g')};
  return nobodyIds;
}

/** A port no one listens on now, from the kernel: bind 127.0.0.1:0, read it, close. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
