// Who may set what, tested from the contract's own sentences (DESIGN.md, "Policy" and "What the
// policy sees") and the README's choices where the contract is silent: each row is a sentence,
// the layers that try it, and what the merge (so every run and `guard policy validate`) says.
import type {core} from 'zod';
import {describe, expect, it} from 'vitest';
import {builtinLayer} from '../../src/policy-files/builtin.js';
import {mergeLayers, type LayerName, type PolicyLayer} from '../../src/policy/merge.js';
import {ownerOf, ownershipTable, refusalOf} from '../../src/policy/ownership.js';
import {PolicyInvalid} from '../../src/policy/schema-errors.js';
import {parsePolicyFile, policyFileSchema} from '../../src/policy/schema.js';

type Layers = Array<[LayerName, Record<string, unknown>]>;

/** `accepted`, or the refusal lines of the first layer the merge refuses. */
function merged(layers: Layers): string[] | 'accepted' {
  const files: PolicyLayer[] = layers.map(([layer, data]) => ({file: parsePolicyFile(data, `/${layer}.yaml`), layer, source: `/${layer}.yaml`}));
  try {
    mergeLayers(builtinLayer(), files);
    return 'accepted';
  } catch (error) {
    if (error instanceof PolicyInvalid) return error.lines();
    throw error;
  }
}

const rule = {id: 'ops.no-reboot', level: 'deny', reason: 'reboots go through the change board', match: {program: 'reboot'}};
const shortenOnly = 'a project policy may shorten a timeout, never lengthen it';
const machineOnly = "a repository cannot ship a .guardrc that disarms the machine's policy";

