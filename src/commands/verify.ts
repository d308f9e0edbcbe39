import {openAuditStoreForQueries, type AuditStore} from '../audit/store.js';
import {ranStatuses} from '../audit/row.js';
import {shippingState, verifyChain, type Verdict} from '../audit/verify.js';
import {GuardCommand} from '../cli/guard-command.js';
import {fleetReadingStatuses, readFleet} from '../cli/fleet-reading.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {overlapLines} from '../cli/output.js';
import {brokenLine, counted, headOf, summary, verifyFlags, verifyLocal} from '../cli/verify.js';
import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath} from '../paths.js';

export default class Verify extends GuardCommand {
  static override summary = "Check the audit log's hash chain; name the first row that does not verify.";
  static override description = [
    'Exit 0 when every finished run links to the one before it and matches its hash, and every',
    `prune is recorded in the chain; ${exitStatus.chainBroken} when not; ${exitStatus.auditUnavailable} when the log is missing or not a guard log.`,
    'Only reads: the log is never created, migrated or changed.',
    'The chain proves nothing on its own if rows were cut off and the chain rewritten: keep the',
    "head hash (in guard's JSON log, for each run and each prune) somewhere else and pass it",
    'with --head; a prune after that head fails it, so keep the head the prune logged.',
    "--fleet also compares the log with its copy in the fleet's central history: each finished run",
    'shipped must have the same seq and hash there, and the head the log last shipped must be its',
    'row of that seq. Each difference is one line. Runs still queued to ship are counted, not',
    'differences; older runs with no central copy (from before the log joined the fleet, or pruned',
    "there) are counted too. It also lists overlaps of this log's runs with another run of the same",
    `fleet lock. Exit ${exitStatus.chainBroken} when the chain breaks, a run differs or an overlap is found. ${fleetReadingStatuses}`,
  ].join(' ');

  static override examples = ['<%= config.bin %> verify', '<%= config.bin %> verify --head 3f1a…', '<%= config.bin %> verify --fleet'];
  static override flags = oclifFlags(verifyFlags);

  async run(): Promise<void> {
    const {flags} = await this.parse(Verify);
    if (!flags.fleet) return verifyLocal(flags);
    const head = headOf(flags);
    const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
    try {
      await this.verifyFleet(store, verifyChain(store, head));
    } finally {
      store.close();
    }
  }

  private async verifyFleet(store: AuditStore, verdict: Verdict): Promise<void> {
    const {centralChain, centralOverlaps} = await import('../fleet/central.js');
    const {compareWithCentral} = await import('../fleet/compare.js');
    const local = shippingState(store);
    const {central, overlaps, ships} = await readFleet('guard verify --fleet', async (session, fleet) => ({
      central: await centralChain(session, fleet.schema, local.sourceId, 60_000),
      overlaps: await centralOverlaps(session, fleet.schema, {ran: ranStatuses, sourceId: local.sourceId}, 60_000),
      ships: fleet.history,
    }));

    const lines = [verdict.ok ? summary(store.path, verdict) : brokenLine(store.path, verdict)];
    const comparison = compareWithCentral(local, central);
    if (!ships && central.head === null && central.rows.size === 0) {
      lines.push(`central history: fleet.history is off and log ${local.sourceId} never shipped: nothing to compare`);
      comparison.differences = [];
    } else {
      const counts = [comparison.matched === 1 ? '1 finished run matches its central copy' : `${comparison.matched} finished runs match their central copies`];
      if (comparison.unshipped > 0) counts.push(`${counted(comparison.unshipped, 'row', 'rows')} not yet shipped`);
      if (comparison.before > 0) counts.push(`${counted(comparison.before, 'older run has', 'older runs have')} no central copy (before this log joined the fleet, or pruned there)`);
      lines.push(`central history of log ${local.sourceId}: ${counts.join('; ')}`, ...comparison.differences);
    }

    lines.push(...overlapLines(overlaps));
    for (const line of lines) this.log(line);
    if (!verdict.ok || comparison.differences.length > 0 || overlaps.length > 0) {
      const found = [
        ...(verdict.ok ? [] : ['the local chain is broken']),
        ...(comparison.differences.length > 0 ? [counted(comparison.differences.length, 'difference', 'differences') + ' with the central copy'] : []),
        ...(overlaps.length > 0 ? [counted(overlaps.length, 'overlap', 'overlaps') + " of this log's runs"] : []),
      ];
      throw new GuardError(`verify --fleet: ${found.join(', ')}`, exitStatus.chainBroken);
    }
  }
}
