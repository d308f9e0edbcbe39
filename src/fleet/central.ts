// Reading the fleet's central history and locks: what `history --fleet`, `show --fleet`,
// `stats --fleet`, `locks --fleet` and `verify --fleet` ask the server. Central rows come
// back in the local rows' shape (times as ISO text, the local id as `id`) plus the log
// they came from, so the tables and JSON that print local runs print them too.
import {columns} from '../audit/columns.js';
import type {StoredRun} from '../audit/row.js';
import {runColumns} from './schema.js';
import type {FleetSession} from './session.js';

/** A central run: a local row of some host's audit log, and which log. */
export type CentralRun = StoredRun & {revision: number; shipped_at: string; source_id: string};

const iso = (column: string) => `to_char((${column}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const timestamps = new Set(['started_at', 'ended_at']);
const quoted = (column: string) => (column === 'user' ? 'r."user"' : `r.${column}`);

const selectRun = [
  'r.source_id::text AS source_id',
  'r.local_id AS id',
  'r.revision',
  `${iso('r.shipped_at')} AS shipped_at`,
  ...runColumns.map(([column]) => (timestamps.has(column) ? `${iso(`r.${column}`)} AS ${column}` : `${quoted(column)} AS ${column === 'user' ? '"user"' : column}`)),
].join(', ');

// A text[] parameter as PostgreSQL's array literal: the client, which loads no type list
// (fetch_types off), would send a JS array as comma-joined text.
const textArray = (values: readonly string[]) => `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;

function toRun(row: Record<string, unknown>): CentralRun {
  const run: Record<string, unknown> = {...row};
  for (const key of ['id', 'revision', 'duration_ms', 'lock_epoch', 'stdout_bytes', 'stderr_bytes', 'seq']) if (run[key] !== null && run[key] !== undefined) run[key] = Number(run[key]);
  // The local row's fields in the local order, then which log and which copy. The process start
  // times stay on the host (they tell its own guard whether a pid lives): none travels.
  const {revision, shipped_at: shippedAt, source_id: sourceId} = run;
  return {...Object.fromEntries(columns.map((column) => [column, run[column] ?? null])), source_id: sourceId, revision, shipped_at: shippedAt} as unknown as CentralRun;
}

export interface CentralFilter {
  failed?: readonly string[];
  grep?: string;
  host?: string;
  limit?: number;
  name?: string;
  since?: string;
  status?: string;
  until?: string;
}

/** A central run as history lists it: when it is live and its host has said nothing for `silentAfterMs`, since when. */
export type CentralHistoryRun = CentralRun & {host_silent_since: string | null};

