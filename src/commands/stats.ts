import {failureStatuses, ranStatuses} from '../audit/row.js';
import {recentCount} from '../audit/stats.js';
import {GuardCommand} from '../cli/guard-command.js';
import {fleetReadingStatuses, readFleet} from '../cli/fleet-reading.js';
import {stdoutLook} from '../cli/look.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {fleetStatsTable, overlapLines} from '../cli/output.js';
import {localStats, statsFlags, statsSince, type StatsFlags} from '../cli/stats.js';
import {exitStatus} from '../exit-status.js';

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

  static override flags = oclifFlags(statsFlags);

  async run(): Promise<void> {
    const {flags} = await this.parse(Stats);
    const since = statsSince(flags satisfies StatsFlags);
    if (flags.fleet) return this.fleetStats({byHost: flags['by-host'], json: flags.json, name: flags.name, overlaps: flags.overlaps, since});
    localStats(flags, since);
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
    const look = stdoutLook(process.env);
    this.logLines(fleetStatsTable(jobs, byHost, look.width), look);
  }
}
