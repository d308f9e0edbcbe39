// The fleet lock's statements. The advisory lock is the lock; the row in `locks` records its
// holder and fencing epoch. Taking it is one statement: try the advisory lock, and only if
// that succeeded claim the row, bumping the epoch, unless the previous holder vanished
// (never released) less than lockDelay ago by the server's clock. No statement ever waits
// for the lock: `--lock-wait` polls.
import {centralSchemaVersion} from './schema.js';
import type {FleetSession} from './session.js';

/** Who holds (or last held) a fleet lock, as the `locks` row says. */
export interface FleetHolder {
  epoch: number;
  host: string | null;
  pid: number | null;
  released: boolean;
  since: string | null;
  /** Seconds since the holder's last heartbeat, by the server's clock. */
  silentS: number | null;
  command: string | null;
}

export type Acquired = {epoch: number; state: 'held'} | {holder: FleetHolder | null; state: 'busy'} | {holder: FleetHolder; state: 'delay'};

export interface Claim {
  command: string;
  host: string;
  key: bigint;
  lockDelayMs: number;
  name: string;
  pid: number;
  /** This guard lost the lock mid-run and takes it again: its own unreleased row does not hold it off. */
  retake?: boolean;
  sourceId: string;
}

const holderColumns = (l: string) =>
  `${l}.epoch, ${l}.host, ${l}.pid, ${l}.released, ${l}.command, to_char(${l}.since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS since, extract(epoch FROM now() - ${l}.heartbeat_at)::float8 AS silent_s`;

function holderOf(row: Record<string, unknown> | undefined): FleetHolder | null {
  if (!row || row.epoch === null || row.epoch === undefined) return null;
  return {
    command: (row.command as string | null) ?? null,
    epoch: Number(row.epoch),
    host: (row.host as string | null) ?? null,
    pid: row.pid === null ? null : Number(row.pid),
    released: Boolean(row.released),
    silentS: row.silent_s === null ? null : Number(row.silent_s),
    since: (row.since as string | null) ?? null,
  };
}

/** The central schema's version, or null when `guard fleet init` never ran there. */
export async function schemaVersion(session: FleetSession, schema: string, ms: number): Promise<number | null> {
  try {
    const rows = await session.within(ms, 'the schema check', (sql) => sql.unsafe(`SELECT value FROM ${schema}.meta WHERE key = 'schema_version'`));
    const version = rows[0]?.value;
    return version === null || version === undefined ? null : Number(version);
  } catch (error) {
    // No such schema (3F000) or table (42P01): `guard fleet init` never ran there.
    const code = (error as {code?: string}).code;
    if (code === '42P01' || code === '3F000') return null;
    throw error;
  }
}

/** Why this guard cannot use the central schema, or null when it can. */
export function schemaProblem(version: number | null, schema: string): string | null {
  if (version === null) return `the central schema '${schema}' is missing: run \`guard fleet init\``;
  if (version > centralSchemaVersion) return `the central schema '${schema}' is version ${version}, newer than this guard knows (${centralSchemaVersion}): upgrade guard`;
  if (version < centralSchemaVersion) return `the central schema '${schema}' is version ${version}, older than this guard needs (${centralSchemaVersion}): run \`guard fleet init\``;
  return null;
}

/** Tries once to take the lock; never waits. With the advisory lock but inside lockDelay, gives it back. */
export async function tryAcquire(session: FleetSession, schema: string, claim: Claim, ms: number): Promise<Acquired> {
  const rows = await session.within(ms, 'the lock request', (sql) =>
    sql.unsafe(
      `WITH got AS (SELECT pg_try_advisory_lock($2::bigint) AS ok),
prev AS (SELECT ${holderColumns('l')} FROM ${schema}.locks l WHERE l.name = $1),
claim AS (
  INSERT INTO ${schema}.locks AS l (name, key, epoch, source_id, host, pid, command, backend_pid, since, heartbeat_at, released)
  SELECT $1, $2::bigint, 1, $3::uuid, $4, $5::integer, $6, pg_backend_pid(), now(), now(), false FROM got WHERE got.ok
  ON CONFLICT (name) DO UPDATE SET epoch = l.epoch + 1, source_id = EXCLUDED.source_id, local_id = NULL, host = EXCLUDED.host,
    pid = EXCLUDED.pid, command = EXCLUDED.command, backend_pid = EXCLUDED.backend_pid, since = now(), heartbeat_at = now(), released = false
  WHERE l.released OR l.heartbeat_at < now() - ($7::bigint * interval '1 millisecond')
    OR ($8::boolean AND l.source_id = $3::uuid AND l.pid = $5::integer)
  RETURNING l.epoch)
SELECT got.ok, (SELECT epoch FROM claim) AS claimed, prev.* FROM got LEFT JOIN prev ON true`,
      [claim.name, claim.key.toString(), claim.sourceId, claim.host, claim.pid, claim.command, claim.lockDelayMs, claim.retake === true],
    ),
  );
  const row = rows[0] as Record<string, unknown>;
  const holder = holderOf(row);
  if (!row.ok) return {holder: holder && !holder.released ? holder : await freshHolder(session, schema, claim.name, ms), state: 'busy'};
  if (row.claimed !== null && row.claimed !== undefined) return {epoch: Number(row.claimed), state: 'held'};
  // The advisory lock is free but the last holder vanished without releasing, too recently.
  await session.within(ms, 'the lock hand-back', (sql) => sql.unsafe('SELECT pg_advisory_unlock($1::bigint)', [claim.key.toString()]));
  return {holder: holder!, state: 'delay'};
}

