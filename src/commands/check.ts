import {GuardCommand} from '../cli/guard-command.js';
import {checkFlags} from '../cli/check-flags.js';
import {leanCheck} from '../cli/lean.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {exitStatus} from '../exit-status.js';

export default class Check extends GuardCommand {
  static override summary = 'The policy decision alone, explained: which rule, which word, why. Runs nothing.';
  static override description = [
    `Exits 0 when the command would be allowed (or only warned about), ${exitStatus.refused} when it would be refused`,
    `(a confirm rule counts as refused unless --yes is given), ${exitStatus.policyInvalid} when the policy is invalid or unsafe.`,
    'Not even a command substitution of the command is executed.',
  ].join(' ');

  static override examples = [
    "<%= config.bin %> check -- sh -c 'rm -rf \"$DIR/\"'",
    '<%= config.bin %> check --json -- ./deploy.sh production',
  ];

  static override flags = oclifFlags(checkFlags);
  static override strict = false;
  static override usage = 'check [--json] [--yes] [--policy FILE] -- CMD [ARGS...]';

  async run(): Promise<void> {
    const status = await leanCheck(this.argv);
    if (status === 'help') return this.config.runCommand('help', ['check']);
    process.exitCode = status;
  }
}
