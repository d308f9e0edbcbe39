import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guardWithSystemPolicy, policySandbox, type PolicySandbox} from '../policy-files/fixture.js';

let box: PolicySandbox;
beforeEach(() => {
  box = policySandbox();
});
afterEach(() => box.remove());

const systemPolicy = [
  'packs:',
  '  cloud: false',
  'rules:',
  '  - id: ops.reboot',
  '    level: deny',
  '    reason: reboots go through the change board',
  '    overridable: true',
  '    match: {program: [reboot, shutdown]}',
  '  - id: ops.iptables',
  '    level: deny',
  '    reason: the firewall is managed centrally',
  '    match: {program: iptables}',
  'defaults:',
  '  timeout: 1h',
  '',
].join('\n');

const show = async (files: Record<string, string>) => {
  const result = await guardWithSystemPolicy(files, ['policy', 'show', '--json'], {env: box.env, cwd: box.project});
  return {...result, view: result.exitCode === 0 ? JSON.parse(String(result.stdout)) : undefined};
};

describe('policy layers', () => {
  it('refuses a project .guardrc that tries to lift a built-in rule that is not overridable, with one clear line', async () => {
    const path = box.write('project/.guardrc', 'rules:\n  - id: fs.rm-root\n    level: off\n    reason: allow rm -rf /\n');
    const result = await box.guard(['policy', 'show']);
    expect(result.stderr).toBe(`guard: ${path}: rules[0].level: cannot lift rule fs.rm-root to off: built-in sets it to deny and does not mark it overridable`);
    expect(result.exitCode).toBe(78);
  });

  it('lets a project lift an overridable built-in rule, and shows who did', async () => {
    const path = box.write('project/.guardrc', 'rules:\n  - id: git.reset-hard\n    level: off\n    reason: the deploy script resets on purpose\n');
    const result = await box.guard(['policy', 'show', '--json']);
    expect(result.exitCode).toBe(0);
    const view = JSON.parse(result.stdout);
    expect(view.overrides).toEqual({'git.reset-hard': {level: 'off', source: path}});
    expect(view.rules.find((rule: {id: string}) => rule.id === 'git.reset-hard')).toMatchObject({level: 'off', overriddenBy: path, pack: 'git', source: 'built-in'});
  });

  it('keeps a project allow of / from carving anything out of the built-in protection', async () => {
    const path = box.write('project/.guardrc', 'paths:\n  allow: ["/", "/**", "~/**"]\n  protect: [./data]\n');
    const result = await box.guard(['policy', 'show', '--json']);
    expect(result.exitCode).toBe(0);
    const view = JSON.parse(result.stdout);
    // Only the system policy's allow reaches every protected path; a project's reaches its own.
    expect(view.paths.allow).toEqual(['/', '/**', '~/**'].map((glob) => ({carvesOutOf: [path], glob, source: path})));
    expect(view.paths.protect).toEqual([{glob: './data', source: path}]);
  });

  it('lets a project lift a system rule marked overridable, and not one that is not', async () => {
    const lifted = 'rules:\n  - id: ops.reboot\n    level: off\n    reason: this box reboots itself nightly\n';
    const project = box.write('project/.guardrc.yaml', lifted);
    const allowed = await show({'policy.yaml': systemPolicy});
    expect(allowed.stderr).toBe('');
    expect(allowed.view.overrides).toEqual({'ops.reboot': {level: 'off', source: project}});
    expect(allowed.view.rules.filter((rule: {source: string}) => rule.source === '/etc/guard/policy.yaml')).toEqual([
      expect.objectContaining({id: 'ops.iptables', level: 'deny'}),
      expect.objectContaining({id: 'ops.reboot', level: 'off', overriddenBy: project}),
    ]);
    expect(allowed.view.packs.cloud).toEqual({on: false, source: '/etc/guard/policy.yaml'});
    expect(allowed.view.settings.defaults.timeout).toEqual({source: '/etc/guard/policy.yaml', value: 3_600_000});

    box.write('project/.guardrc.yaml', 'rules:\n  - id: ops.iptables\n    level: warn\n    reason: we manage our own firewall\n');
    const refused = await show({'policy.yaml': systemPolicy});
    expect(refused.stderr).toBe(`guard: ${project}: rules[0].level: cannot lower rule ops.iptables to warn: /etc/guard/policy.yaml sets it to deny and does not mark it overridable`);
    expect(refused.exitCode).toBe(78);
  });

  it('lets only the system policy turn a pack off', async () => {
    const user = box.write('config/guard/policy.yaml', 'packs:\n  cloud: true\n  git: false\n');
    const result = await show({'policy.yaml': systemPolicy});
    expect(result.stderr).toBe(`guard: ${user}: packs.git: only the system policy may turn a pack off (this is the user policy)`);
    expect(result.exitCode).toBe(78);
  });

  it('lists system, user and project in order in policy validate', async () => {
    const user = box.write('config/guard/policy.json', '{"defaults": {"quiet": true}}');
    const project = box.write('project/package.json', JSON.stringify({name: 'x', guard: {rules: [{id: 'ops.reboot', level: 'warn', reason: 'tell me'}]}}));
    const result = await guardWithSystemPolicy({'policy.yaml': systemPolicy}, ['policy', 'validate'], {env: box.env, cwd: box.project});
    expect(result.stdout).toBe([`ok  /etc/guard/policy.yaml  (system policy: 2 rules, defaults, packs)`, `ok  ${user}  (user policy: 0 rules, defaults)`, `ok  ${project}  (project policy: 1 rule)`].join('\n'));
    expect(result.exitCode).toBe(0);
  });

  it('guard check and guard run still refuse rm -rf / under a project .guardrc that allows /', async () => {
    box.write('project/.guardrc', 'paths:\n  allow: ["/", "/**"]\n');
    const check = await box.guard(['check', '--', 'rm', '-rf', '/']);
    expect(check.stderr).toMatch(/^guard: refused by rule fs\.rm-root/m);
    expect(check.exitCode).toBe(77);
    const run = await box.guard(['run', '--', 'rm', '-rf', '/']);
    expect(run.exitCode).toBe(77);
  });

  it('guard run and guard check exit 78 when the project .guardrc tries to lift fs.rm-root, and run nothing', async () => {
    const path = box.write('project/.guardrc', 'rules:\n  - id: fs.rm-root\n    level: off\n    reason: allow rm -rf /\n');
    const marker = `${box.dir}/ran`;
    const run = await box.guard(['run', '--', 'touch', marker]);
    expect(run.stderr).toContain(`guard: ${path}: rules[0].level: cannot lift rule fs.rm-root to off`);
    expect(run.exitCode).toBe(78);
    expect((await import('node:fs')).existsSync(marker)).toBe(false);
    expect((await box.guard(['check', '--', 'true'])).exitCode).toBe(78);
  });

  it('uses --policy, or GUARD_POLICY, instead of the project search', async () => {
    box.write('project/.guardrc', 'rules:\n  - {id: ops.found, level: warn, reason: r, match: {program: x}}\n');
    const named = box.write('ci.yaml', 'rules:\n  - {id: ops.named, level: warn, reason: r, match: {program: x}}\n');
    const ids = (stdout: string) => JSON.parse(stdout).rules.filter((rule: {source: string}) => rule.source !== 'built-in').map((rule: {id: string}) => rule.id);
    expect(ids(String((await box.guard(['policy', 'show', '--json', '--policy', named])).stdout))).toEqual(['ops.named']);
    expect(ids(String((await box.guard(['policy', 'show', '--json'], {env: {GUARD_POLICY: named}})).stdout))).toEqual(['ops.named']);
    expect(ids(String((await box.guard(['policy', 'show', '--json'])).stdout))).toEqual(['ops.found']);
  });
});
