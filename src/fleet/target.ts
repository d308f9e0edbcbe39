import {readFileSync, statSync} from 'node:fs';

/** Where the fleet's PostgreSQL is, as the connection URL says, with the password apart. */
export interface FleetTarget {
  database: string;
  /** The URL as guard prints and stores it: any password replaced by `***`. */
  display: string;
  endpoint: {host: string; kind: 'tcp'; port: number} | {kind: 'unix'; path: string};
  password: string;
  /** The URL's sslmode (`disable`, `prefer`, `require`, `verify-ca`, `verify-full`); absent is `prefer`, as libpq's. */
  sslmode: string;
  user: string;
}

export class FleetConfigError extends Error {}

const sslmodes = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** The URL with its password masked, for every message and record. */
export function displayUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/?#]*):[^@/?#]*@/i, '$1:***@');
}

/**
 * Reads a `postgres://` URL: a host and port, or a unix-socket folder (`?host=/run/postgresql`
 * or a percent-encoded host), the database (the user's name when absent), the role and the
 * sslmode. A password comes from the URL or, checked like a policy file (owned by the user
 * or root, writable by nobody else), from `passwordFile`.
 */
export function fleetTarget(url: string, passwordFile?: string): FleetTarget {
  const display = displayUrl(url);
  let parsed: URL;
  // libpq's `postgres://role@/db?host=/socket/folder` has an empty host, which URL refuses.
  const hostless = /^[a-z]+:\/\/([^/?#@]*@)?(?=[/?#]|$)/i.test(url);
  try {
    parsed = new URL(hostless ? url.replace(/^([a-z]+:\/\/(?:[^/?#@]*@)?)/i, '$1localhost') : url);
  } catch {
    throw new FleetConfigError(`fleet URL ${display} is not a URL`);
  }

  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new FleetConfigError(`fleet URL ${display} must start with postgres:// or postgresql://`);
  const params = parsed.searchParams;
  const user = decodeURIComponent(parsed.username) || params.get('user') || '';
  if (!user) throw new FleetConfigError(`fleet URL ${display} names no role (postgres://ROLE@host/database)`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || params.get('dbname') || user;
  const hostname = hostless ? '' : decodeURIComponent(parsed.hostname);
  const socketDir = hostname.startsWith('/') ? hostname : (params.get('host') ?? '');
  const port = Number(parsed.port || params.get('port') || 5432);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new FleetConfigError(`fleet URL ${display}: port ${parsed.port || params.get('port')} is not a port`);
  const sslmode = params.get('sslmode') ?? 'prefer';
  if (!sslmodes.includes(sslmode)) throw new FleetConfigError(`fleet URL ${display}: sslmode ${sslmode} is not one of ${sslmodes.join(', ')}`);
  let endpoint: FleetTarget['endpoint'];
  if (socketDir.startsWith('/')) endpoint = {kind: 'unix', path: `${socketDir.replace(/\/$/, '')}/.s.PGSQL.${port}`};
  else if (hostname) endpoint = {host: hostname.replace(/^\[|\]$/g, ''), kind: 'tcp', port};
  else throw new FleetConfigError(`fleet URL ${display} names no host (postgres://role@HOST/database, or ?host=/socket/folder)`);
  const password = parsed.password ? decodeURIComponent(parsed.password) : passwordFile ? readPasswordFile(passwordFile) : '';
  return {database, display, endpoint, password, sslmode: endpoint.kind === 'unix' ? 'disable' : sslmode, user};
}

function readPasswordFile(path: string): string {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new FleetConfigError(`fleet.passwordFile ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }

  const uid = process.getuid?.() ?? 0;
  if (stat.uid !== uid && stat.uid !== 0) throw new FleetConfigError(`fleet.passwordFile ${path} is owned by uid ${stat.uid}, not by you or root`);
  if ((stat.mode & 0o022) !== 0) throw new FleetConfigError(`fleet.passwordFile ${path} is writable by others (mode ${(stat.mode & 0o777).toString(8)})`);
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}
