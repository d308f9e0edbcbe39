import {Flags} from '@oclif/core';
import {failureStatuses} from '../audit/row.js';
import {jobStats} from '../audit/stats.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {statsTable, toJson} from '../cli/output.js';
import {dbFlag, parseMoment} from '../cli/query-flags.js';
import {auditDbPath} from '../paths.js';

export default class Stats extends GuardCommand {
  static override summary = 'Per job: runs, failures, success rate, p50/p95 duration, last run.';
  static override description = [
    `Failures are runs that ended without succeeding (${failureStatuses.join(', ')}).`,
    'OK% is succeeded / (succeeded + failed); p50/p95 cover the runs whose duration is known.',
    'Runs still going count in RUNS only. Counts are exact. Durations are kept in buckets (exact',
    'below 32 ms, then 16 per doubling), so p50/p95 are the middle of the bucket holding the',
    'exact value: within 3.2% of it. Hours and days are UTC.',
  ].join('\n');

  static override examples = ['<%= config.bin %> stats --since 7d', '<%= config.bin %> stats --name backup --json'];
  static override flags = {
    db: dbFlag,
    json: Flags.boolean({summary: 'print one JSON array, one object per job'}),
    name: Flags.string({helpValue: 'NAME', summary: 'only this job name'}),
    since: Flags.string({helpValue: 'WHEN', summary: 'only runs started at or after WHEN (7d, 2h, 2026-01-31)'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Stats);
    const since = flags.since === undefined ? undefined : parseMoment(flags.since, '--since');
    const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const jobs = jobStats(store, {name: flags.name, since});
      if (flags.json) this.log(toJson(jobs));
      else this.log(jobs.length === 0 ? 'no runs match' : statsTable(jobs));
    } finally {
      store.close();
    }
  }
}
