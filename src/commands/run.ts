import {exitStatusesOf} from '../exit-status.js';
import {GuardCommand} from '../cli/guard-command.js';
import {leanRun} from '../cli/lean.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {runFlags} from '../cli/run-flags.js';

export default class Run extends GuardCommand {
  static override summary = 'Run a command under a timeout, in its own process group, and exit with a status a scheduler can act on.';
  static override description = [
    'The words after `--` reach the command exactly as given. Without `--`, the command starts at the first word that is not one of guard\'s flags.',
    '',
    'Exit status:',
    ...exitStatusesOf('run').map((row) => `  ${row.label.padEnd(18)} ${row.meaning}`),
  ].join('\n');

  static override examples = [
    '<%= config.bin %> run --name backup --timeout 20m -- /usr/local/bin/backup.sh --full',
    "<%= config.bin %> run --timeout 30s --kill-after 5s --json -- sh -c 'pg_dump db | gzip > /backups/db.gz'",
  ];

  static override flags = oclifFlags(runFlags);
  static override strict = false;
  static override usage = 'run [flags] -- CMD [ARGS...]';

  async run(): Promise<void> {
    // Parsed by the same code as the lean path: oclif re-sorts the words after `--`.
    const status = await leanRun(this.argv);
    if (status === 'help') return this.config.runCommand('help', ['run']);
    process.exitCode = status;
  }
}
