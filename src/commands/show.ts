import {Args} from '@oclif/core';
import {GuardCommand} from '../cli/guard-command.js';
import {fleetReadingStatuses, readFleet} from '../cli/fleet-reading.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {runDetails} from '../cli/output.js';
import {parsePositiveInteger} from '../cli/query-flags.js';
import {showFlags, showLocalRun} from '../cli/show.js';
import {GuardError, UsageError} from '../errors.js';
import {exitStatus} from '../exit-status.js';

/** `HOST:ID` or `SOURCE_ID:ID`: the run's local id after the last colon. */
function centralKey(text: string): {host: string; id: number} {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) throw new UsageError(`ID: '${text}' is not HOST:ID or SOURCE_ID:ID (--fleet names a run by its host or audit log, and its id there)`);
  return {host: text.slice(0, colon), id: parsePositiveInteger(text.slice(colon + 1), 'ID')};
}

export default class Show extends GuardCommand {
  static override summary = 'One run in full, with its captured output tails.';
  static override description = [
    `Exits ${exitStatus.noSuchRun} when no run has that id, ${exitStatus.usage} when the id is not a positive integer.`,
    "--fleet shows a run from the fleet's central history: name it HOST:ID (ID is the run's id in that host's log, as history --fleet lists it) or SOURCE_ID:ID.",
    `A host with several audit logs (one per user, or --db) is ambiguous: that exits ${exitStatus.usage} and lists their source ids. ${fleetReadingStatuses}`,
  ].join(' ');

  static override examples = ['<%= config.bin %> show 42', '<%= config.bin %> show 42 --json', '<%= config.bin %> show --fleet web2:42'];

  static override args = {id: Args.string({description: 'the run id (from history); with --fleet, HOST:ID or SOURCE_ID:ID', required: true})};
  static override flags = oclifFlags(showFlags);

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Show);
    if (flags.fleet) return this.showCentral(centralKey(args.id), flags.json);
    showLocalRun(args.id, flags);
  }

  private async showCentral(key: {host: string; id: number}, json: boolean): Promise<void> {
    const {centralRun} = await import('../fleet/central.js');
    const runs = await readFleet('guard show --fleet', (session, fleet) => centralRun(session, fleet.schema, key, 30_000));
    if (runs.length === 0) throw new GuardError(`no run ${key.host}:${key.id} in the fleet's central history`, exitStatus.noSuchRun);
    if (runs.length > 1) {
      const logs = runs.map((run) => `${run.source_id}:${key.id}`).join(', ');
      throw new UsageError(`${key.host}:${key.id} names runs of ${runs.length} audit logs on host ${key.host}: give one as SOURCE_ID:ID (${logs})`);
    }

    const [run] = runs;
    if (json) return this.logJson(run);
    this.log(runDetails(run!, [['source_id', run!.source_id], ['revision', run!.revision], ['shipped_at', run!.shipped_at]]));
  }
}
