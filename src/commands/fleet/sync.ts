import {GuardCommand} from '../../cli/guard-command.js';
import {dbFlag, policyFlag} from '../../cli/flag-spec.js';
import {oclifFlags} from '../../cli/oclif-flags.js';
import {parsePositiveInteger} from '../../cli/query-flags.js';
import {GuardError} from '../../errors.js';
import {exitStatus} from '../../exit-status.js';
import {requiredFleet} from '../../fleet/configured.js';
import {auditDbPath} from '../../paths.js';

export default class FleetSync extends GuardCommand {
  static override summary = "Ship the audit log's queued runs to the fleet's central history now.";
  static override description = [
    'Every run is recorded in the local audit log first and queued for the central history; runs ship after their command',
    'starts and when it ends, and what could not be shipped (PostgreSQL was down) waits for the next run or for this',
    'command. Ships everything queued (or --limit rows) and says how many are left. Useful from cron on quiet hosts.',
    `Exits ${exitStatus.fleetUnavailable} when PostgreSQL cannot be reached or rows are left unshipped.`,
  ].join(' ');

  static override examples = ['<%= config.bin %> fleet sync', '<%= config.bin %> fleet sync --limit 1000'];
  static override flags = oclifFlags({
    db: dbFlag,
    limit: {helpValue: 'N', kind: 'value', summary: 'ship at most N rows [default: all]'},
    policy: policyFlag,
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(FleetSync);
    const fleet = await requiredFleet('guard fleet sync', {cwd: process.cwd(), env: process.env, policyFlag: flags.policy});
    const {openLogOutbox} = await import('../../fleet/outbox-log.js');
    const outbox = openLogOutbox(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const before = outbox.backlog();
      if (before.count === 0) return this.log('nothing is queued');
      const {openFleetSession} = await import('../../fleet/lock.js');
      const {drain} = await import('../../fleet/ship.js');
      let session;
      try {
        session = await openFleetSession(fleet, 'guard fleet sync');
      } catch (error) {
        throw new GuardError(`guard fleet sync: ${(error as Error).message}; ${before.count} run rows stay queued`, exitStatus.fleetUnavailable);
      }

      try {
        const result = await drain(session, fleet.schema, outbox, {deadline: Number.POSITIVE_INFINITY, limit: flags.limit === undefined ? Number.POSITIVE_INFINITY : parsePositiveInteger(flags.limit, '--limit'), output: fleet.output});
        const left = outbox.backlog().count;
        this.log(`shipped ${result.shipped} run rows; ${left} left`);
        if (result.error) throw new GuardError(`guard fleet sync: ${result.error}; ${left} run rows stay queued`, exitStatus.fleetUnavailable);
      } finally {
        await session.end();
      }
    } finally {
      outbox.close();
    }
  }
}
