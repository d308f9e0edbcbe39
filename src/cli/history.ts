// `guard history`, whichever way it was reached: through oclif (src/commands/history.ts, for
// help and --fleet, which it reads itself) or on the lean path (src/cli/lean-read.ts), from
// flags already parsed.
import {pageOfRuns, type HistoryFilter} from '../audit/queries.js';
import {failureStatuses} from '../audit/row.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {UsageError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath} from '../paths.js';
import {print, printJson, printLine, printPieceLines} from '../print.js';
import {dbFlag, fleetFlag, type FlagSpecs, type ParsedFlags} from './flag-spec.js';
import {fleetReadingStatuses} from './fleet-reading.js';
import {stdoutLook} from './look.js';
import {historyTable, runsCsv, thousands} from './output.js';
import {parseMoment, parsePositiveInteger, parseStatus} from './query-flags.js';

/** How many runs `history` shows unless told. */
const defaultLimit = 20;

export const historyFlags = {
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
} as const satisfies FlagSpecs;

/** The flags as parsed, by oclif or by the lean path. */
export type HistoryFlags = ParsedFlags<typeof historyFlags>;

// How far `history` counts the runs it does not show: the count costs the same at a million rows.
const countUpTo = 10_000;

/** `1 run`, `1,234 runs`. */
export const plural = (count: number) => `${thousands(count)} ${count === 1 ? 'run' : 'runs'}`;

/** What `guard history --help` says below its usage: one line per paragraph, which help wraps to the screen. */
export const historyDescription = [
  'Times are shown in local time; --since/--until take a duration (7d, 2h: that long ago) or an ISO date or date-time (UTC unless a zone is given).',
  `--failed counts every run that ended without succeeding (${failureStatuses.join(', ')}); runs still going and dry runs are not failures. --grep finds TEXT in the command or the reason, in any case.`,
  `Shows the newest ${defaultLimit} and says how many more match. On a terminal each status carries its mark in colour, as guard stats shows them (NO_COLOR turns colour off); anywhere else the marks are ASCII.`,
  `A bad filter, or two that contradict each other, exits ${exitStatus.usage}.`,
  "--fleet lists the runs of every host from the fleet's central history on PostgreSQL, newest first, with the same filters (--host picks one host). The table adds a HOST column; ID is the run's id in its host's own log (guard show --fleet HOST:ID). A run still starting or running whose host has shipped nothing for over an hour is marked \"host silent since …\": its host may be down or cut off. --json rows also carry host, source_id (which audit log), revision and shipped_at. Runs not yet shipped by their host are not there yet.",
  fleetReadingStatuses,
].join('\n\n');

// Filters that no run can meet together are a mistake to name, not an empty answer.
function contradictions(flags: HistoryFlags, filter: HistoryFilter): void {
  if (filter.since !== undefined && filter.until !== undefined && filter.since >= filter.until) {
    throw new UsageError(`--since ${flags.since} is not before --until ${flags.until}: no run can match both`);
  }

  if (flags.failed && filter.status !== undefined && !failureStatuses.includes(filter.status)) {
    throw new UsageError(`--failed and --status ${filter.status} cannot both hold: ${filter.status} is not a failure (${failureStatuses.join(', ')})`);
  }
}

/** The runs the flags ask for; a bad filter, or two that contradict each other, is a usage error. */
export function historyFilter(flags: HistoryFlags): HistoryFilter {
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
  return filter;
}

/** Prints the runs of this host's log that the filter matches, newest first. */
export function localHistory(flags: HistoryFlags, filter: HistoryFilter): void {
  const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
  try {
    const {runs, total} = pageOfRuns(store, filter, countUpTo);
    if (flags.json) return printJson('stdout', runs);
    if (flags.csv) return print('stdout', runsCsv(runs));
    if (runs.length === 0) return printLine('stdout', 'no runs match');
    const look = stdoutLook(process.env);
    printPieceLines('stdout', historyTable(runs, look), look.colour);
    if (total > runs.length) {
      const all = total > countUpTo ? `more than ${plural(countUpTo)}` : plural(total);
      printLine('stdout', `${runs.length} of ${all}; --limit N or --all`);
    }
  } finally {
    store.close();
  }
}
