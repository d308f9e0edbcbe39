import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

// A layer that sets a rule's level gives a reason: that reason is the one guard says.

let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
let repo: string;
beforeEach(() => {
  box = sandbox();
  env = {...box.env, HOME: box.dir};
  repo = join(box.dir, 'repo');
  mkdirSync(repo);
  execFileSync('git', ['init', '-q', repo]);
});
afterEach(() => box.remove());

function userPolicy(yaml: string): string {
  const path = join(box.env.XDG_CONFIG_HOME!, 'guard/policy.yaml');
  mkdirSync(join(box.env.XDG_CONFIG_HOME!, 'guard'), {recursive: true});
  writeFileSync(path, yaml);
  return path;
}

const rows = () => JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, 'select status, exit_code, error from runs'], {encoding: 'utf8'}) || '[]');
const lowered = 'rules:\n  - id: git.reset-hard\n    level: warn\n    reason: CI clones are thrown away after each job\n';

describe('a policy that sets the level of a built-in rule', () => {
  it('is quoted in the warning of a run it lowered, not the built-in reason', async () => {
    userPolicy(lowered);
    const result = await guard(['run', '--', 'git', 'reset', '--hard'], {cwd: repo, env});
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('guard: warning by rule git.reset-hard: git reset --hard: CI clones are thrown away after each job');
  });

  it('is quoted by guard check, in its lines and its JSON', async () => {
    userPolicy(lowered);
    const check = await guard(['check', '--', 'git', 'reset', '--hard', 'origin/main'], {env});
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toContain('warn git.reset-hard: git reset --hard: CI clones are thrown away after each job [word: --hard]');
    expect(check.stdout).not.toContain('throws away uncommitted changes');
    const json = await guard(['check', '--json', '--', 'git', 'reset', '--hard'], {env});
    expect(JSON.parse(json.stdout).findings).toMatchObject([{level: 'warn', reason: 'git reset --hard: CI clones are thrown away after each job', rule: 'git.reset-hard'}]);
  });

  it('is quoted in the refusal of a rule it raised, and in the row', async () => {
    userPolicy('rules:\n  - id: git.clean-force\n    level: deny\n    reason: build outputs here are kept on purpose\n');
    const result = await guard(['run', '--', 'git', 'clean', '-fdx'], {cwd: repo, env});
    const line = 'refused by rule git.clean-force: git clean -fdx: build outputs here are kept on purpose';
    expect(result.exitCode).toBe(77);
    expect(result.stderr).toBe(`guard: ${line}`);
    expect(rows()).toEqual([{error: line, exit_code: 77, status: 'blocked'}]);
  });

  it('of a rule another policy file defined is quoted too', async () => {
    userPolicy('rules:\n  - id: local.deploy\n    level: deny\n    overridable: true\n    reason: deploys go through CI\n    match: {program: touch}\n');
    writeFileSync(join(repo, '.guardrc.yaml'), 'rules:\n  - id: local.deploy\n    level: warn\n    reason: this repository deploys by hand\n');
    const marker = join(repo, 'deployed');
    const result = await guard(['run', '--', 'touch', marker], {cwd: repo, env});
    expect(result.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(result.stderr).toBe('guard: warning by rule local.deploy: touch: this repository deploys by hand');
  });

  it('is shown by policy show beside the reason it replaces', async () => {
    const path = userPolicy(lowered);
    const shown = await guard(['policy', 'show'], {env});
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain(
      'REASONS GIVEN WITH A LEVEL\ngit.reset-hard (warn, user): CI clones are thrown away after each job\n  in place of built-in: throws away uncommitted changes\n',
    );
    const json = await guard(['policy', 'show', '--json'], {env});
    expect(JSON.parse(json.stdout).rules.find((rule: {id: string}) => rule.id === 'git.reset-hard')).toMatchObject({
      level: 'warn',
      overriddenBy: path,
      overrideReason: 'CI clones are thrown away after each job',
      reason: 'throws away uncommitted changes',
    });
  });

  it('leaves the built-in reason to a rule no layer changed', async () => {
    userPolicy(lowered);
    const result = await guard(['check', '--', 'git', 'clean', '-fd'], {env});
    expect(result.stdout).toContain('git clean -fd');
    expect(result.stdout).not.toContain('CI clones');
  });
});