/** Runs of every host, newest first. */
export async function centralHistory(session: FleetSession, schema: string, filter: CentralFilter & {silentAfterMs: number}, ms: number): Promise<CentralHistoryRun[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };

  if (filter.name !== undefined) add((n) => `r.name = ${n}`, filter.name);
  if (filter.host !== undefined) add((n) => `r.host = ${n}`, filter.host);
  if (filter.status !== undefined) add((n) => `r.status = ${n}`, filter.status);
  if (filter.failed) add((n) => `r.status = ANY(${n}::text[])`, textArray(filter.failed));
  if (filter.since !== undefined) add((n) => `r.started_at >= ${n}::timestamptz`, filter.since);
  if (filter.until !== undefined) add((n) => `r.started_at < ${n}::timestamptz`, filter.until);
  if (filter.grep !== undefined) add((n) => `(strpos(lower(r.command), lower(${n})) > 0 OR strpos(lower(coalesce(r.reason, '')), lower(${n})) > 0)`, filter.grep);
  const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.trunc(filter.limit)}`;
  params.push(Math.trunc(filter.silentAfterMs));
  const silent = `CASE WHEN r.status IN ('starting', 'running') AND s.last_seen < now() - ($${params.length}::bigint * interval '1 millisecond') THEN ${iso('s.last_seen')} END AS host_silent_since`;
  const rows = await session.within(ms, 'the history query', (sql) =>
    sql.unsafe(
      `SELECT ${selectRun}, ${silent} FROM ${schema}.runs r LEFT JOIN ${schema}.sources s ON s.source_id = r.source_id${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.started_at DESC, r.local_id DESC${limit}`,
      params as never[],
    ),
  );
  return rows.map(({host_silent_since: silentSince, ...row}) => ({...toRun(row), host_silent_since: (silentSince as string | null) ?? null}));
}

/** One central run, by the host (or source id) and local id. Several when the host name is not unique. */
export async function centralRun(session: FleetSession, schema: string, where: {host: string; id: number}, ms: number): Promise<CentralRun[]> {
  const rows = await session.within(ms, 'the run query', (sql) =>
    sql.unsafe(`SELECT ${selectRun} FROM ${schema}.runs r WHERE (r.host = $1 OR r.source_id::text = $1) AND r.local_id = $2 ORDER BY r.source_id`, [where.host, where.id]),
  );
  return rows.map((row) => toRun(row));
}

export interface CentralJobStats {
  failures: number;
  last_status: string;
  hosts: number;
  host?: string;
  last_host: string | null;
  last_started_at: string;
  name: string;
  p50_ms: number | null;
  p95_ms: number | null;
  runs: number;
  success_rate: number | null;
}

// As local stats: an interruption ran only once its command had started.
const ranSql = `r.status = ANY($2::text[]) AND (r.status <> 'interrupted' OR r.child_pid IS NOT NULL) AND r.duration_ms IS NOT NULL`;

/**
 * Per job across hosts (or per job and host): runs, failures, success rate, and the median and
 * p95 of the runs that ran, exact (nearest rank, as local stats approximates it).
 */
export async function centralStats(
  session: FleetSession,
  schema: string,
  {byHost, failed, name, ran, since}: {byHost: boolean; failed: readonly string[]; name?: string; ran: readonly string[]; since?: string},
  ms: number,
): Promise<CentralJobStats[]> {
  const group = byHost ? 'r.name, r.host' : 'r.name';
  const rows = await session.within(ms, 'the stats query', (sql) =>
    sql.unsafe(
      `SELECT r.name, ${byHost ? 'r.host,' : ''} count(*) FILTER (WHERE r.status <> 'pruned') AS runs,
  count(*) FILTER (WHERE r.status = ANY($1::text[])) AS failures,
  count(*) FILTER (WHERE r.status = 'succeeded') AS succeeded,
  percentile_disc(0.5) WITHIN GROUP (ORDER BY r.duration_ms) FILTER (WHERE ${ranSql}) AS p50_ms,
  percentile_disc(0.95) WITHIN GROUP (ORDER BY r.duration_ms) FILTER (WHERE ${ranSql}) AS p95_ms,
  ${iso('max(r.started_at)')} AS last_started_at,
  (array_agg(r.host ORDER BY r.started_at DESC, r.local_id DESC))[1] AS last_host,
  (array_agg(r.status ORDER BY r.started_at DESC, r.local_id DESC))[1] AS last_status,
  count(DISTINCT r.host) AS hosts
FROM ${schema}.runs r
WHERE r.status <> 'pruned' AND ($3::text IS NULL OR r.name = $3) AND ($4::timestamptz IS NULL OR r.started_at >= $4::timestamptz)
GROUP BY ${group} ORDER BY r.name${byHost ? ', r.host' : ''}`,
      [textArray(failed), textArray(ran), name ?? null, since ?? null] as never[],
    ),
  );
  return rows.map((row) => {
    const failures = Number(row.failures);
    const succeeded = Number(row.succeeded);
    return {
      failures,
      ...(byHost ? {host: String(row.host)} : {}),
      hosts: Number(row.hosts),
      last_host: (row.last_host as string | null) ?? null,
      last_status: String(row.last_status),
      last_started_at: String(row.last_started_at),
      name: String(row.name),
      p50_ms: row.p50_ms === null ? null : Math.round(Number(row.p50_ms)),
      p95_ms: row.p95_ms === null ? null : Math.round(Number(row.p95_ms)),
      runs: Number(row.runs),
      success_rate: succeeded + failures === 0 ? null : succeeded / (succeeded + failures),
    };
  });
}

/** Two runs of one fleet lock whose times intersect: the single-instance promise broken, with both epochs. */
export interface Overlap {
  lock: string;
  first: OverlapSide;
  second: OverlapSide;
}

export interface OverlapSide {
  ended_at: string | null;
  epoch: number | null;
  host: string;
  id: number;
  source_id: string;
  started_at: string;
}

/** Every overlap of fleet-locked runs that ran (or run still), one of them started since `since` (all when absent), one of them of job `name`, or of log `sourceId`, when given. */
export async function centralOverlaps(
  session: FleetSession,
  schema: string,
  {name, ran, since, sourceId}: {name?: string; ran: readonly string[]; since?: string; sourceId?: string},
  ms: number,
): Promise<Overlap[]> {
  const rows = await session.within(ms, 'the overlap query', (sql) =>
    sql.unsafe(
      `SELECT a.lock, a.host AS a_host, a.local_id AS a_id, a.lock_epoch AS a_epoch, ${iso('a.started_at')} AS a_start, ${iso('a.ended_at')} AS a_end, a.source_id::text AS a_source,
  b.host AS b_host, b.local_id AS b_id, b.lock_epoch AS b_epoch, ${iso('b.started_at')} AS b_start, ${iso('b.ended_at')} AS b_end, b.source_id::text AS b_source
FROM ${schema}.runs a JOIN ${schema}.runs b
  ON a.lock = b.lock AND a.lock_scope = 'fleet' AND b.lock_scope = 'fleet'
 AND (a.source_id, a.local_id) < (b.source_id, b.local_id)
 AND ((a.status = ANY($1::text[]) AND (a.status <> 'interrupted' OR a.child_pid IS NOT NULL)) OR a.status IN ('starting', 'running'))
 AND ((b.status = ANY($1::text[]) AND (b.status <> 'interrupted' OR b.child_pid IS NOT NULL)) OR b.status IN ('starting', 'running'))
 AND tstzrange(a.started_at, coalesce(a.ended_at, 'infinity')) && tstzrange(b.started_at, coalesce(b.ended_at, 'infinity'))
WHERE ($2::timestamptz IS NULL OR a.started_at >= $2::timestamptz OR b.started_at >= $2::timestamptz) AND ($3::text IS NULL OR a.name = $3 OR b.name = $3)
  AND ($4::uuid IS NULL OR a.source_id = $4::uuid OR b.source_id = $4::uuid)
ORDER BY a.started_at, b.started_at`,
      [textArray(ran), since ?? null, name ?? null, sourceId ?? null] as never[],
    ),
  );
  const side = (row: Record<string, unknown>, p: 'a' | 'b') => ({
    ended_at: (row[`${p}_end`] as string | null) ?? null,
    epoch: row[`${p}_epoch`] === null ? null : Number(row[`${p}_epoch`]),
    host: String(row[`${p}_host`]),
    id: Number(row[`${p}_id`]),
    source_id: String(row[`${p}_source`]),
    started_at: String(row[`${p}_start`]),
  });
  // The run that started first is named first (the pair's order in SQL follows random source ids).
  return rows.map((row) => {
    const [a, b] = [side(row, 'a'), side(row, 'b')];
    const aFirst = a.started_at < b.started_at || (a.started_at === b.started_at && `${a.host}:${a.id}` <= `${b.host}:${b.id}`);
    return {first: aFirst ? a : b, lock: String(row.lock), second: aFirst ? b : a};
  });
}

/** A fleet lock as `locks --fleet` lists it. */
export interface CentralLock {
  backend_alive: boolean;
  command: string | null;
  epoch: number;
  heartbeat_age_s: number | null;
  host: string | null;
  /** A vanished holder's lock-delay: no host may take the lock before then (by the server's clock, with this host's lockDelay). */
  lock_delay_until: string | null;
  /** Whether the server's clock is still inside that lock-delay. */
  in_lock_delay: boolean;
  name: string;
  pid: number | null;
  run_id: number | null;
  since: string | null;
  /** held: a live session holds it; vanished: never released and no session holds it (lock-delay applies). */
  state: 'held' | 'vanished';
}

/** Fleet locks not released: held by a live session, or left by a holder that vanished. */
export async function centralLocks(session: FleetSession, schema: string, lockDelayMs: number, ms: number): Promise<CentralLock[]> {
  const rows = await session.within(ms, 'the locks query', (sql) =>
    sql.unsafe(
      `SELECT l.name, l.epoch, l.host, l.pid, l.local_id, l.command, ${iso('l.since')} AS since,
  extract(epoch FROM now() - l.heartbeat_at)::float8 AS age,
  ${iso("l.heartbeat_at + $1::bigint * interval '1 millisecond'")} AS delay_until,
  coalesce(now() < l.heartbeat_at + $1::bigint * interval '1 millisecond', false) AS in_delay,
  EXISTS (SELECT 1 FROM pg_locks p WHERE p.locktype = 'advisory' AND p.granted AND p.objsubid = 1
    AND p.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND ((p.classid::bigint << 32) | p.objid::bigint) = l.key) AS alive
FROM ${schema}.locks l WHERE NOT l.released ORDER BY l.name`,
      [Math.trunc(lockDelayMs)],
    ),
  );
  return rows.map((row) => ({
    backend_alive: Boolean(row.alive),
    command: (row.command as string | null) ?? null,
    epoch: Number(row.epoch),
    heartbeat_age_s: row.age === null ? null : Math.round(Number(row.age)),
    host: (row.host as string | null) ?? null,
    in_lock_delay: !row.alive && Boolean(row.in_delay),
    lock_delay_until: row.alive ? null : ((row.delay_until as string | null) ?? null),
    name: String(row.name),
    pid: row.pid === null ? null : Number(row.pid),
    run_id: row.local_id === null ? null : Number(row.local_id),
    since: (row.since as string | null) ?? null,
    state: row.alive ? 'held' : 'vanished',
  }));
}

/** The central copy of one log's chain: seq and hash of each row, and the head the log last shipped. */
export async function centralChain(session: FleetSession, schema: string, sourceId: string, ms: number): Promise<{head: {hash: string | null; seq: number | null} | null; rows: Map<number, {hash: string | null; seq: number | null; status: string}>}> {
  const [head] = await session.within(ms, 'the chain head query', (sql) => sql.unsafe(`SELECT head_seq, head_hash FROM ${schema}.sources WHERE source_id = $1::uuid`, [sourceId]));
  const rows = await session.within(ms, 'the chain query', (sql) => sql.unsafe(`SELECT local_id, seq, hash, status FROM ${schema}.runs WHERE source_id = $1::uuid`, [sourceId]));
  return {
    head: head ? {hash: (head.head_hash as string | null) ?? null, seq: head.head_seq === null ? null : Number(head.head_seq)} : null,
    rows: new Map(rows.map((row) => [Number(row.local_id), {hash: (row.hash as string | null) ?? null, seq: row.seq === null ? null : Number(row.seq), status: String(row.status)}])),
  };
}
