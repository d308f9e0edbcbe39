// `guard stats`, whichever way it was reached: through oclif (src/commands/stats.ts, for help
// and --fleet, which it reads itself) or on the lean path (src/cli/lean-read.ts).
import {jobStats, recentRuns} from '../audit/stats.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {UsageError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath} from '../paths.js';
import {printJson, printLine, printPieceLines} from '../print.js';
import {dbFlag, fleetFlag, type FlagSpecs, type ParsedFlags} from './flag-spec.js';
import {stdoutLook} from './look.js';
import {statsTable} from './output.js';
import {parseMoment} from './query-flags.js';

export const statsFlags = {
  'by-host': {kind: 'boolean', exclusive: ['overlaps'], summary: 'with --fleet: one row per job and host'},
  db: dbFlag,
  fleet: fleetFlag("per job across every host, from the fleet's central history"),
  overlaps: {kind: 'boolean', summary: `with --fleet: list double runs of one fleet lock; exit ${exitStatus.overlapFound} if any`},
  json: {kind: 'boolean', summary: 'print one JSON array, one object per job'},
  name: {kind: 'value', helpValue: 'NAME', summary: 'only this job name'},
  since: {kind: 'value', helpValue: 'WHEN', summary: 'only runs started at or after WHEN (7d, 2h, 2026-01-31)'},
} as const satisfies FlagSpecs;

/** The flags as parsed, by oclif or by the lean path. */
export type StatsFlags = ParsedFlags<typeof statsFlags>;

/** Where the counts start (undefined: the first run); a flag that needs --fleet without it is a usage error. */
export function statsSince(flags: StatsFlags): string | undefined {
  const since = flags.since === undefined ? undefined : parseMoment(flags.since, '--since');
  for (const flag of ['by-host', 'overlaps'] as const) if (flags[flag] && !flags.fleet) throw new UsageError(`--${flag} needs --fleet: it reads the fleet's central history`);
  return since;
}

/** Prints the jobs of this host's log, with their counts since `since`. */
export function localStats(flags: StatsFlags, since: string | undefined): void {
  const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
  try {
    const jobs = jobStats(store, {name: flags.name, since});
    if (flags.json) return printJson('stdout', jobs);
    if (jobs.length === 0) return printLine('stdout', 'no runs match');
    const look = stdoutLook(process.env);
    printPieceLines('stdout', statsTable(jobs, recentRuns(store, jobs.map((job) => job.name), since), look), look.colour);
  } finally {
    store.close();
  }
}
