import {Flags} from '@oclif/core';
import {listRuns, type HistoryFilter} from '../audit/queries.js';
import {failureStatuses} from '../audit/row.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {historyTable, runsCsv, toJson} from '../cli/output.js';
import {dbFlag, parseMoment, parsePositiveInteger, parseStatus} from '../cli/query-flags.js';
import {auditDbPath} from '../paths.js';
import {print} from '../print.js';

export default class History extends GuardCommand {
  static override summary = 'Past runs, newest first.';
  static override description = [
    'Times are shown in local time; --since/--until take a duration (7d, 2h: that long ago) or an ISO date or date-time (UTC unless a zone is given).',
    `--failed counts every run that ended without succeeding (${failureStatuses.join(', ')}); runs still going and dry runs are not failures.`,
    'A bad filter exits 64.',
  ].join('\n');

  static override examples = [
    '<%= config.bin %> history --failed --since 7d',
    '<%= config.bin %> history --name backup --limit 5',
    "<%= config.bin %> history --grep pg_dump --json | jq '.[].exit_code'",
  ];

  static override flags = {
    csv: Flags.boolean({exclusive: ['json'], summary: 'print CSV (RFC 4180) with a header row'}),
    db: dbFlag,
    failed: Flags.boolean({summary: 'only runs that ended without succeeding'}),
    grep: Flags.string({helpValue: 'TEXT', summary: 'only commands containing TEXT (case-sensitive)'}),
    host: Flags.string({helpValue: 'HOST', summary: 'only runs on this host'}),
    json: Flags.boolean({summary: 'print one JSON array of full rows'}),
    limit: Flags.string({helpValue: 'N', summary: 'at most N runs [default: 20]'}),
    name: Flags.string({helpValue: 'NAME', summary: 'only this job name'}),
    since: Flags.string({helpValue: 'WHEN', summary: 'only runs started at or after WHEN (7d, 2h, 2026-01-31)'}),
    status: Flags.string({helpValue: 'STATUS', summary: 'only runs with this status'}),
    until: Flags.string({helpValue: 'WHEN', summary: 'only runs started before WHEN'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(History);
    const filter: HistoryFilter = {
      failed: flags.failed,
      grep: flags.grep,
      host: flags.host,
      limit: flags.limit === undefined ? 20 : parsePositiveInteger(flags.limit, '--limit'),
      name: flags.name,
      since: flags.since === undefined ? undefined : parseMoment(flags.since, '--since'),
      status: flags.status === undefined ? undefined : parseStatus(flags.status, '--status'),
      until: flags.until === undefined ? undefined : parseMoment(flags.until, '--until'),
    };

    const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const runs = listRuns(store, filter);
      if (flags.json) this.log(toJson(runs));
      else if (flags.csv) print('stdout', runsCsv(runs));
      else this.log(runs.length === 0 ? 'no runs match' : historyTable(runs));
    } finally {
      store.close();
    }
  }
}
