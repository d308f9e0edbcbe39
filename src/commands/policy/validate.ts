import {Args} from '@oclif/core';
import {GuardCommand} from '../../cli/guard-command.js';
import {oclifFlags} from '../../cli/oclif-flags.js';
import {log} from '../../log.js';
import {validatePolicyFiles} from '../../policy-files/check.js';
import {exitStatus} from '../../exit-status.js';

export default class PolicyValidate extends GuardCommand {
  static override summary = 'Validate a policy file, or every policy file guard would load here.';
  static override description = [
    'Without FILE: the system, user and project policies that `guard run` would load in this folder (and GUARD_POLICY).',
    'Each file is checked as a run would load it: ownership and permissions first, then the schema, then the layering',
    '(a later layer may not lift an earlier rule unless it is overridable; a project policy may only tighten what the system',
    'and user policies set, and may not set locks, audit or overridable). Prints one line per good file on stdout and',
    'one line per problem on stderr, naming the field: `rules[3].match.regex: invalid regular expression`.',
    `Exits 0 when every file is valid, ${exitStatus.policyInvalid} when any is invalid or unsafe to load.`,
  ].join(' ');

  static override examples = ['<%= config.bin %> policy validate', '<%= config.bin %> policy validate .guardrc.yaml', '<%= config.bin %> policy validate --layer system /tmp/new-policy.yaml'];

  static override args = {file: Args.string({description: 'the policy file to validate'})};
  static override flags = oclifFlags({
    layer: {kind: 'value', options: ['system', 'user', 'project'], summary: 'validate FILE as this layer [default: where it is found, else project]'},
  });

  async run(): Promise<void> {
    const {args, flags} = await this.parse(PolicyValidate);
    // A file that cannot be read as a policy at all throws a PolicyError: one line, 78, as every command fails.
    const reports = await validatePolicyFiles({cwd: process.cwd(), env: process.env, file: args.file, layer: flags.layer});

    if (reports.length === 0) this.log('no policy files here: the built-in policy applies');
    for (const report of reports) {
      if (report.problems.length === 0) this.log(`ok  ${report.path}  (${report.layer} policy: ${report.summary})`);
      for (const problem of report.problems) log().error(problem, {file: report.path, layer: report.layer});
    }

    if (reports.some((report) => report.problems.length > 0)) process.exitCode = exitStatus.policyInvalid;
  }
}
