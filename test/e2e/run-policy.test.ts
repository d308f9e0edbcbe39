import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {mergedNote} from '../../src/run/record.js';
import {bin, guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const run = (args: string[], env: Record<string, string> = {}) => guard(['run', ...args], {cwd: box.dir, env: {...box.env, ...env}});
const rows = (query: string) => {
  const text = execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim();
  return text === '' ? [] : (JSON.parse(text) as Record<string, unknown>[]);
};
const marker = () => join(box.dir, 'marker');

describe('guard run and the policy', () => {
  it('starts nothing for a refused command and leaves a blocked row with the rule', async () => {
    const result = await run(['--', 'sh', '-c', `touch ${marker()}; rm -rf /`]);
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe('guard: refused by rule fs.rm-root: rm -rf / would delete the root filesystem');
    expect(existsSync(marker())).toBe(false);
    expect(rows('select status, exit_code, decision, rules, child_pid from runs')).toEqual([
      {status: 'blocked', exit_code: 77, decision: 'deny', rules: '["fs.rm-root"]', child_pid: null},
    ]);
  });

  it('refuses a confirm rule without a terminal, and runs it with --yes, noting the consent', async () => {
    mkdirSync(join(box.dir, 'repo'));
    execFileSync('git', ['init', '-q', join(box.dir, 'repo')]);
    const refused = await run(['--', 'git', '-C', join(box.dir, 'repo'), 'reset', '--hard']);
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr).toMatch(/^guard: refused by rule git\.reset-hard: /);
    const accepted = await run(['--yes', '--', 'sh', '-c', `git -C ${join(box.dir, 'repo')} reset --hard 2>/dev/null; touch ${marker()}`]);
    expect(accepted.exitCode).toBe(0);
    expect(existsSync(marker())).toBe(true);
    expect(rows('select status, decision, notes from runs order by id')).toEqual([
      {status: 'blocked', decision: 'confirm', notes: null},
      {status: 'succeeded', decision: 'confirm', notes: '["confirm rules accepted with --yes"]'},
    ]);
  });

  it('asks on a terminal for the job name before a confirm rule runs', async () => {
    // Its own repository, and its own cwd: this reset must never touch anything but a scratch repo.
    const repo = join(box.dir, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', repo]);
    const script = (answer: string) =>
      `printf '${answer}\\n' | script -qec "node ${bin} run --name deploy -- sh -c 'git -C ${repo} reset --hard 2>/dev/null; touch ${marker()}'" /dev/null`;
    const options = {cwd: repo, encoding: 'utf8' as const, env: {...process.env, ...box.env}};
    const wrong = execFileSync('sh', ['-c', `${script('nope')}; echo "status $?"`], options);
    expect(wrong).toMatch(/type the job name \(deploy\) to go on/);
    expect(wrong.trim()).toMatch(/status 77$/);
    expect(existsSync(marker())).toBe(false);
    const right = execFileSync('sh', ['-c', `${script('deploy')}; echo "status $?"`], options);
    expect(right.trim()).toMatch(/status 0$/);
    expect(existsSync(marker())).toBe(true);
    // A terminal is one file for stdout and stderr: the command got one pipe for both.
    expect(rows("select notes from runs where status = 'succeeded'")).toEqual([{notes: JSON.stringify(['confirmed at the terminal', mergedNote])}]);
  });

  it('runs nothing with --dry-run and records it', async () => {
    const result = await run(['--dry-run', '--', 'touch', marker()]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('guard: dry run: allowed; nothing was run');
    expect(existsSync(marker())).toBe(false);
    expect(rows('select status, exit_code from runs')).toEqual([{status: 'dry_run', exit_code: 0}]);
  });

  it('refuses with --dry-run too, as a blocked row', async () => {
    const result = await run(['--dry-run', '--', 'rm', '-rf', '/']);
    expect(result.exitCode).toBe(77);
    expect(rows('select status from runs')).toEqual([{status: 'blocked'}]);
  });

  it('gives 64 before 78, and 78 before anything runs', async () => {
    writeFileSync(join(box.dir, '.guardrc.json'), '{"rules": "not a list"}');
    expect((await run(['--timeout', 'banana', '--', 'true'])).exitCode).toBe(64);
    const invalid = await run(['--', 'touch', marker()]);
    expect(invalid.exitCode).toBe(78);
    expect(invalid.stderr.split('\n')).toHaveLength(1);
    expect(existsSync(marker())).toBe(false);
  });

  it('gives 77 before 74: a refusal wins over an unusable audit log', async () => {
    const result = await run(['--', 'rm', '-rf', '/'], {GUARD_DB: join(box.dir, 'no-such-dir-file')});
    writeFileSync(join(box.dir, 'file'), '');
    const unusable = await run(['--', 'rm', '-rf', '/'], {GUARD_DB: join(box.dir, 'file/audit.db')});
    expect(result.exitCode).toBe(77);
    expect(unusable.exitCode).toBe(77);
    expect(unusable.stderr.split('\n')[0]).toBe('guard: refused by rule fs.rm-root: rm -rf / would delete the root filesystem');
  });

  it('runs a command a warn rule matches, and says so', async () => {
    writeFileSync(join(box.dir, '.guardrc.json'), JSON.stringify({rules: [{id: 'local.echo', level: 'warn', reason: 'echo is watched here', match: {program: 'echo'}}]}));
    const result = await run(['--', 'echo', 'hi']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('hi');
    expect(result.stderr).toBe('guard: warning by rule local.echo: echo: echo is watched here');
    expect(rows('select decision, rules from runs')).toEqual([{decision: 'warn', rules: '["local.echo"]'}]);
  });
});

describe('a script guard cannot read is refused (script.unreadable)', () => {
  // Over 1 MiB: a comment pads it past what guard reads, and a fake rm -rf / would run after it.
  const bigScript = () => {
    const path = join(box.dir, 'big.sh');
    writeFileSync(path, `#!/bin/sh\n${'# padding\n'.repeat(115_000)}rm() { touch ${marker()}; }\nrm -rf /\n`, {mode: 0o755});
    return path;
  };
  const refusal = (path: string) => `guard: refused by rule script.unreadable: ${path} is over 1 MiB, too large to check: guard cannot vouch for a script it cannot read`;
  const userPolicy = (yaml: string) => {
    mkdirSync(join(box.env.XDG_CONFIG_HOME!, 'guard'), {recursive: true});
    writeFileSync(join(box.env.XDG_CONFIG_HOME!, 'guard/policy.yaml'), yaml, {mode: 0o644});
  };

  it.each([
    ['sh FILE', (path: string) => ['sh', path]],
    ['bash -e FILE', (path: string) => ['bash', '-e', path]],
    ['the file itself, by its shebang', (path: string) => [path]],
  ])('refuses %s over 1 MiB with 77, runs nothing, and leaves a blocked row', async (_how, argv) => {
    const path = bigScript();
    const result = await run(['--', ...argv(path)]);
    expect(result.stderr).toBe(refusal(path));
    expect(result.exitCode).toBe(77);
    expect(existsSync(marker())).toBe(false);
    expect(rows('select status, decision, rules from runs')).toEqual([{status: 'blocked', decision: 'deny', rules: '["script.unreadable"]'}]);
  });

  it('refuses a script that cannot be read at all, and says so in guard check too', async () => {
    const missing = join(box.dir, 'missing.sh');
    const check = await guard(['check', '--', 'sh', missing], {cwd: box.dir, env: box.env});
    expect(check.stderr).toBe(`guard: refused by rule script.unreadable: cannot read ${missing}: no such file or folder (ENOENT): guard cannot vouch for a script it cannot read`);
    expect(check.exitCode).toBe(77);
  });

  it('runs it with a warning when the user policy lowers the rule', async () => {
    const path = bigScript();
    userPolicy('rules:\n  - id: script.unreadable\n    level: warn\n    reason: our generated migrations are large\n');
    const result = await run(['--', 'sh', path]);
    // In the words of the policy that lowered it.
    expect(result.stderr).toBe(`guard: warning by rule script.unreadable: ${path}: our generated migrations are large`);
    expect(result.exitCode).toBe(0);
    expect(existsSync(marker())).toBe(true);
    expect(rows('select status, decision, rules from runs')).toEqual([{status: 'succeeded', decision: 'warn', rules: '["script.unreadable"]'}]);
  });

  it('refuses a project policy that lowers it with 78, and runs nothing', async () => {
    const path = bigScript();
    const project = join(box.dir, '.guardrc.yaml');
    writeFileSync(project, 'rules:\n  - id: script.unreadable\n    level: off\n    reason: trust me\n');
    const result = await run(['--', 'sh', path]);
    expect(result.stderr).toBe(`guard: ${project}: rules[0].level: cannot lift rule script.unreadable to off: built-in sets it to deny; only the system or user policy may lift it`);
    expect(result.exitCode).toBe(78);
    expect(existsSync(marker())).toBe(false);
  });
});