/**
 * The holder of a lock whose row said nobody (or a released run) while its advisory lock was
 * taken: a guard that took it an instant earlier, its claim not yet committed when this
 * statement read the row (two hosts starting the same job at once). Read again a few times,
 * 20 ms apart; still nobody, it is a session that is no guard run.
 */
async function freshHolder(session: FleetSession, schema: string, name: string, ms: number): Promise<FleetHolder | null> {
  for (let tries = 0; tries < 5; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const rows = await session.within(ms, 'the holder record', (sql) => sql.unsafe(`SELECT ${holderColumns('l')} FROM ${schema}.locks l WHERE l.name = $1`, [name]));
    const holder = holderOf(rows[0] as Record<string, unknown> | undefined);
    if (holder && !holder.released) return holder;
  }

  return null;
}

/** Records the run's local id with its holder, so `locks --fleet` can name the run. */
export async function noteRun(session: FleetSession, schema: string, name: string, epoch: number, localId: number, ms: number): Promise<void> {
  // Best effort: only the wait is given up, never the lock (its heartbeats decide).
  await session.within(
    ms,
    'the holder record',
    (sql) => sql.unsafe(`UPDATE ${schema}.locks SET local_id = $3 WHERE name = $1 AND epoch = $2 AND backend_pid = pg_backend_pid()`, [name, epoch, localId]),
    {keep: true},
  );
}

/**
 * One heartbeat: true while this session still holds the lock at this epoch. No row means
 * the session is not the holder's (a pooler switched backends, or the row was taken over).
 */
export async function heartbeat(session: FleetSession, schema: string, name: string, epoch: number, ms: number, lostWhy: string): Promise<boolean> {
  const rows = await session.within(
    ms,
    'the heartbeat',
    (sql) => sql.unsafe(`UPDATE ${schema}.locks SET heartbeat_at = now() WHERE name = $1 AND epoch = $2 AND backend_pid = pg_backend_pid() RETURNING epoch`, [name, epoch]),
    {lostWhy},
  );
  return rows.length === 1;
}

/** The normal end: the row marked released and the advisory lock let go, in one round trip. */
export async function release(session: FleetSession, schema: string, name: string, epoch: number, key: bigint, ms: number): Promise<void> {
  await session.within(ms, 'the release', (sql) =>
    sql.unsafe(
      `WITH done AS (UPDATE ${schema}.locks SET released = true, heartbeat_at = now() WHERE name = $1 AND epoch = $2 AND backend_pid = pg_backend_pid() RETURNING 1)
SELECT pg_advisory_unlock($3::bigint) AS unlocked, (SELECT count(*) FROM done) AS marked`,
      [name, epoch, key.toString()],
    ),
  );
}

/** Says who holds a fleet lock, for the busy line. */
export function holderText(holder: FleetHolder | null): string {
  if (!holder) return 'a session that is no guard run';
  const who = `${holder.host ?? '?'} (pid ${holder.pid ?? '?'}, epoch ${holder.epoch}${holder.since ? `, since ${holder.since}` : ''}`;
  const silent = holder.silentS === null ? '' : `, last heartbeat ${Math.round(holder.silentS)} s ago`;
  return `${who}${silent})${holder.command ? `: ${holder.command}` : ''}`;
}
