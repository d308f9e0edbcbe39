import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';
import {dangerousVariables} from '../../src/policy/environment.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const policyFile = () => join(box.dir, 'policy.yaml');
const writePolicy = (yaml: string) => writeFileSync(policyFile(), yaml, {mode: 0o644});
const run = (args: string[], env: Record<string, string> = {}) =>
  guard(['run', '--policy', policyFile(), ...args], {cwd: box.dir, env: {...box.env, ...env}});
const rows = (query: string) => {
  const text = execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim();
  return text === '' ? [] : (JSON.parse(text) as Array<Record<string, unknown>>);
};

// The environment the command saw, as a map.
async function seenEnvironment(args: string[], env: Record<string, string>): Promise<Map<string, string>> {
  // env itself, not a shell: a shell drops names such as BASH_FUNC_ls%% before anyone sees them.
  const result = await run([...args, '--', 'env', '-0'], env);
  expect(result.exitCode, result.stderr).toBe(0);
  return new Map(
    result.stdout
      .split('\0')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('policy env in guard run', () => {
  it('removes variables by name and glob, records their names (never values), and keeps the rest', async () => {
    writePolicy('env:\n  remove: [AWS_SECRET_ACCESS_KEY, "DEBUG_*"]\n');
    const seen = await seenEnvironment([], {AWS_SECRET_ACCESS_KEY: 'wJalrXUt', DEBUG_SQL: '1', DEBUG_HTTP: '1', KEEP_ME: 'yes'});
    expect(seen.has('AWS_SECRET_ACCESS_KEY')).toBe(false);
    expect(seen.has('DEBUG_SQL')).toBe(false);
    expect(seen.has('DEBUG_HTTP')).toBe(false);
    expect(seen.get('KEEP_ME')).toBe('yes');
    expect(seen.get('GUARD_RUN_ID')).toBe('1');
    const [row] = rows('select notes from runs');
    const notes = JSON.parse(String(row!.notes)) as string[];
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^removed from the environment by the policy: /);
    expect(notes[0]!.split(': ')[1]!.split(', ').sort()).toEqual(['AWS_SECRET_ACCESS_KEY', 'DEBUG_HTTP', 'DEBUG_SQL']);
    expect(readFileSync(box.env.GUARD_DB!).includes('wJalrXUt')).toBe(false);
  });

  it('S10: removes the dangerous variables when the policy opts in, and only then', async () => {
    // Harmless values: guard's own test harness starts node with this environment too.
    writeFileSync(join(box.dir, 'startup.sh'), '');
    const planted = {
      BASH_ENV: join(box.dir, 'startup.sh'),
      'BASH_FUNC_ls%%': '() { echo pwned; }',
      ENV: join(box.dir, 'startup.sh'),
      LD_PRELOAD: 'libc.so.6',
      NODE_OPTIONS: '--no-warnings',
      PERL5OPT: '-Mstrict',
      PYTHONPATH: box.dir,
    };
    writePolicy('env:\n  removeDangerous: true\n');
    const cleaned = await seenEnvironment([], planted);
    for (const name of Object.keys(planted)) expect(cleaned.has(name), name).toBe(false);
    writePolicy('{}');
    const kept = await seenEnvironment([], planted);
    for (const [name, value] of Object.entries(planted)) expect(kept.get(name), name).toBe(value);
  });

  it('lists every dangerous variable with why it is dangerous', () => {
    expect(dangerousVariables.length).toBeGreaterThan(10);
    for (const item of dangerousVariables) expect(item.why.length, item.glob).toBeGreaterThan(10);
  });

  it('refuses with 78, naming the variable and the policy, when a required one is missing, and runs nothing', async () => {
    writePolicy('env:\n  require: [BACKUP_TARGET, PGHOST]\n');
    const marker = join(box.dir, 'marker');
    const result = await run(['--', 'touch', marker], {PGHOST: 'db1'});
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toBe(`guard: BACKUP_TARGET must be set for this run (env.require in ${policyFile()}); nothing was run`);
    expect(existsSync(marker)).toBe(false);
    const ok = await run(['--', 'touch', marker], {BACKUP_TARGET: 's3://bucket', PGHOST: 'db1'});
    expect(ok.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('lets a usage error win over a missing variable (64 before 78)', async () => {
    writePolicy('env:\n  require: [BACKUP_TARGET]\n');
    const result = await run(['--timeout', 'soon', '--', 'true']);
    expect(result.exitCode).toBe(64);
  });

  it('lets a missing variable win over a refusal (78 before 77)', async () => {
    writePolicy('env:\n  require: [BACKUP_TARGET]\n');
    const result = await run(['--', 'rm', '-rf', '/']);
    expect(result.exitCode).toBe(78);
  });

  it("keeps guard's own settings from the caller: removing GUARD_* and XDG_* from the command's environment moves no log", async () => {
    writePolicy('env:\n  remove: ["GUARD_*", "XDG_*"]\n');
    const seen = await seenEnvironment([], {});
    expect(seen.has('GUARD_DB')).toBe(false);
    expect(seen.has('XDG_STATE_HOME')).toBe(false);
    expect(seen.get('GUARD_RUN_ID')).toBe('1');
    expect(rows('select id, status from runs')).toEqual([{id: 1, status: 'succeeded'}]);
  });

  it('checks the command with the environment it will get', async () => {
    writePolicy('env:\n  remove: [TARGET]\n');
    // With TARGET removed, "$TARGET" expands to nothing: rm -rf /, refused.
    const result = await run(['--', 'sh', '-c', 'rm -rf "/$TARGET"'], {TARGET: 'tmp/scratch'});
    expect(result.exitCode).toBe(77);
  });
});
