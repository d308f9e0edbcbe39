// The commented starter policy `guard init` writes. As written it changes nothing: every
// example is commented out, so dropping it on a machine cannot refuse a job that ran before
// or lift a built-in rule. Comment lines come in two kinds, so a test can uncomment every
// example and validate the result: prose starts with "# " and one non-space character;
// an example line starts with "#" and a key ("#rules:") or with "#  " (indented YAML).
import type {LayerName} from '../policy/merge.js';

const header: Record<LayerName, (path: string) => string[]> = {
  project: (path) => [
    `# guard policy, project layer: ${path}`,
    '#',
    '# guard reads this file for runs whose working folder is here or below (up to $HOME), in',
    '# folders you own that others cannot write. A project policy is data (YAML or JSON), never code.',
  ],
  system: (path) => [
    `# guard policy, system layer: ${path}`,
    '#',
    '# It binds every user of this machine. Keep it owned by root and not writable by others:',
    '# guard refuses (exit 78) a policy file that someone else could change.',
  ],
  user: (path) => [
    `# guard policy, user layer: ${path}`,
    '#',
    '# It binds your runs, after the system policy (/etc/guard/policy.yaml) and before a project one.',
  ],
};

const layering = [
  '#',
  '# Layers merge in this order: the built-in rule packs, the system policy (/etc/guard/policy.yaml),',
  '# the user policy ($XDG_CONFIG_HOME/guard/policy.yaml), the project policy (.guardrc.yaml from the',
  '# working folder upward, or --policy FILE). A later layer may add rules and tighten settings; it may',
  '# not lift a refusal an earlier layer made, unless that rule says `overridable: true`. A project',
  '# policy may only tighten: it cannot lengthen a timeout, add retries, move locks or change the audit.',
  '#',
  '# As written, this file changes nothing: every example below is commented out, and the built-in',
  '# packs (filesystem, devices, system, git, databases, clusters, cloud, remote code) apply anyway.',
  '# Uncomment what you need, then check the file and see the merged policy:',
];

const rules = (layer: LayerName) => [
  '# rules: your own. level is deny (refuse, exit 77), confirm (refuse unless --yes or the job name is',
  '# typed at a terminal), warn (run, with a warning on stderr) or off (switch off an earlier rule that',
  '# is overridable: give its id, level and reason). match names a program with conditions on its',
  '# arguments (anyFlags, allFlags, noFlags, operandsUnder, subcommand) or, as a last resort, a regex',
  '# over the normalized command text.',
  '#rules:',
  `#  - id: ${prefixes[layer]}.no-reboot`,
  '#    level: deny',
  '#    reason: reboots go through the change calendar',
  '#    match:',
  '#      program: [reboot, shutdown, poweroff]',
  `#  - id: ${prefixes[layer]}.rsync-delete`,
  '#    level: confirm',
  '#    reason: rsync --delete removes files on the target that the source does not have',
  '#    match:',
  '#      program: rsync',
  '#      anyFlags: [--delete, --delete-after, --delete-excluded]',
  `#  - id: ${prefixes[layer]}.drop-schema`,
  '#    level: warn',
  '#    reason: dropping a schema is rarely meant',
  // Marking a rule overridable is the machine's to do.
  ...(layer === 'project' ? [] : ['#    overridable: true']),
  '#    match:',
  "#      regex: '\\bDROP\\s+SCHEMA\\b'",
];

const paths = [
  '# paths: globs that destructive commands and output redirections may not touch (protect), or may',
  '# touch although this layer protects them (allow). ~ is $HOME, relative globs are resolved against',
  '# the run\'s folder, symbolic links are resolved first. confine switches to allow-list mode:',
  '# destructive commands may touch only the roots listed there.',
  '#paths:',
  '#  protect:',
  '#    - /srv/backups/**',
  '#    - ~/important/**',
  '#  allow:',
  '#    - /srv/backups/tmp/**',
  '#  confine:',
  '#    - /srv/app',
];

