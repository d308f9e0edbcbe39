import {GuardCommand} from '../../cli/guard-command.js';
import {dbFlag, jsonFlag, policyFlag} from '../../cli/flag-spec.js';
import {oclifFlags} from '../../cli/oclif-flags.js';
import {exitStatus} from '../../exit-status.js';
import {requiredFleet} from '../../fleet/configured.js';
import {auditDbPath} from '../../paths.js';

interface FleetStatus {
  url: string;
  source: string;
  reachable: boolean;
  error: string | null;
  server_version: string | null;
  tls: boolean | null;
  schema: string;
  schema_version: number | null;
  schema_problem: string | null;
  source_id: string | null;
  queued: number | null;
  oldest_queued: string | null;
  clock_offset_ms: number | null;
  /** False when two transactions saw different backends: a transaction pooler, which breaks session locks. */
  same_backend: boolean | null;
}

export default class FleetStatusCommand extends GuardCommand {
  static override summary = "Show the fleet's connection, central schema, queued runs and clock offset.";
  static override description = [
    'Connects to fleet.url as a run would and says: whether PostgreSQL answers (and the server version, TLS), the central',
    "schema's version, this audit log's source id, how many runs wait in the outbox to be shipped and since when, this",
    "host's clock offset from the server's (locking uses only the server's clock; history shows host times), and whether",
    'the connection keeps one backend across transactions (a transaction pooler does not, and breaks session locks).',
    `Exits ${exitStatus.fleetUnavailable} when PostgreSQL cannot be reached, its schema is missing or of another version, or a pooler switches backends.`,
  ].join(' ');

  static override examples = ['<%= config.bin %> fleet status', '<%= config.bin %> fleet status --json'];
  static override flags = oclifFlags({
    db: dbFlag,
    json: jsonFlag('print one JSON object'),
    policy: policyFlag,
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(FleetStatusCommand);
    const fleet = await requiredFleet('guard fleet status', {cwd: process.cwd(), env: process.env, policyFlag: flags.policy});
    const {displayUrl} = await import('../../fleet/target.js');
    const status: FleetStatus = {
      clock_offset_ms: null,
      error: null,
      oldest_queued: null,
      queued: null,
      reachable: false,
      same_backend: null,
      schema: fleet.schema,
      schema_problem: null,
      schema_version: null,
      server_version: null,
      source: fleet.source,
      source_id: null,
      tls: null,
      url: displayUrl(fleet.url),
    };
    const {openLogOutboxIfPresent} = await import('../../fleet/outbox-log.js');
    const outbox = openLogOutboxIfPresent(auditDbPath({env: process.env, flag: flags.db}));
    if (outbox) {
      const backlog = outbox.backlog();
      Object.assign(status, {oldest_queued: backlog.oldest, queued: backlog.count, source_id: outbox.sourceId});
      outbox.close();
    }

    await probe(fleet, status);
    if (!status.reachable || status.schema_problem || status.same_backend === false) process.exitCode = exitStatus.fleetUnavailable;
    if (flags.json) return this.logJson(status);
    const ago = (iso: string) => `${Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000))} s ago`;
    const lines: Array<[string, string]> = [
      ['fleet', `${status.url} (from ${status.source})`],
      ['server', status.reachable ? `reachable, PostgreSQL ${status.server_version}, TLS ${status.tls ? 'yes' : 'no'}` : `UNREACHABLE: ${status.error}`],
      ['schema', status.schema_problem ?? `${status.schema}, version ${status.schema_version}`],
      ['source', status.source_id ? `${status.source_id} (this audit log)` : 'no audit log yet'],
      ['queued', status.queued === null ? '-' : status.queued === 0 ? 'nothing' : `${status.queued} run rows, the oldest queued ${ago(status.oldest_queued!)}`],
      ['clock', status.clock_offset_ms === null ? '-' : `this host is ${Math.abs(status.clock_offset_ms) / 1000} s ${status.clock_offset_ms >= 0 ? 'ahead of' : 'behind'} the server`],
      [
        'pooling',
        status.same_backend === null ? '-' : status.same_backend ? 'one backend across transactions (direct or session pooling)' : 'BACKEND CHANGED between transactions: a transaction pooler breaks the fleet lock; use a direct or session-pooled URL',
      ],
    ];
    for (const [label, text] of lines) this.log(`${label.padEnd(8)} ${text}`);
  }
}

async function probe(fleet: Awaited<ReturnType<typeof requiredFleet>>, status: FleetStatus): Promise<void> {
  const {FleetSession, describe} = await import('../../fleet/session.js');
  const {fleetTarget} = await import('../../fleet/target.js');
  const {schemaProblem, schemaVersion} = await import('../../fleet/protocol.js');
  let session;
  try {
    session = await FleetSession.open(fleetTarget(fleet.url, fleet.passwordFile ?? undefined), fleet, 'guard fleet status');
  } catch (error) {
    status.error = (error as Error).message;
    return;
  }

  try {
    status.reachable = true;
    const sent = Date.now();
    const [row] = await session.within(fleet.connectTimeoutMs, 'the status query', (sql) =>
      sql.unsafe(
        `SELECT current_setting('server_version') AS version, extract(epoch FROM clock_timestamp())::float8 * 1000 AS now_ms, pg_backend_pid() AS pid,
          coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) AS tls`,
      ),
    );
    const received = Date.now();
    status.server_version = String(row!.version);
    status.tls = Boolean(row!.tls);
    status.clock_offset_ms = Math.round((sent + received) / 2 - Number(row!.now_ms));
    const [again] = await session.within(fleet.connectTimeoutMs, 'the pooling check', (sql) => sql.unsafe('SELECT pg_backend_pid() AS pid'));
    status.same_backend = Number(again!.pid) === Number(row!.pid);
    status.schema_version = await schemaVersion(session, fleet.schema, fleet.connectTimeoutMs);
    status.schema_problem = schemaProblem(status.schema_version, fleet.schema);
  } catch (error) {
    status.error = describe(error);
    status.reachable = false;
  } finally {
    await session.end();
  }
}
