import {GuardCommand} from '../cli/guard-command.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {log} from '../log.js';
import {createStarterPolicy} from '../policy-files/create.js';
import {exitStatus} from '../exit-status.js';

export default class Init extends GuardCommand {
  static override summary = 'Write a commented starter policy; never overwrites one.';
  static override description = [
    'Without a flag: the project policy .guardrc.yaml in this folder. --user: $XDG_CONFIG_HOME/guard/policy.yaml',
    '(else ~/.config/guard/policy.yaml). --system: /etc/guard/policy.yaml (as root). Missing folders are made (0755),',
    'the file is 0644. Every example in it is commented out, so as written it changes nothing.',
    `Exits ${exitStatus.cannotCreate} when that layer already has a policy file (of any name) or the file cannot be created.`,
  ].join(' ');

  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init --user', 'sudo <%= config.bin %> init --system'];
  static override flags = oclifFlags({
    system: {kind: 'boolean', exclusive: ['user'], summary: 'write the system policy /etc/guard/policy.yaml'},
    user: {kind: 'boolean', exclusive: ['system'], summary: 'write your user policy in $XDG_CONFIG_HOME/guard (else ~/.config/guard)'},
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(Init);
    const layer = flags.system ? 'system' : flags.user ? 'user' : 'project';
    const created = createStarterPolicy({cwd: process.cwd(), env: process.env, layer});
    if (created.note) log().warn(created.note);
    this.log(`wrote ${created.path} (${layer} policy, every example commented out)`);
    this.log(`next: edit it, then check it with: guard policy validate ${created.path}`);
  }
}
