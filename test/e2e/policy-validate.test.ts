import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {policySandbox, type PolicySandbox} from '../policy-files/fixture.js';

let box: PolicySandbox;
beforeEach(() => {
  box = policySandbox();
});
afterEach(() => box.remove());

const reboot = {id: 'ops.no-reboot', level: 'deny', reason: 'no reboots from jobs', match: {program: 'reboot'}};
const yaml = 'rules:\n  - id: ops.no-reboot\n    level: deny\n    reason: no reboots from jobs\n    match: {program: reboot}\ndefaults:\n  timeout: 30m\n';

describe('guard policy validate', () => {
  it.each([
    ['.guardrc', yaml],
    ['.guardrc.yaml', yaml],
    ['.guardrc.yml', yaml],
    ['.guardrc.json', JSON.stringify({rules: [reboot], defaults: {timeout: '30m'}})],
    ['package.json', JSON.stringify({name: 'app', version: '1.0.0', guard: {rules: [reboot], defaults: {timeout: '30m'}}})],
  ])('accepts a valid project policy in %s with one OK line', async (name, content) => {
    const path = box.write(`project/${name}`, content);
    const result = await box.guard(['policy', 'validate']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`ok  ${path}  (project policy: 1 rule, defaults)`);
    expect(result.exitCode).toBe(0);
  });

  it('validates one named file', async () => {
    const path = box.write('elsewhere/ci.yaml', yaml);
    const result = await box.guard(['policy', 'validate', path]);
    expect(result.stdout).toBe(`ok  ${path}  (project policy: 1 rule, defaults)`);
    expect(result.exitCode).toBe(0);
  });

  it('says so when there is no policy file at all', async () => {
    const result = await box.guard(['policy', 'validate']);
    expect(result.stdout).toBe('no policy files here: the built-in policy applies');
    expect(result.exitCode).toBe(0);
  });

  it('names the field path of an invalid regular expression, with exit 78', async () => {
    const rules = [reboot, {...reboot, id: 'b'}, {...reboot, id: 'c'}, {id: 'd', level: 'warn', reason: 'r', match: {regex: 'DROP (TABLE'}}];
    const path = box.write('project/.guardrc.json', JSON.stringify({rules}));
    const result = await box.guard(['policy', 'validate']);
    expect(result.stderr).toMatch(new RegExp(`^guard: ${path.replaceAll('.', '\\.')}: rules\\[3\\]\\.match\\.regex: invalid regular expression`));
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(78);
  });

  it('prints every problem on its own line', async () => {
    const path = box.write('project/.guardrc.yaml', 'rules:\n  - id: a\n    level: block\n    reason: r\n    match: {program: rm}\n    pattern: rm\ndefaults:\n  timeout: soon\n');
    const result = await box.guard(['policy', 'validate']);
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^guard: ${path}: rules\\[0\\]\\.level: expected one of`)),
      `guard: ${path}: rules[0].pattern: unknown field`,
      `guard: ${path}: defaults.timeout: not a duration (use 500ms, 30s, 5m, 2h, 1d, compounds such as 1m30s, or a number of seconds, at most a year)`,
    ]);
    expect(result.exitCode).toBe(78);
  });

  it('rejects a whole file for one bad rule: policy show refuses it rather than keeping the good rules', async () => {
    box.write('project/.guardrc.json', JSON.stringify({rules: [reboot, {...reboot, id: 'bad', level: 'maybe'}]}));
    const result = await box.guard(['policy', 'show', '--json']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^guard: .*\.guardrc\.json: rules\[1\]\.level: expected one of .*$/);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.exitCode).toBe(78);
  });

  it('reports YAML that does not parse', async () => {
    const path = box.write('project/.guardrc', 'rules: [\n  - id: x\n');
    const result = await box.guard(['policy', 'validate']);
    expect(result.stderr).toMatch(new RegExp(`^guard: ${path}: not valid YAML: `));
    expect(result.exitCode).toBe(78);
  });

  it('checks the layering too: a project lifting a built-in rule that is not overridable', async () => {
    const path = box.write('project/.guardrc', 'rules:\n  - id: fs.rm-root\n    level: off\n    reason: we know what we are doing\n');
    const result = await box.guard(['policy', 'validate']);
    expect(result.stderr).toBe(`guard: ${path}: rules[0].level: cannot lift rule fs.rm-root to off: built-in sets it to deny and does not mark it overridable`);
    expect(result.exitCode).toBe(78);
  });

  it('refuses a pack turned off outside the system layer, unless validated as the system layer', async () => {
    const path = box.write('new-system.yaml', 'packs:\n  git: false\n');
    const asProject = await box.guard(['policy', 'validate', path]);
    expect(asProject.stderr).toBe(`guard: ${path}: packs.git: only the system policy may turn a pack off (this is the project policy)`);
    expect(asProject.exitCode).toBe(78);
    const asSystem = await box.guard(['policy', 'validate', '--layer', 'system', path]);
    expect(asSystem.stdout).toBe(`ok  ${path}  (system policy: 0 rules, packs)`);
    expect(asSystem.exitCode).toBe(0);
  });

  it('validates the user layer and a JS user policy', async () => {
    const path = box.write('config/guard/policy.mjs', `export default ${JSON.stringify({rules: [reboot]})};\n`);
    const result = await box.guard(['policy', 'validate']);
    expect(result.stdout).toBe(`ok  ${path}  (user policy: 1 rule)`);
    expect(result.exitCode).toBe(0);
  });

  it('refuses a JS file as a project policy', async () => {
    const path = box.write('project/policy.mjs', 'export default {}\n');
    const result = await box.guard(['policy', 'validate', path]);
    expect(result.stderr).toContain(`guard: policy ${path}: a project policy is data (JSON or YAML), never code`);
    expect(result.exitCode).toBe(78);
  });

  it('reports a missing file with 78', async () => {
    const result = await box.guard(['policy', 'validate', 'nope.yaml']);
    expect(result.stderr).toBe(`guard: policy ${join(box.project, 'nope.yaml')}: no such file`);
    expect(result.exitCode).toBe(78);
  });

  it('refuses, in a project file validated alone, everything a run would refuse of it: one line each', async () => {
    const path = box.write('elsewhere/.guardrc.yaml', [
      'rules:',
      '  - {id: ops.mine, level: warn, reason: r, overridable: true, match: {program: x}}',
      '  - {id: script.unreadable, level: warn, reason: our scripts are big}',
      'defaults:',
      '  killAfter: 1m',
      'jobs:',
      '  backup: {retries: 3}',
      'audit:',
      '  retention: 1d',
      'locks:',
      '  dir: /tmp/elsewhere',
      '',
    ].join('\n'));
    const machine = "a repository cannot ship a .guardrc that disarms the machine's policy";
    const result = await box.guard(['policy', 'validate', path]);
    expect(result.stderr.split('\n')).toEqual([
      `guard: ${path}: rules[0].overridable: only the system or user policy may mark a rule overridable: ${machine}`,
      `guard: ${path}: rules[1].level: cannot lower rule script.unreadable to warn: built-in sets it to deny; only the system or user policy may lower it`,
      `guard: ${path}: defaults.killAfter: 1m is longer than 10s (built-in): a project policy may shorten the grace before SIGKILL, never lengthen it`,
      `guard: ${path}: jobs.backup.retries: 3 retries are more than 0 (built-in): a project policy may run a command fewer times, never more`,
      `guard: ${path}: audit.retention: only the system or user policy may change the audit log's settings: ${machine}`,
      `guard: ${path}: locks.dir: only the system or user policy may say where locks live: ${machine}`,
    ]);
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(78);

    // The same file is the machine's to write as a user policy.
    const asUser = await box.guard(['policy', 'validate', '--layer', 'user', path]);
    expect(asUser.stderr).toBe('');
    expect(asUser.stdout).toBe(`ok  ${path}  (user policy: 2 rules, audit, defaults, jobs, locks)`);
    expect(asUser.exitCode).toBe(0);
  });

  it('compares a project file with the user policy before it, as a run would', async () => {
    box.write('config/guard/policy.yaml', 'defaults:\n  timeout: 10m\n');
    const path = box.write('project/.guardrc.yaml', 'defaults:\n  timeout: 2h\n');
    const result = await box.guard(['policy', 'validate', path]);
    expect(result.stderr).toBe(`guard: ${path}: defaults.timeout: 2h is longer than 10m (defaults.timeout in ${box.dir}/config/guard/policy.yaml): a project policy may shorten a timeout, never lengthen it`);
    expect(result.exitCode).toBe(78);
  });
});

