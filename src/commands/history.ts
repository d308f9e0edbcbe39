import type {HistoryFilter} from '../audit/queries.js';
import {failureStatuses} from '../audit/row.js';
import {readFleet} from '../cli/fleet-reading.js';
import {GuardCommand} from '../cli/guard-command.js';
import {historyDescription, historyFilter, historyFlags, localHistory, plural, type HistoryFlags} from '../cli/history.js';
import {stdoutLook} from '../cli/look.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {fleetHistoryTable, runsCsv} from '../cli/output.js';
import {print} from '../print.js';

// A live run whose host has shipped nothing for this long is marked: its host may be down or cut off.
const silentAfterMs = 60 * 60 * 1000;

export default class History extends GuardCommand {
  static override summary = 'Past runs, newest first.';
  // One line per paragraph: help wraps them to the screen.
  static override description = historyDescription;

  static override examples = [
    '<%= config.bin %> history --failed --since 7d',
    '<%= config.bin %> history --name backup --limit 5',
    '<%= config.bin %> history --grep inc-4521 --all',
    "<%= config.bin %> history --grep pg_dump --json | jq '.[].exit_code'",
    '<%= config.bin %> history --fleet --failed --host web2',
  ];

  static override flags = oclifFlags(historyFlags);

  async run(): Promise<void> {
    const {flags} = await this.parse(History);
    const filter = historyFilter(flags satisfies HistoryFlags);
    if (flags.fleet) return this.fleetHistory(filter, flags);
    localHistory(flags, filter);
  }

  private async fleetHistory(filter: HistoryFilter, flags: HistoryFlags): Promise<void> {
    const {centralHistory} = await import('../fleet/central.js');
    const {failed, limit, ...rest} = filter;
    // One more than shown says whether more match, without counting them all.
    const runs = await readFleet('guard history --fleet', (session, fleet) =>
      centralHistory(session, fleet.schema, {...rest, failed: failed ? failureStatuses : undefined, limit: limit === undefined ? undefined : limit + 1, silentAfterMs}, 30_000),
    );
    const more = limit !== undefined && runs.length > limit;
    const shown = more ? runs.slice(0, limit) : runs;
    if (flags.json) return this.logJson(shown);
    if (flags.csv) return print('stdout', runsCsv(shown, ['source_id', 'revision', 'shipped_at']));
    if (shown.length === 0) return this.log('no runs match');
    const look = stdoutLook(process.env);
    this.logLines(fleetHistoryTable(shown, look), look);
    if (more) this.log(`the newest ${plural(shown.length)}; more match: --limit N or --all`);
  }
}
