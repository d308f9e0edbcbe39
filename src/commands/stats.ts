import {failureStatuses, ranStatuses} from '../audit/row.js';
import {jobStats, recentCount, recentRuns} from '../audit/stats.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {dbFlag, fleetFlag} from '../cli/flag-spec.js';
import {fleetReadingStatuses, readFleet} from '../cli/fleet-reading.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {lookOf} from '../cli/look.js';
import {fleetStatsTable, overlapLines, statsTable} from '../cli/output.js';
import {parseMoment} from '../cli/query-flags.js';
import {UsageError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath} from '../paths.js';

export default class Stats extends GuardCommand {
  static override summary = 'Per job: runs, failures, success rate, p50/p95 duration, the last outcomes and durations at a glance.';
  // One line per paragraph: help wraps them to the screen.
  static override description = [
    `Failures are runs that ended without succeeding (${failureStatuses.join(', ')}). OK% is succeeded / (succeeded + failed). Runs still going count in RUNS only. Counts are exact.`,
    `p50/p95 cover the runs whose command ran (${ranStatuses.join(', ')}, an interruption only once its command had started): not refusals, busy locks, dry runs or Ctrl-C at a prompt or a lock wait, which take no time of the command. Durations are kept in buckets (exact below 32 ms, then 16 per doubling), so p50/p95 are the middle of the bucket holding the exact value: within 3.2% of it. Hours and days are UTC.`,
    `LAST ${recentCount} marks the job's last attempts, oldest first: ✓ succeeded, ✗ failed or stopped (timed out, killed, interrupted, fleet lock lost, abandoned), ! refused, - lock busy or the fleet lock unreachable, · dry run, ▸ running. DURATIONS draws its last ${recentCount} runs that ran as bars, each as tall as its share of the longest.`,
    'On a terminal the marks and bars are in colour (NO_COLOR turns it off) and the table fits its width: the last-run time goes first, then names wrap, never cut. Anywhere else (a pipe, a file, a mail) they are ASCII (marks + x ! - . >, bars _.-~=+*#) and nothing is cut.',
    "--fleet counts the runs of every host from the fleet's central history, with the same meanings, p50/p95 exact (nearest rank): HOSTS is how many hosts ran the job, LAST HOST the one that ran it last. --by-host gives one row per job and host.",
    `--fleet --overlaps lists instead the double runs of a fleet lock: two runs of one lock, on any hosts, whose times intersect (a run still going runs to now), with both hosts, run ids and fencing epochs. It exits ${exitStatus.overlapFound} when it finds any, 0 when none: a check for cron or monitoring. ${fleetReadingStatuses}`,
  ].join('\n\n');

  static override examples = [
    '<%= config.bin %> stats --since 7d',
    '<%= config.bin %> stats --name backup --json',
    '<%= config.bin %> stats --fleet --by-host --since 30d',
    '<%= config.bin %> stats --fleet --overlaps --since 1d',
  ];

  static override flags = oclifFlags({
    'by-host': {kind: 'boolean', exclusive: ['overlaps'], summary: 'with --fleet: one row per job and host'},
    db: dbFlag,
    fleet: fleetFlag("per job across every host, from the fleet's central history"),
    overlaps: {kind: 'boolean', summary: `with --fleet: list double runs of one fleet lock; exit ${exitStatus.overlapFound} if any`},
    json: {kind: 'boolean', summary: 'print one JSON array, one object per job'},
    name: {kind: 'value', helpValue: 'NAME', summary: 'only this job name'},
    since: {kind: 'value', helpValue: 'WHEN', summary: 'only runs started at or after WHEN (7d, 2h, 2026-01-31)'},
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(Stats);
    const since = flags.since === undefined ? undefined : parseMoment(flags.since, '--since');
    for (const flag of ['by-host', 'overlaps'] as const) if (flags[flag] && !flags.fleet) throw new UsageError(`--${flag} needs --fleet: it reads the fleet's central history`);
    if (flags.fleet) return this.fleetStats({byHost: flags['by-host'], json: flags.json, name: flags.name, overlaps: flags.overlaps, since});
    const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const jobs = jobStats(store, {name: flags.name, since});
      if (flags.json) return this.logJson(jobs);
      if (jobs.length === 0) return this.log('no runs match');
      const look = lookOf(process.stdout, process.env);
      this.logLines(statsTable(jobs, recentRuns(store, jobs.map((job) => job.name), since), look), look);
    } finally {
      store.close();
    }
  }

  private async fleetStats({byHost, json, name, overlaps, since}: {byHost: boolean; json: boolean; name?: string; overlaps: boolean; since?: string}): Promise<void> {
    const {centralOverlaps, centralStats} = await import('../fleet/central.js');
    if (overlaps) {
      const found = await readFleet('guard stats --fleet', (session, fleet) => centralOverlaps(session, fleet.schema, {name, ran: ranStatuses, since}, 60_000));
      if (found.length > 0) process.exitCode = exitStatus.overlapFound;
      if (json) return this.logJson(found);
      if (found.length === 0) return this.log('no overlapping runs of a fleet lock');
      for (const line of overlapLines(found)) this.log(line);
      return;
    }

    const jobs = await readFleet('guard stats --fleet', (session, fleet) => centralStats(session, fleet.schema, {byHost, failed: failureStatuses, name, ran: ranStatuses, since}, 60_000));
    if (json) return this.logJson(jobs);
    if (jobs.length === 0) return this.log('no runs match');
    const look = lookOf(process.stdout, process.env);
    this.logLines(fleetStatsTable(jobs, byHost, look.width), look);
  }
}
