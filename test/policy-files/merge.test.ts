import {describe, expect, it} from 'vitest';
import {mergeLayers, type BuiltinLayer, type LayerName, type PolicyLayer} from '../../src/policy/merge.js';
import {PolicyInvalid} from '../../src/policy/schema-errors.js';
import {parsePolicyFile} from '../../src/policy/schema.js';
import {packNames, type PackName} from '../../src/policy/types.js';

const builtin: BuiltinLayer = {
  policy: {
    overrides: {},
    packs: Object.fromEntries(packNames.map((name) => [name, true])) as Record<PackName, boolean>,
    paths: {allow: [], confine: null, protect: ['/srv/backups/**'], sources: {'/srv/backups/**': 'built-in'}},
    rules: [],
  },
  rules: [
    {id: 'fs.rm-root', level: 'deny', lowering: 'nobody'},
    {id: 'git.reset-hard', level: 'confirm', lowering: 'later'},
    {id: 'script.unreadable', level: 'deny', lowering: 'machine'},
  ],
};

const layer = (layer: LayerName, data: unknown): PolicyLayer => ({file: parsePolicyFile(data, `/${layer}.yaml`), layer, source: `/${layer}.yaml`});
const rule = (id: string, extra: Record<string, unknown> = {}) => ({id, level: 'deny', reason: 'why', match: {program: 'reboot'}, ...extra});

function refusal(layers: PolicyLayer[]): string[] {
  try {
    mergeLayers(builtin, layers);
  } catch (error) {
    if (error instanceof PolicyInvalid) return error.lines();
    throw error;
  }

  throw new Error('expected the merge to fail');
}