const defaults = (layer: LayerName) => [
  '# defaults: settings for every run, where no flag says otherwise.',
  ...(layer === 'project'
    ? ['# A project policy may shorten what the system or user policy (or guard itself) sets, never lengthen it.']
    : []),
  '#defaults:',
  '#  timeout: 1h          # wall-clock limit on the whole process tree; 0 = none',
  '#  killAfter: 10s       # grace between the stop signal and SIGKILL',
  '#  lock: false          # true: one run at a time per job name; or a lock name',
  '#  lockWait: 0          # how long to wait for a busy lock',
  '#  quiet: false         # hold the output and print it only when the run fails',
  ...(layer === 'project' ? [] : ['#  captureBytes: 64KiB  # output kept in the audit log, per stream']),
];

const jobs = (layer: LayerName) =>
  layer === 'project'
    ? [
        '# jobs.NAME: the same settings for one job (guard run --name NAME), and also ping (a',
        '# healthchecks-style URL, where the machine sets none) and reasonRequired (--reason must be given).',
        '# retries, retryDelay, captureBytes and fixed are the machine\'s to give (system or user policy):',
        '# a project policy may lower them, never raise them.',
        '#jobs:',
        '#  backup:',
        '#    timeout: 20m',
        '#    lock: true',
        '#    ping: https://hc-ping.com/your-check-uuid',
        '#  db-migrate:',
        '#    reasonRequired: true',
      ]
    : [
        '# jobs.NAME: the same settings for one job (guard run --name NAME), and also retries, retryDelay and',
        '# retryOn (exit codes or timeout), ping (a healthchecks-style URL), reasonRequired (--reason must be',
        '# given) and fixed (settings no later layer and no flag may change for this job).',
        '#jobs:',
        '#  backup:',
        '#    timeout: 20m',
        '#    lock: true',
        '#    retries: 2',
        '#    retryDelay: 30s',
        '#    retryOn: [75, timeout]',
        '#    ping: https://hc-ping.com/your-check-uuid',
        '#    fixed: [timeout, lock]',
        '#  db-migrate:',
        '#    reasonRequired: true',
      ];

const env = [
  '# env: variables removed before the command starts (names or globs), or required (a run without',
  '# them is refused with exit 78). removeDangerous removes the variables that change how programs',
  '# load code (LD_PRELOAD and its kin); once a layer says true, no later layer can say false.',
  '#env:',
  "#  remove: [AWS_SECRET_ACCESS_KEY, 'OLD_APP_*']",
  '#  removeDangerous: true',
  '#  require: [PATH, HOME]',
];

const redact = [
  '# redact: regular expressions for secrets of your own, hidden wherever guard stores or prints a',
  '# command (the built-in patterns cover passwords in flags, tokens, keys and URLs with user:pass@).',
  '#redact:',
  "#  - 'sk_live_[0-9A-Za-z]{24}'",
];

const audit = (layer: LayerName) =>
  layer === 'project'
    ? ['# audit and locks: the audit log\'s settings and where locks live are the machine\'s (system or user', '# policy); a project policy that sets them is refused.']
    : [
        '# audit: output kept per stream (captureBytes), how long `guard prune` keeps runs (retention), and',
        '# onError: fail (nothing runs when the audit log cannot be written, exit 74; the default)',
        '# or run (the command runs unrecorded; only a system or user policy may say so).',
        '#audit:',
        '#  captureBytes: 64KiB',
        '#  retention: 90d',
        '#  onError: fail',
      ];

const locks = (layer: LayerName) =>
  layer === 'project'
    ? []
    : ['# locks.dir: a folder shared by several users, so that their runs of one job exclude each other.', '#locks:', '#  dir: /run/lock/guard'];

const packs = (layer: LayerName) =>
  layer === 'system'
    ? [
        '# packs: the built-in rule packs, all on. Only the system policy may turn one off (false).',
        '#packs:',
        '#  filesystem: true',
        '#  git: true',
        '#  databases: true',
      ]
    : ['# packs: the built-in rule packs are all on; only the system policy may turn one off.'];

const prefixes: Record<LayerName, string> = {project: 'project', system: 'site', user: 'user'};

/** The starter policy for `layer`, to be written at `path`: YAML whose settings are all commented out. */
export function starterPolicy(layer: LayerName, path: string): string {
  const sections = [
    [...header[layer](path), ...layering, `# guard policy validate ${path}`, '# guard policy show'],
    rules(layer),
    paths,
    defaults(layer),
    jobs(layer),
    env,
    redact,
    audit(layer),
    locks(layer),
    packs(layer),
  ].filter((lines) => lines.length > 0);
  return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}
