import {GuardCommand} from '../../cli/guard-command.js';
import {policyFlag} from '../../cli/flag-spec.js';
import {oclifFlags} from '../../cli/oclif-flags.js';
import {GuardError} from '../../errors.js';
import {exitStatus} from '../../exit-status.js';
import {requiredFleet} from '../../fleet/configured.js';

export default class FleetInit extends GuardCommand {
  static override summary = "Create or upgrade the fleet's central schema on PostgreSQL.";
  static override description = [
    'Creates the schema named by fleet.schema (default guard) on the fleet.url database: the tables runs, sources, locks and',
    'meta, the roles guard_writer (hosts: insert and update their own rows, never delete) and guard_reader, and row-level',
    'security. Safe to run again: it only adds what is missing. Run it once as a role that may create schemas and roles',
    '(GUARD_FLEET_URL=postgres://admin@db/guard guard fleet init); --print shows the SQL instead of running it.',
    `Exits ${exitStatus.fleetUnavailable} when PostgreSQL cannot be reached or refuses a statement.`,
  ].join(' ');

  static override examples = ['<%= config.bin %> fleet init --print', 'GUARD_FLEET_URL=postgres://admin@db.internal/guard <%= config.bin %> fleet init'];
  static override flags = oclifFlags({
    policy: policyFlag,
    print: {kind: 'boolean', summary: 'print the SQL and run nothing'},
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(FleetInit);
    const fleet = await requiredFleet('guard fleet init', {cwd: process.cwd(), env: process.env, policyFlag: flags.policy});
    const {centralSchemaSql, centralSchemaVersion} = await import('../../fleet/schema.js');
    const statements = centralSchemaSql(fleet.schema);
    if (flags.print) return this.log(statements.map((statement) => `${statement};`).join('\n\n'));

    const {FleetSession, FleetUnreachable, describe} = await import('../../fleet/session.js');
    const {fleetTarget} = await import('../../fleet/target.js');
    const {fleetLockKey} = await import('../../fleet/key.js');
    const {schemaVersion} = await import('../../fleet/protocol.js');
    const target = fleetTarget(fleet.url, fleet.passwordFile ?? undefined);
    let session;
    try {
      session = await FleetSession.open(target, fleet, 'guard fleet init');
    } catch (error) {
      throw new GuardError(`guard fleet init: ${(error as Error).message}`, exitStatus.fleetUnavailable);
    }

    try {
      const before = await schemaVersion(session, fleet.schema, 10_000);
      if (before !== null && before > centralSchemaVersion) {
        throw new GuardError(`guard fleet init: the central schema '${fleet.schema}' is version ${before}, newer than this guard (${centralSchemaVersion}); nothing was changed`, exitStatus.fleetUnavailable);
      }

      // One init at a time, as migrations are: the advisory lock ends with the transaction.
      await session.within(60_000, 'the schema statements', (sql) =>
        sql.begin(async (tx) => {
          await tx.unsafe('SELECT pg_advisory_xact_lock($1::bigint)', [fleetLockKey(`fleet init ${fleet.schema}`).toString()]);
          for (const statement of statements) await tx.unsafe(statement);
          await tx.unsafe(`UPDATE ${fleet.schema}.meta SET value = $1 WHERE key = 'schema_version'`, [String(centralSchemaVersion)]);
        }),
      );
      this.log(`${before === null ? 'created' : 'checked'} the central schema '${fleet.schema}' (version ${centralSchemaVersion}) at ${target.display}`);
    } catch (error) {
      if (error instanceof GuardError) throw error;
      const why = error instanceof FleetUnreachable ? error.message : describe(error);
      throw new GuardError(`guard fleet init: ${why}; nothing was changed`, exitStatus.fleetUnavailable);
    } finally {
      await session.end();
    }
  }
}