const sentences: Array<[string, Layers, 'accepted' | string[]]> = [
  // "A project policy may add rules, protected paths, required or removed variables and redaction patterns,"
  ['a project policy may add rules', [['project', {rules: [rule]}]], 'accepted'],
  ['… protected paths', [['project', {paths: {protect: ['/srv/data/**'], allow: ['/srv/data/tmp/**']}}]], 'accepted'],
  ['… required or removed variables', [['project', {env: {require: ['PGHOST'], remove: ['DEBUG_*'], removeDangerous: true}}]], 'accepted'],
  ['… and redaction patterns', [['project', {redact: ['acme-[0-9a-f]{12}']}]], 'accepted'],
  // "and may shorten a timeout or kill-after;"
  [
    'and may shorten a timeout or kill-after',
    [
      ['system', {defaults: {timeout: '1h', killAfter: '30s'}}],
      ['project', {defaults: {timeout: '30m', killAfter: '5s'}, jobs: {backup: {timeout: '10m', killAfter: '30s'}}}],
    ],
    'accepted',
  ],
  // "it may not lengthen a timeout or kill-after that an earlier layer set,"
  [
    'it may not lengthen a timeout an earlier layer set',
    [['system', {defaults: {timeout: '1h'}}], ['project', {defaults: {timeout: '2h'}}]],
    [`/project.yaml: defaults.timeout: 2h is longer than 1h (defaults.timeout in /system.yaml): ${shortenOnly}`],
  ],
  [
    '… nor a kill-after (guard\'s built-in 10s included)',
    [['user', {defaults: {killAfter: '30s'}}], ['project', {defaults: {killAfter: '1m'}, jobs: {backup: {killAfter: '20s'}}}]],
    ['/project.yaml: defaults.killAfter: 1m is longer than 30s (defaults.killAfter in /user.yaml): a project policy may shorten the grace before SIGKILL, never lengthen it'],
  ],
  [
    '… nor the built-in kill-after, with no layer before it',
    [['project', {jobs: {backup: {killAfter: '1m'}}}]],
    ['/project.yaml: jobs.backup.killAfter: 1m is longer than 10s (built-in): a project policy may shorten the grace before SIGKILL, never lengthen it'],
  ],
  [
    'a job\'s timeout is compared with what the earlier layers give that job: the defaults',
    [['system', {defaults: {timeout: '1h'}}], ['project', {jobs: {backup: {timeout: '5h'}}}]],
    [`/project.yaml: jobs.backup.timeout: 5h is longer than 1h (defaults.timeout in /system.yaml): ${shortenOnly}`],
  ],
  [
    '… or the job\'s own',
    [['system', {defaults: {timeout: '1h'}, jobs: {backup: {timeout: '5h'}}}], ['project', {jobs: {backup: {timeout: '3h'}}}]],
    'accepted',
  ],
  [
    '0, no timeout at all, lengthens any timeout',
    [['system', {defaults: {timeout: '1h'}}], ['project', {defaults: {timeout: 0}}]],
    [`/project.yaml: defaults.timeout: 0 (none) is longer than 1h (defaults.timeout in /system.yaml): ${shortenOnly}`],
  ],
  ['a timeout where none was set shortens nothing away', [['project', {defaults: {timeout: '5h'}}]], 'accepted'],
  // "and it may not set locks.dir, audit.*, fleet.*, turn a pack off or mark anything overridable"
  ['it may not set locks.dir', [['project', {locks: {dir: '/tmp/x'}}]], [`/project.yaml: locks.dir: only the system or user policy may say where locks live: ${machineOnly}`]],
  [
    '… nor audit.* (any audit field, even the strict one)',
    [['project', {audit: {retention: '1d', captureBytes: 0, onError: 'fail'}}]],
    ['captureBytes', 'onError', 'retention'].map((field) => `/project.yaml: audit.${field}: only the system or user policy may change the audit log's settings: ${machineOnly}`),
  ],
  [
    '… nor fleet.* (it could send run rows and output to a server of its choosing, or turn fleet locking off)',
    [['project', {fleet: {url: 'postgres://evil.example/guard', lock: false}}]],
    ['lock', 'url'].map((field) => `/project.yaml: fleet.${field}: only the system or user policy may join the machine to a fleet: ${machineOnly}`),
  ],
  [
    '… nor take a job out of the fleet lock, though it may put one in',
    [['project', {jobs: {backup: {fleet: false}, report: {fleet: true}}}]],
    [`/project.yaml: jobs.backup.fleet: only the system or user policy may take a job out of the fleet lock: ${machineOnly}`],
  ],
  ['… nor turn a pack off', [['project', {packs: {cloud: false}}]], ['/project.yaml: packs.cloud: only the system policy may turn a pack off (this is the project policy)']],
  ['… nor mark a rule of its own overridable', [['project', {rules: [{...rule, overridable: true}]}]], [`/project.yaml: rules[0].overridable: only the system or user policy may mark a rule overridable: ${machineOnly}`]],
  [
    '… nor mark an earlier rule overridable while changing its level',
    [['project', {rules: [{id: 'git.push-force', level: 'deny', reason: 'r', overridable: true}]}]],
    [`/project.yaml: rules[0].overridable: only the system or user policy may mark a rule overridable: ${machineOnly}`],
  ],
  // "those belong to the machine's owner (system and user layers)"
  [
    'the user policy may do all of these but turn a pack off',
    [
      ['system', {defaults: {timeout: '1h'}}],
      ['user', {locks: {dir: '/run/lock/guard'}, audit: {retention: '30d', onError: 'run'}, defaults: {timeout: '2h', captureBytes: '1MiB'}, rules: [{...rule, overridable: true}], jobs: {backup: {fixed: ['timeout']}}}],
    ],
    'accepted',
  ],
  ['only the system policy turns a pack off', [['system', {packs: {cloud: false}}], ['project', {packs: {cloud: true}}]], 'accepted'],
  ['… not the user policy', [['user', {packs: {git: false}}]], ['/user.yaml: packs.git: only the system policy may turn a pack off (this is the user policy)']],
  // "It may not lift a refusal made by an earlier layer unless that layer says so (overridable: true on the rule)."
  [
    'a later layer may not lift a built-in refusal that is not overridable',
    [['system', {rules: [{id: 'fs.rm-root', level: 'off', reason: 'r'}]}]],
    ['/system.yaml: rules[0].level: cannot lift rule fs.rm-root to off: built-in sets it to deny and does not mark it overridable'],
  ],
  ['… and may lift one that is', [['project', {rules: [{id: 'git.reset-hard', level: 'off', reason: 'deploys reset on purpose'}]}]], 'accepted'],
  // "A file too large to analyse (over 1 MiB) or unreadable is refused (rule script.unreadable, level deny), unless the system or user policy lowers that rule"
  ['the system policy may lower script.unreadable', [['system', {rules: [{id: 'script.unreadable', level: 'warn', reason: 'our generated scripts are large'}]}]], 'accepted'],
  ['… the user policy may lift it', [['user', {rules: [{id: 'script.unreadable', level: 'off', reason: 'r'}]}]], 'accepted'],
  [
    '… a project policy may not',
    [['project', {rules: [{id: 'script.unreadable', level: 'warn', reason: 'r'}]}]],
    ['/project.yaml: rules[0].level: cannot lower rule script.unreadable to warn: built-in sets it to deny; only the system or user policy may lower it'],
  ],
  [
    '… nor below what the machine lowered it to',
    [['system', {rules: [{id: 'script.unreadable', level: 'warn', reason: 'r'}]}], ['project', {rules: [{id: 'script.unreadable', level: 'off', reason: 'r'}]}]],
    ['/project.yaml: rules[0].level: cannot lift rule script.unreadable to off: /system.yaml sets it to warn; only the system or user policy may lift it'],
  ],
  ['… though it may raise it again', [['system', {rules: [{id: 'script.unreadable', level: 'warn', reason: 'r'}]}], ['project', {rules: [{id: 'script.unreadable', level: 'deny', reason: 'r'}]}]], 'accepted'],
  // "A script that does not parse is refused." Whatever the layer.
  [
    'no layer lowers a refusal of what guard cannot see',
    [['system', {rules: [{id: 'shell.syntax', level: 'warn', reason: 'r'}, {id: 'shell.dynamic-program', level: 'off', reason: 'r'}]}]],
    [
      '/system.yaml: rules[0].level: cannot lower rule shell.syntax to warn: built-in sets it to deny and does not mark it overridable',
      '/system.yaml: rules[1].level: cannot lift rule shell.dynamic-program to off: built-in sets it to deny and does not mark it overridable',
    ],
  ],
  ['nor a refusal of the policy\'s own paths', [['user', {rules: [{id: 'paths.protect', level: 'warn', reason: 'r'}]}]], ['/user.yaml: rules[0].level: cannot lower rule paths.protect to warn: built-in sets it to deny and does not mark it overridable']],
  ['… nor redefines one', [['project', {rules: [{id: 'paths.confine', level: 'deny', reason: 'r', match: {program: 'x'}}]}]], ['/project.yaml: rules[0].match: rule paths.confine is defined by built-in; to change its level, leave out match (a later layer cannot redefine it)']],
];

