// One PostgreSQL session, as the fleet lock needs it: a socket guard makes itself (so the
// command can inherit its descriptor, as it inherits the host lock's), one connection that
// never reconnects (a new session would not hold the lock, and a heartbeat there would
// still succeed), no lifetime or idle limit, TCP keepalives and tcp_user_timeout set on the
// server's side so a silent partition frees the lock in bounded time, and every call
// under guard's own deadline: a half-open connection can leave a query waiting for ever.
import {connect as netConnect, type Socket} from 'node:net';
import type {Sql} from 'postgres';
import {print} from '../print.js';
import type {FleetTarget} from './target.js';

export interface SessionTiming {
  connectTimeoutMs: number;
  keepalive: {count: number; idleMs: number; intervalMs: number};
  userTimeoutMs: number;
}

/** PostgreSQL could not be reached, or did not answer in time: the fleet is unavailable. */
export class FleetUnreachable extends Error {}

type Postgres = typeof import('postgres');

let client: Postgres | undefined;

/**
 * The client can write to a connection that has just closed (a statement queued as the
 * socket went away), throwing from a callback of its own where no caller can catch it. That
 * session is already lost and guard already acts on the loss; the throw is not let end guard
 * with its command still running. Any other uncaught error stays fatal, as an internal error.
 */
let contained = false;

function containClientFaults(): void {
  if (contained) return;
  contained = true;
  process.on('uncaughtException', (error: Error) => {
    const clientWrite = error instanceof TypeError && /reading 'write'/.test(error.message) && /postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? '');
    if (clientWrite) return;
    print('stderr', `guard: internal error (this is a bug in guard): ${error.stack ?? String(error)}\n`);
    process.exit(70);
  });
}

// The client is loaded on the first fleet session alone: a run without a fleet never loads it.
async function postgresClient(): Promise<Postgres> {
  containClientFaults();
  client ??= ((await import('postgres')) as unknown as {default: Postgres}).default ?? ((await import('postgres')) as unknown as Postgres);
  return client;
}

const connectErrors: Record<string, string> = {
  EACCES: 'permission denied',
  ECONNREFUSED: 'connection refused (is PostgreSQL running there?)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOENT: 'no such socket (is PostgreSQL running there?)',
  ENOTFOUND: 'host name not found',
  ETIMEDOUT: 'timed out',
};

const ignore = () => {};

