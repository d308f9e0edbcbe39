import {requireLogFile} from '../audit/open.js';
import {prune, thisGuard, type PruneResult} from '../audit/prune.js';
import {openAuditStore, openAuditStoreForQueries} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {dbFlag, fleetFlag} from '../cli/flag-spec.js';
import {fleetReadingStatuses, isPermissionDenied, readFleet} from '../cli/fleet-reading.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {thousands} from '../cli/output.js';
import {parsePast} from '../cli/query-flags.js';
import {formatDuration} from '../duration.js';
import {GuardError, UsageError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {log} from '../log.js';
import {loadPolicy} from '../policy-files/index.js';
import {auditDbPath} from '../paths.js';
import {displayCommand} from '../run/display.js';
import {pruneBatch} from '../fleet/retention.js';

function said(result: PruneResult, cutoff: string, dryRun: boolean): string {
  const {deleted, kept, queued, recorded} = result;
  const verb = dryRun ? 'would delete' : 'deleted';
  const waiting = queued > 0 ? `, ${queued} of them not yet shipped to the fleet (--force deletes them anyway)` : '';
  const rest = kept > 0 ? `; kept ${kept} older (still running, waiting to be shipped, or ended after a newer run that stays${waiting})` : '';
  const head = recorded ? `; recorded as run ${recorded.id}, new head ${recorded.link.hash} (seq ${recorded.link.seq})` : '';
  return `${verb} ${deleted} ${deleted === 1 ? 'run' : 'runs'} started before ${cutoff}${rest}${head}`;
}

/** The cutoff the policy's audit.retention sets; without one, a usage error: a prune never guesses its age. */
async function retentionCutoff(): Promise<string> {
  // audit.* is the machine's: only the system and user policies may set it, so no --policy here.
  const {settings} = await loadPolicy({cwd: process.cwd(), env: process.env});
  const retention = settings.audit.retention;
  if (!retention) throw new UsageError('no --older-than given, and no policy sets audit.retention: guard prune --older-than DUR [--db FILE] [--dry-run]');
  return parsePast(formatDuration(retention.value), `audit.retention in ${retention.source}`);
}

export default class Prune extends GuardCommand {
  static override summary = 'Delete finished runs older than a duration; the hash chain still verifies.';
  static override description = [
    'One transaction. Runs still going are never deleted. The chain is cut only at its old end:',
    'a run that ended after a newer, kept run stays until that one goes. The prune itself is',
    "recorded in the chain (a row of status pruned naming what it removed), and guard's JSON",
    'log carries the new head: keep it for verify --head. A missing log is an error (74), never',
    'created; --dry-run only reads. --older-than 0 (or a date not yet past) is a usage error.',
    "Without --older-than, the policy's audit.retention is the age (system or user policy);",
    'with neither, nothing is deleted and the usage error says so. A run not yet shipped to the',
    "fleet's central history is kept, with every later run, unless --force is given.",
    "--fleet prunes the fleet's central history on PostgreSQL instead, apart from any host's log: the central runs",
    `started before --older-than (required), ${thousands(pruneBatch)} at a time, runs still going kept. It needs a role that may delete`,
    "(the admin, or one granted DELETE on the runs table): a host's writer role never may, and is refused with",
    `${exitStatus.notPermitted}. --dry-run counts. ${fleetReadingStatuses}`,
  ].join(' ');

  static override examples = ['<%= config.bin %> prune --older-than 90d', '<%= config.bin %> prune --older-than 30d --dry-run', '<%= config.bin %> prune   # runs older than the policy\'s audit.retention', 'GUARD_FLEET_URL=postgres://admin@db.internal/guard <%= config.bin %> prune --fleet --older-than 180d'];
  static override flags = oclifFlags({
    db: dbFlag,
    'dry-run': {kind: 'boolean', summary: 'say how many runs would be deleted; delete nothing'},
    fleet: fleetFlag("prune the fleet's central history instead (needs a role that may delete)"),
    force: {kind: 'boolean', exclusive: ['fleet'], summary: "also delete runs not yet shipped to the fleet's central history (they are then never shipped)"},
    'older-than': {kind: 'value', helpValue: 'DUR', summary: "delete runs started longer ago than DUR (30d, 12h); default: the policy's audit.retention"},
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(Prune);
    if (flags.fleet) {
      // The central history's age is the admin's choice each time: no host's audit.retention applies.
      if (flags['older-than'] === undefined) throw new UsageError('--fleet needs --older-than DUR: guard prune --fleet --older-than 180d [--dry-run]');
      return this.pruneFleet(parsePast(flags['older-than'], '--older-than'), flags['dry-run']);
    }

    const cutoff = flags['older-than'] === undefined ? await retentionCutoff() : parsePast(flags['older-than'], '--older-than');
    const path = auditDbPath({env: process.env, flag: flags.db});
    const dryRun = flags['dry-run'];
    // A writer, but never of a log that is not there: a mistyped --db is an error, not a new log.
    if (!dryRun) requireLogFile(path);
    const store = dryRun ? openAuditStoreForQueries(path) : openAuditStore(path);
    try {
      const argv = ['guard', 'prune', ...this.argv];
      const force = flags.force;
      const result = dryRun ? prune(store, cutoff, {dryRun, force}) : prune(store, cutoff, {dryRun, force, pruner: thisGuard(argv, displayCommand(argv))});
      if (result.recorded) {
        const {id, link, record} = result.recorded;
        log().info('pruned', {deleted: result.deleted, first_seq: record.first_seq, head: link.hash, id, last_hash: record.last_hash, last_seq: record.last_seq});
      }

      this.log(said(result, cutoff, dryRun));
    } finally {
      store.close();
    }
  }

  private async pruneFleet(cutoff: string, dryRun: boolean): Promise<void> {
    const {pruneCentral, PruneHidden} = await import('../fleet/retention.js');
    const what = 'guard prune --fleet';
    const result = await readFleet(what, async (session, fleet) => {
      const refused = (why: string) =>
        new GuardError(`${what}: PostgreSQL role '${session.target.user}' may not delete from ${fleet.schema}.runs (${why}): prune as the admin or a role granted DELETE`, exitStatus.notPermitted);
      try {
        return await pruneCentral(session, fleet.schema, cutoff, dryRun, 120_000);
      } catch (error) {
        if (isPermissionDenied(error)) throw refused('permission denied');
        if (error instanceof PruneHidden) throw refused(error.message);
        throw error;
      }
    });
    const runs = (count: number) => `${thousands(count)} central ${count === 1 ? 'run' : 'runs'}`;
    if (dryRun) return this.log(`would delete ${runs(result.matched)} started before ${cutoff}`);
    this.log(`deleted ${runs(result.deleted)} started before ${cutoff}${result.batches > 1 ? ` in ${result.batches} batches` : ''}`);
  }
}
