import {pageOfRuns, type HistoryFilter} from '../audit/queries.js';
import {failureStatuses} from '../audit/row.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {dbFlag, fleetFlag} from '../cli/flag-spec.js';
import {fleetReadingStatuses, readFleet} from '../cli/fleet-reading.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {lookOf} from '../cli/look.js';
import {fleetHistoryTable, historyTable, runsCsv} from '../cli/output.js';
import {parseMoment, parsePositiveInteger, parseStatus} from '../cli/query-flags.js';
import {UsageError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath} from '../paths.js';
import {print} from '../print.js';

const defaultLimit = 20;
// How far `history` counts the runs it does not show: the count costs the same at a million rows.
const countUpTo = 10_000;

// Filters that no run can meet together are a mistake to name, not an empty answer.
function contradictions(flags: {failed: boolean; since?: string; until?: string}, filter: HistoryFilter): void {
  if (filter.since !== undefined && filter.until !== undefined && filter.since >= filter.until) {
    throw new UsageError(`--since ${flags.since} is not before --until ${flags.until}: no run can match both`);
  }

  if (flags.failed && filter.status !== undefined && !failureStatuses.includes(filter.status)) {
    throw new UsageError(`--failed and --status ${filter.status} cannot both hold: ${filter.status} is not a failure (${failureStatuses.join(', ')})`);
  }
}

// A live run whose host has shipped nothing for this long is marked: its host may be down or cut off.
const silentAfterMs = 60 * 60 * 1000;

const plural = (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'run' : 'runs'}`;

export default class History extends GuardCommand {
  static override summary = 'Past runs, newest first.';
  // One line per paragraph: help wraps them to the screen.
  static override description = [
    'Times are shown in local time; --since/--until take a duration (7d, 2h: that long ago) or an ISO date or date-time (UTC unless a zone is given).',
    `--failed counts every run that ended without succeeding (${failureStatuses.join(', ')}); runs still going and dry runs are not failures. --grep finds TEXT in the command or the reason, in any case.`,
    `Shows the newest ${defaultLimit} and says how many more match. On a terminal each status carries its mark in colour, as guard stats shows them (NO_COLOR turns colour off); anywhere else the marks are ASCII.`,
    `A bad filter, or two that contradict each other, exits ${exitStatus.usage}.`,
    "--fleet lists the runs of every host from the fleet's central history on PostgreSQL, newest first, with the same filters (--host picks one host). The table adds a HOST column; ID is the run's id in its host's own log (guard show --fleet HOST:ID). A run still starting or running whose host has shipped nothing for over an hour is marked \"host silent since …\": its host may be down or cut off. --json rows also carry host, source_id (which audit log), revision and shipped_at. Runs not yet shipped by their host are not there yet.",
    fleetReadingStatuses,
  ].join('\n\n');

  static override examples = [
    '<%= config.bin %> history --failed --since 7d',
    '<%= config.bin %> history --name backup --limit 5',
    '<%= config.bin %> history --grep inc-4521 --all',
    "<%= config.bin %> history --grep pg_dump --json | jq '.[].exit_code'",
    '<%= config.bin %> history --fleet --failed --host web2',
  ];

  static override flags = oclifFlags({
    all: {kind: 'boolean', exclusive: ['limit'], summary: 'every matching run, however many'},
    csv: {kind: 'boolean', exclusive: ['json'], summary: 'print CSV (RFC 4180) with a header row'},
    db: dbFlag,
    failed: {kind: 'boolean', summary: 'only runs that ended without succeeding'},
    fleet: fleetFlag("the runs of every host, from the fleet's central history"),
    grep: {kind: 'value', helpValue: 'TEXT', summary: 'only runs whose command or reason contains TEXT, in any case'},
    host: {kind: 'value', helpValue: 'HOST', summary: 'only runs on this host'},
    json: {kind: 'boolean', summary: 'print one JSON array of full rows'},
    limit: {kind: 'value', helpValue: 'N', summary: `at most N runs [default: ${defaultLimit}]`},
    name: {kind: 'value', helpValue: 'NAME', summary: 'only this job name'},
    since: {kind: 'value', helpValue: 'WHEN', summary: 'only runs started at or after WHEN (7d, 2h, 2026-01-31)'},
    status: {kind: 'value', helpValue: 'STATUS', summary: 'only runs with this status'},
    until: {kind: 'value', helpValue: 'WHEN', summary: 'only runs started before WHEN'},
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(History);
    const filter: HistoryFilter = {
      failed: flags.failed,
      grep: flags.grep,
      host: flags.host,
      limit: flags.all ? undefined : flags.limit === undefined ? defaultLimit : parsePositiveInteger(flags.limit, '--limit'),
      name: flags.name,
      since: flags.since === undefined ? undefined : parseMoment(flags.since, '--since'),
      status: flags.status === undefined ? undefined : parseStatus(flags.status, '--status'),
      until: flags.until === undefined ? undefined : parseMoment(flags.until, '--until'),
    };
    contradictions(flags, filter);
    if (flags.fleet) return this.fleetHistory(filter, flags);

    const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const {runs, total} = pageOfRuns(store, filter, countUpTo);
      if (flags.json) return this.logJson(runs);
      if (flags.csv) return print('stdout', runsCsv(runs));
      if (runs.length === 0) return this.log('no runs match');
      const look = lookOf(process.stdout, process.env);
      this.logLines(historyTable(runs, look), look);
      if (total > runs.length) {
        const all = total > countUpTo ? `more than ${plural(countUpTo)}` : plural(total);
        this.log(`${runs.length} of ${all}; --limit N or --all`);
      }
    } finally {
      store.close();
    }
  }

  private async fleetHistory(filter: HistoryFilter, flags: {csv: boolean; json: boolean}): Promise<void> {
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
    const look = lookOf(process.stdout, process.env);
    this.logLines(fleetHistoryTable(shown, look), look);
    if (more) this.log(`the newest ${plural(shown.length)}; more match: --limit N or --all`);
  }
}