describe('merging policy layers', () => {
  it('adds each layer\'s rules in layer order, each with its source', () => {
    const {policy} = mergeLayers(builtin, [layer('system', {rules: [rule('ops.a')]}), layer('project', {rules: [rule('ops.b', {level: 'warn'})]})]);
    expect(policy.rules.map((r) => [r.id, r.level, r.source])).toEqual([
      ['ops.a', 'deny', '/system.yaml'],
      ['ops.b', 'warn', '/project.yaml'],
    ]);
  });

  it('refuses a project that lifts a built-in rule that is not overridable, naming file, rule and layer', () => {
    expect(refusal([layer('project', {rules: [{id: 'fs.rm-root', level: 'off', reason: 'we know what we do'}]})])).toEqual([
      '/project.yaml: rules[0].level: cannot lift rule fs.rm-root to off: built-in sets it to deny and does not mark it overridable',
    ]);
  });

  it('refuses lowering a non-overridable rule too, not only lifting it', () => {
    expect(refusal([layer('user', {rules: [{id: 'fs.rm-root', level: 'warn', reason: 'x'}]})])[0]).toContain('cannot lower rule fs.rm-root to warn');
  });

  it('lets a later layer lift an overridable built-in rule, and records the override', () => {
    const {policy} = mergeLayers(builtin, [layer('project', {rules: [{id: 'git.reset-hard', level: 'off', reason: 'deploys reset on purpose'}]})]);
    expect(policy.overrides).toEqual({'git.reset-hard': {level: 'off', reason: 'deploys reset on purpose', source: '/project.yaml'}});
  });

  it('lets a project lift a system rule marked overridable', () => {
    const merged = mergeLayers(builtin, [layer('system', {rules: [rule('ops.reboot', {overridable: true})]}), layer('project', {rules: [{id: 'ops.reboot', level: 'off', reason: 'this box reboots itself'}]})]);
    expect(merged.policy.rules).toEqual([]);
    expect(merged.policy.overrides['ops.reboot']).toEqual({level: 'off', reason: 'this box reboots itself', source: '/project.yaml'});
    expect(merged.lifted.map((r) => [r.id, r.source])).toEqual([['ops.reboot', '/system.yaml']]);
  });

  it('refuses a project that lifts a system rule not marked overridable', () => {
    expect(refusal([layer('system', {rules: [rule('ops.reboot')]}), layer('project', {rules: [{id: 'ops.reboot', level: 'off', reason: 'x'}]})])[0]).toBe(
      '/project.yaml: rules[0].level: cannot lift rule ops.reboot to off: /system.yaml sets it to deny and does not mark it overridable',
    );
  });

  it('lets any layer tighten any rule, and then holds the tighter level', () => {
    const merged = mergeLayers(builtin, [layer('user', {rules: [{id: 'git.reset-hard', level: 'deny', reason: 'never on my machine'}]})]);
    expect(merged.policy.overrides['git.reset-hard']).toEqual({level: 'deny', reason: 'never on my machine', source: '/user.yaml'});
    expect(refusal([layer('user', {rules: [{id: 'git.reset-hard', level: 'deny', reason: 'never'}]}), layer('project', {rules: [{id: 'git.reset-hard', level: 'off', reason: 'x'}]})])[0]).toContain(
      'cannot lift rule git.reset-hard to off: /user.yaml sets it to deny',
    );
  });

  it('keeps a tightened rule overridable when the tightening layer says so', () => {
    const merged = mergeLayers(builtin, [
      layer('user', {rules: [{id: 'git.reset-hard', level: 'deny', reason: 'ask first', overridable: true}]}),
      layer('project', {rules: [{id: 'git.reset-hard', level: 'warn', reason: 'ci resets'}]}),
    ]);
    expect(merged.policy.overrides['git.reset-hard']).toEqual({level: 'warn', reason: 'ci resets', source: '/project.yaml'});
  });

  it('lowers a file rule in place when it is overridable', () => {
    const {policy} = mergeLayers(builtin, [layer('system', {rules: [rule('ops.reboot', {overridable: true})]}), layer('user', {rules: [{id: 'ops.reboot', level: 'confirm', reason: 'ask me'}]})]);
    expect(policy.rules).toMatchObject([{id: 'ops.reboot', level: 'confirm', source: '/system.yaml'}]);
  });

  it('refuses redefining an earlier rule, a new rule without a match, and off for a rule nobody defines', () => {
    expect(refusal([layer('project', {rules: [rule('fs.rm-root')]})])[0]).toContain('rules[0].match: rule fs.rm-root is defined by built-in');
    expect(refusal([layer('project', {rules: [{id: 'ops.new', level: 'deny', reason: 'x'}]})])[0]).toContain('rules[0]: no earlier layer defines rule ops.new, so it needs a match');
    expect(refusal([layer('project', {rules: [{id: 'ops.typo', level: 'off', reason: 'x'}]})])[0]).toContain("rules[0].level: off lifts an earlier layer's rule, and no earlier layer defines ops.typo");
  });

  it('lets only the system layer turn a pack off, and any layer turn one back on', () => {
    expect(refusal([layer('project', {packs: {git: false}})])).toEqual(['/project.yaml: packs.git: only the system policy may turn a pack off (this is the project policy)']);
    expect(refusal([layer('user', {packs: {cloud: false}})])[0]).toContain('packs.cloud: only the system policy');
    const merged = mergeLayers(builtin, [layer('system', {packs: {git: false, cloud: false}}), layer('user', {packs: {cloud: true}})]);
    expect(merged.policy.packs).toMatchObject({git: false, cloud: true, filesystem: true});
    expect(merged.packSources).toMatchObject({git: '/system.yaml', cloud: '/user.yaml', filesystem: 'built-in'});
  });

  it('scopes a project allow to its own protected paths, and the system allow to every layer\'s', () => {
    const {policy} = mergeLayers(builtin, [
      layer('system', {paths: {allow: ['/srv/backups/scratch/**'], protect: ['/opt/**']}}),
      layer('user', {paths: {allow: ['/home/me/**']}}),
      layer('project', {paths: {protect: ['/data/**'], allow: ['/data/tmp/**', '/', '/srv/backups/**']}}),
    ]);
    expect(policy.paths.allow).toEqual(['/srv/backups/scratch/**']);
    expect(policy.paths.protect).toEqual(['/srv/backups/**', '/opt/**', '/data/**']);
    expect(policy.paths.scopes).toEqual([
      {allow: ['/srv/backups/scratch/**'], protect: ['/srv/backups/**'], source: 'built-in'},
      {allow: ['/srv/backups/scratch/**'], protect: ['/opt/**'], source: '/system.yaml'},
      {allow: ['/home/me/**', '/srv/backups/scratch/**'], protect: [], source: '/user.yaml'},
      {allow: ['/data/tmp/**', '/', '/srv/backups/**', '/srv/backups/scratch/**'], protect: ['/data/**'], source: '/project.yaml'},
    ]);
    expect(policy.paths.sources).toMatchObject({'/data/**': '/project.yaml', '/srv/backups/**': 'built-in', '/srv/backups/scratch/**': '/system.yaml'});
  });

  it('lets a later layer only narrow the confinement', () => {
    const {policy} = mergeLayers(builtin, [layer('system', {paths: {confine: ['/srv/**']}}), layer('project', {paths: {confine: ['/srv/app', '/srv/jobs/']}})]);
    expect(policy.paths.confine).toEqual(['/srv/app', '/srv/jobs/']);
    expect(refusal([layer('system', {paths: {confine: ['/srv']}}), layer('project', {paths: {confine: ['/srv/app', '/home']}})])[0]).toContain(
      'paths.confine[1]: /home is outside the confinement set by /system.yaml (/srv); a later layer can only narrow it',
    );
  });

  it('merges settings with their sources, a later value replacing an earlier one', () => {
    const {settings} = mergeLayers(builtin, [
      layer('system', {defaults: {timeout: '1h', quiet: true}, env: {remove: ['LD_*'], removeDangerous: true}, redact: ['a+']}),
      layer('user', {defaults: {timeout: '30m'}, env: {remove: ['LD_*', 'PERL5LIB'], require: ['HOME']}, redact: ['b+'], audit: {onError: 'run'}}),
    ]);
    expect(settings.defaults).toEqual({quiet: {source: '/system.yaml', value: true}, timeout: {source: '/user.yaml', value: 1_800_000}});
    expect(settings.env.remove).toEqual([
      {source: '/system.yaml', value: 'LD_*'},
      {source: '/user.yaml', value: 'PERL5LIB'},
    ]);
    expect(settings.redact.map((item) => item.value)).toEqual(['a+', 'b+']);
    expect(settings.audit.onError).toEqual({source: '/user.yaml', value: 'run'});
  });

  it('refuses a later layer that changes what an earlier one fixed or loosens a safeguard', () => {
    const system = layer('system', {jobs: {backup: {timeout: '2h', fixed: ['timeout'], reasonRequired: true}}, env: {removeDangerous: true}, audit: {onError: 'fail'}});
    expect(refusal([system, layer('project', {jobs: {backup: {timeout: '5h', reasonRequired: false}}, env: {removeDangerous: false}})])).toEqual([
      '/project.yaml: jobs.backup.timeout: /system.yaml fixes this setting for job backup; a later layer cannot change it',
      '/project.yaml: jobs.backup.reasonRequired: /system.yaml requires a reason for job backup; a later layer cannot drop that',
      '/project.yaml: env.removeDangerous: /system.yaml removes dangerous variables; a later layer cannot keep them',
    ]);
    expect(refusal([system, layer('user', {audit: {onError: 'run'}})])[0]).toContain('audit.onError: /system.yaml makes guard fail closed');
    expect(refusal([layer('project', {audit: {onError: 'run'}})])[0]).toContain('audit.onError: only the system or user policy');
    expect(mergeLayers(builtin, [system, layer('project', {jobs: {backup: {timeout: '2h', quiet: true}}})]).settings.jobs.backup).toMatchObject({
      quiet: {source: '/project.yaml', value: true},
      timeout: {source: '/system.yaml', value: 7_200_000},
    });
  });

  it('gives the built-in policy unchanged when there are no files', () => {
    const {policy, settings} = mergeLayers(builtin, []);
    expect(policy).toMatchObject({overrides: {}, packs: builtin.policy.packs, rules: []});
    expect(settings).toEqual({audit: {}, defaults: {}, env: {remove: [], require: []}, fleet: {}, jobs: {}, locks: {}, redact: []});
  });
});