// The README's choices where the contract is silent: a project may make a run shorter, fewer and stricter, never longer, more or less watched.
const choices: Array<[string, Layers, 'accepted' | string[]]> = [
  ['a project may not retry more than the machine allows (none, built in)', [['project', {jobs: {deploy: {retries: 2}}}]], ['/project.yaml: jobs.deploy.retries: 2 retries are more than 0 (built-in): a project policy may run a command fewer times, never more']],
  ['… nor wait longer between retries', [['user', {defaults: {retries: 3, retryDelay: '10s'}}], ['project', {defaults: {retryDelay: '1m', retries: 1}}]], ['/project.yaml: defaults.retryDelay: 1m is longer than 10s (defaults.retryDelay in /user.yaml): a project policy may shorten the wait between retries, never lengthen it']],
  ['… nor wait longer for a busy lock', [['project', {defaults: {lockWait: '5m'}}]], ['/project.yaml: defaults.lockWait: 5m is longer than 0ms (built-in): a project policy may shorten the wait for a busy lock, never lengthen it']],
  ['a project may turn a lock on', [['project', {jobs: {backup: {lock: true}}}]], 'accepted'],
  ['… but not off', [['system', {jobs: {backup: {lock: true}}}], ['project', {jobs: {backup: {lock: false}}}]], ["/project.yaml: jobs.backup.lock: lock false would turn off the lock true (the job's own lock) (jobs.backup.lock in /system.yaml): a project policy may turn a lock on, never off or onto another name"]],
  ['… nor onto another name', [['system', {defaults: {lock: 'nightly'}}], ['project', {defaults: {lock: 'mine'}}]], ["/project.yaml: defaults.lock: lock 'mine' would rename the lock 'nightly' (defaults.lock in /system.yaml): a project policy may turn a lock on, never off or onto another name"]],
  ['a project may add a ping where none is set', [['project', {jobs: {backup: {ping: 'https://hc-ping.com/x'}}}]], 'accepted'],
  ['… but not send the machine\'s elsewhere', [['system', {jobs: {backup: {ping: 'https://hc-ping.com/x'}}}], ['project', {jobs: {backup: {ping: 'https://evil.example/x'}}}]], ["/project.yaml: jobs.backup.ping: the job already has a ping (jobs.backup.ping in /system.yaml): a project policy may add a ping where none is set, never send the machine's monitoring elsewhere"]],
  ['how much output the audit keeps is the machine\'s', [['project', {defaults: {captureBytes: 0}}]], [`/project.yaml: defaults.captureBytes: only the system or user policy may say how much output the audit log keeps: ${machineOnly}`]],
  ['… and so is pinning a job\'s settings against flags', [['project', {jobs: {backup: {timeout: '5m', fixed: ['timeout']}}}]], [`/project.yaml: jobs.backup.fixed: only the system or user policy may fix a job's settings against flags and later layers: ${machineOnly}`]],
  ['quiet and retryOn are the project\'s to choose', [['system', {defaults: {quiet: false, retryOn: [75]}}], ['project', {defaults: {quiet: true, retryOn: ['timeout']}}]], 'accepted'],
  ['a required reason stays required, whatever the layer', [['system', {jobs: {migrate: {reasonRequired: true}}}], ['user', {jobs: {migrate: {reasonRequired: false}}}]], ['/user.yaml: jobs.migrate.reasonRequired: /system.yaml requires a reason for job migrate; a later layer cannot drop that']],
  ['removing dangerous variables stays on', [['user', {env: {removeDangerous: true}}], ['project', {env: {removeDangerous: false}}]], ['/project.yaml: env.removeDangerous: /user.yaml removes dangerous variables; a later layer cannot keep them']],
  ['failing closed stays on', [['system', {audit: {onError: 'fail'}}], ['user', {audit: {onError: 'run'}}]], ['/user.yaml: audit.onError: /system.yaml makes guard fail closed when the audit log is unusable; a later layer cannot change that']],
  ['a confinement only narrows', [['system', {paths: {confine: ['/srv']}}], ['project', {paths: {confine: ['/srv/app', '/home']}}]], ['/project.yaml: paths.confine[1]: /home is outside the confinement set by /system.yaml (/srv); a later layer can only narrow it']],
];