function connectSocket(target: FleetTarget, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const {endpoint} = target;
    const socket = endpoint.kind === 'unix' ? netConnect({path: endpoint.path}) : netConnect({host: endpoint.host, port: endpoint.port});
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new FleetUnreachable(`${target.display}: no connection within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const failed = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const where = endpoint.kind === 'unix' ? endpoint.path : `${endpoint.host}:${endpoint.port}`;
      const why = connectErrors[error.code ?? ''] ?? error.message;
      reject(new FleetUnreachable(`${target.display}: cannot connect to ${where}: ${why}${error.code ? ` (${error.code})` : ''}`));
    };
    socket.once('connect', () => {
      clearTimeout(timer);
      // Never without a listener from here: the client adds its own only a timer later, and a
      // server going down resets connections it had not yet accepted (ECONNRESET), which with
      // no listener ended guard as an internal error (70). The session learns of it by 'close'.
      socket.off('error', failed);
      socket.on('error', ignore);
      resolve(socket);
    });
    socket.once('error', failed);
  });
}

export class FleetSession {
  /** Resolves with why, once the session is gone without guard having ended it. */
  readonly lost: Promise<string>;
  private ending = false;
  private markLost!: (why: string) => void;

  private constructor(
    readonly sql: Sql,
    private readonly socket: Socket,
    readonly backendPid: number,
    readonly target: FleetTarget,
  ) {
    this.lost = new Promise((resolve) => {
      this.markLost = resolve;
    });
    socket.once('close', () => {
      if (!this.ending) this.markLost('the connection to PostgreSQL closed');
    });
  }

  /** Connects, authenticates and tunes the session, within the connect timeout. */
  static async open(target: FleetTarget, timing: SessionTiming, applicationName: string): Promise<FleetSession> {
    const postgres = await postgresClient();
    const socket = await connectSocket(target, timing.connectTimeoutMs);
    if (target.endpoint.kind === 'tcp') Object.assign(socket, {host: target.endpoint.host, port: target.endpoint.port});
    let handed = false;
    // `socket` is the client's documented option for a socket made by the caller; its types omit it.
    const options = {
      backoff: () => 0,
      connect_timeout: Math.max(1, Math.ceil(timing.connectTimeoutMs / 1000)),
      connection: {application_name: applicationName.slice(0, 63)},
      database: target.database,
      fetch_types: false,
      host: target.endpoint.kind === 'tcp' ? target.endpoint.host : 'localhost',
      idle_timeout: 0,
      keep_alive: target.endpoint.kind === 'tcp' ? Math.max(1, Math.round(timing.keepalive.idleMs / 1000)) : null,
      max: 1,
      max_lifetime: 0,
      onnotice: () => {},
      pass: target.password,
      port: target.endpoint.kind === 'tcp' ? target.endpoint.port : 5432,
      prepare: false,
      ssl: target.sslmode === 'disable' ? false : (target.sslmode as 'prefer'),
      // One socket, once: the client's reconnect would be a new session without the lock.
      socket: () => {
        if (handed) throw new Error('the fleet session does not reconnect');
        handed = true;
        return socket;
      },
      user: target.user,
    };
    const sql = postgres(options as Parameters<Postgres>[0] & typeof options);
    const kill = () => {
      socket.destroy();
      void sql.end({timeout: 0}).catch(() => {});
    };
    // A connection that closes before the session begins (reset as the server went down) is
    // unreachable now, not after the connect timeout: the client may never hear of it.
    let closedEarly = ignore;
    const closed = new Promise<never>((_, reject) => {
      closedEarly = () => reject(new FleetUnreachable(`${target.display}: the connection closed before the session began`));
      socket.once('close', closedEarly);
    });

    try {
      const tune =
        target.endpoint.kind === 'tcp'
          ? `, set_config('tcp_keepalives_idle', '${seconds(timing.keepalive.idleMs)}', false), set_config('tcp_keepalives_interval', '${seconds(timing.keepalive.intervalMs)}', false), set_config('tcp_keepalives_count', '${Math.trunc(timing.keepalive.count)}', false), set_config('tcp_user_timeout', '${Math.trunc(timing.userTimeoutMs)}', false)`
          : '';
      const rows = await deadline(Promise.race([sql.unsafe(`SELECT pg_backend_pid() AS pid${tune}`), closed]), timing.connectTimeoutMs, () => {
        kill();
        return new FleetUnreachable(`${target.display}: no answer within ${timing.connectTimeoutMs / 1000} s`);
      });
      return new FleetSession(sql, socket, Number(rows[0]!.pid), target);
    } catch (error) {
      kill();
      if (error instanceof FleetUnreachable) throw error;
      throw new FleetUnreachable(`${target.display}: ${describe(error)}`);
    } finally {
      socket.off('close', closedEarly);
    }
  }

  /** Whether the socket has closed: the session can never answer again. */
  get closed(): boolean {
    return this.socket.destroyed;
  }

  /** The socket's descriptor, for the command to inherit; null once the socket has closed. */
  get fd(): number | null {
    return (this.socket as unknown as {_handle: {fd: number} | null})._handle?.fd ?? null;
  }

  /**
   * One call to the server, given up (and the session with it) after `ms`. With `keep`, only
   * the wait is given up: the call goes on, and later calls queue behind it (shipping on the
   * lock's session must not end the lock; its heartbeats' own deadline decides).
   */
  async within<T>(ms: number, what: string, run: (sql: Sql) => Promise<T>, {keep = false, lostWhy}: {keep?: boolean; lostWhy?: string} = {}): Promise<T> {
    // A closed session never answers (it does not reconnect): say so now rather than after `ms`.
    if (this.socket.destroyed) throw new FleetUnreachable(`${this.target.display}: the session ended before ${what}`);
    const seconds = Math.round(ms / 100) / 10;
    try {
      return await deadline(run(this.sql), ms, () => {
        if (!keep) {
          this.markLost(lostWhy ?? `PostgreSQL did not answer ${what} within ${seconds} s`);
          this.socket.destroy();
        }

        return new FleetUnreachable(`${this.target.display}: no answer to ${what} within ${seconds} s`);
      });
    } catch (error) {
      if (error instanceof FleetUnreachable) throw error;
      if (isConnectionError(error)) throw new FleetUnreachable(`${this.target.display}: ${describe(error)}`);
      throw error;
    }
  }

  /** Ends the session: the server releases whatever it held. */
  async end(ms = 1000): Promise<void> {
    this.ending = true;
    await deadline(this.sql.end({timeout: ms / 1000}), ms, () => new Error('end')).catch(() => {});
    this.socket.destroy();
  }

  /**
   * Lets go of guard's copy of the socket without ending the session: processes that
   * inherited it (leftovers allowed to outlive the run) keep the session, and the lock.
   */
  abandon(): void {
    this.ending = true;
    this.socket.destroy();
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000));
}

function deadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function isConnectionError(error: unknown): boolean {
  const code = (error as {code?: string}).code ?? '';
  return /^(CONNECTION_|CONNECT_TIMEOUT|E[A-Z]+$)/.test(code) || code.startsWith('57P') || code.startsWith('08');
}

/** A PostgreSQL error as one line: its message, and its code when the message alone is vague. */
export function describe(error: unknown): string {
  const {code, message} = error as {code?: string; message?: string};
  const text = (message ?? String(error)).split('\n')[0]!;
  return code && !text.includes(code) && !/^[A-Z_]+$/.test(code) ? `${text} (${code})` : text;
}
