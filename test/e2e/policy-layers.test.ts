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
    expect(view.overrides).toEqual({'git.reset-hard': {level: 'off', reason: 'the deploy script resets on purpose', source: path}});
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
    expect(allowed.view.overrides).toEqual({'ops.reboot': {level: 'off', reason: 'this box reboots itself nightly', source: project}});
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

  const machine = "a repository cannot ship a .guardrc that disarms the machine's policy";

  it('refuses a project .guardrc that moves the lock folder with 78, naming file, field and why; runs nothing and makes no folder', async () => {
    const elsewhere = `${box.dir}/repo-locks`;
    const path = box.write('project/.guardrc', `locks:\n  dir: ${elsewhere}\n`);
    const marker = `${box.dir}/ran`;
    const result = await box.guard(['run', '--lock', 'nightly', '--', 'touch', marker]);
    expect(result.stderr).toBe(`guard: ${path}: locks.dir: only the system or user policy may say where locks live: ${machine}`);
    expect(result.exitCode).toBe(78);
    const {existsSync} = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('keeps the machine\'s timeout inside a repository: a project may shorten it, never lengthen it', async () => {
    const user = box.write('config/guard/policy.yaml', 'defaults:\n  timeout: 1s\n');
    const outside = await box.guard(['run', '--', 'sleep', '5'], {cwd: box.dir});
    expect(outside.exitCode).toBe(124);

    const path = box.write('project/.guardrc.yaml', 'defaults:\n  timeout: 1h\n');
    const inside = await box.guard(['run', '--', 'sleep', '5']);
    expect(inside.stderr).toBe(`guard: ${path}: defaults.timeout: 1h is longer than 1s (defaults.timeout in ${user}): a project policy may shorten a timeout, never lengthen it`);
    expect(inside.exitCode).toBe(78);

    box.write('project/.guardrc.yaml', 'jobs:\n  backup:\n    timeout: 5h\n');
    const job = await box.guard(['run', '--name', 'backup', '--', 'sleep', '5']);
    expect(job.stderr).toBe(`guard: ${path}: jobs.backup.timeout: 5h is longer than 1s (defaults.timeout in ${user}): a project policy may shorten a timeout, never lengthen it`);
    expect(job.exitCode).toBe(78);

    box.write('project/.guardrc.yaml', 'defaults:\n  timeout: 300ms\n');
    const shorter = await box.guard(['run', '--', 'sleep', '5']);
    expect(shorter.stderr).toMatch(/^guard: timed out after 300ms/);
    expect(shorter.exitCode).toBe(124);
  });

  it('refuses a project .guardrc that marks a rule overridable or changes the audit log', async () => {
    const path = box.write('project/.guardrc', 'rules:\n  - {id: git.push-force, level: deny, reason: r, overridable: true}\naudit:\n  captureBytes: 0\n');
    const result = await box.guard(['check', '--', 'true']);
    expect(result.stderr).toBe(`guard: ${path}: rules[0].overridable: only the system or user policy may mark a rule overridable: ${machine} (and 1 more: guard policy validate lists them)`);
    expect(result.exitCode).toBe(78);
  });

  it('lists the refusals of what guard cannot see and of the policy\'s own paths as rules, which policies name by id', async () => {
    const user = box.write('config/guard/policy.yaml', 'rules:\n  - {id: script.unreadable, level: warn, reason: our generated scripts are large}\n');
    const result = await box.guard(['policy', 'show', '--json']);
    expect(result.exitCode).toBe(0);
    const rules = JSON.parse(result.stdout).rules as Array<{id: string; level: string; pack?: string; overridable?: boolean; lowerableBy?: string[]; overriddenBy?: string}>;
    const byId = Object.fromEntries(rules.map((rule) => [rule.id, rule]));
    for (const id of ['shell.syntax', 'shell.dynamic-program', 'shell.unanalysable', 'shell.too-deep']) expect(byId[id]).toMatchObject({level: 'deny', overridable: false, pack: 'analysis', source: 'built-in'});
    for (const id of ['paths.protect', 'paths.confine']) expect(byId[id]).toMatchObject({level: 'deny', overridable: false, pack: 'paths'});
    expect(byId['script.unreadable']).toMatchObject({level: 'warn', lowerableBy: ['system', 'user'], overriddenBy: user, pack: 'analysis'});
    expect((await box.guard(['policy', 'show'])).stdout).toMatch(/^shell\.syntax\s+deny\s+built-in analysis\s*$/m);

    const path = box.write('project/.guardrc', 'rules:\n  - {id: shell.dynamic-program, level: warn, reason: we build commands}\n');
    const refused = await box.guard(['policy', 'show']);
    expect(refused.stderr).toBe(`guard: ${path}: rules[0].level: cannot lower rule shell.dynamic-program to warn: built-in sets it to deny and does not mark it overridable`);
    expect(refused.exitCode).toBe(78);
  });
});