describe('who may set what, in the contract\'s words', () => {
  it.each(sentences)('%s', (_sentence, layers, expected) => {
    expect(merged(layers)).toEqual(expected);
  });

  it('fleet.* is the machine\'s too, every field of it', () => {
    expect(ownerOf('fleet.keepalive.idle')).toMatchObject({kind: 'machine-only'});
    expect(refusalOf('fleet.lock', 'project', false)).toBe(`only the system or user policy may join the machine to a fleet: ${machineOnly}`);
    expect(refusalOf('fleet.url', 'user', 'postgres://db/guard')).toBeUndefined();
  });
});

describe('who may set what, where the contract is silent (README: the policy layers)', () => {
  it.each(choices)('%s', (_choice, layers, expected) => {
    expect(merged(layers)).toEqual(expected);
  });
});

/** Every field path the schema accepts: `defaults.timeout`, `jobs.*.ping`, `rules[].match.regex`… */
function fieldsOf(schema: core.$ZodType, path = ''): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & {type: string};
  const inner = (key: string) => fieldsOf(def[key] as core.$ZodType, path);
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return inner('innerType');
  if (def.type === 'pipe') return inner('in');
  if (def.type === 'array') return [path, ...fieldsOf(def.element as core.$ZodType, `${path}[]`)];
  if (def.type === 'record') return fieldsOf(def.valueType as core.$ZodType, `${path}.*`);
  if (def.type === 'object') return Object.entries(def.shape as Record<string, core.$ZodType>).flatMap(([key, value]) => [`${path ? `${path}.` : ''}${key}`, ...fieldsOf(value, path ? `${path}.${key}` : key)]);
  return [path];
}

describe('the ownership table', () => {
  const fields = [...new Set(fieldsOf(policyFileSchema))].filter(Boolean);

  it('has a row for every field a policy file may set', () => {
    const sections = new Set(['defaults', 'jobs', 'env', 'paths', 'packs', 'audit', 'locks', 'rules']);
    expect(fields.filter((field) => !sections.has(field) && ownerOf(field) === undefined)).toEqual([]);
    expect(fields).toContain('jobs.*.timeout');
  });

  it('names no field the schema does not have', () => {
    const known = (row: string) => fields.some((field) => field === row || field.startsWith(`${row.replace(/\.\*$/, '')}.`) || (row === 'packs.*' && field.startsWith('packs.')));
    expect(Object.keys(ownershipTable).filter((row) => !known(row))).toEqual([]);
  });

  it('reaches a row through the names issues use', () => {
    expect(ownerOf('jobs.backup.timeout')).toBe(ownershipTable['jobs.*.timeout']);
    expect(ownerOf('jobs["db-backup"].lock')).toBe(ownershipTable['jobs.*.lock']);
    expect(ownerOf('rules[3].level')).toBe(ownershipTable['rules[].level']);
    expect(ownerOf('rules[3].match.regex')).toBe(ownershipTable['rules[]']);
    expect(ownerOf('paths.confine[1]')).toBe(ownershipTable['paths.confine']);
    expect(ownerOf('audit.retention')).toBe(ownershipTable['audit.*']);
  });
});
