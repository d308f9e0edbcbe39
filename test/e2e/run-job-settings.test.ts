import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

// Job settings belong to the machine's policy (retries, captureBytes and fixed are the machine's
// to give): the user layer here. A project policy is named with --policy where a test needs one.
const policyFile = () => join(box.env.XDG_CONFIG_HOME!, 'guard/policy.yaml');
const writePolicy = (yaml: string) => {
  mkdirSync(join(box.env.XDG_CONFIG_HOME!, 'guard'), {recursive: true, mode: 0o755});
  writeFileSync(policyFile(), yaml, {mode: 0o644});
};

const run = (args: string[], env: Record<string, string> = {}) => guard(['run', ...args], {cwd: box.dir, env: {...box.env, ...env}});
const rows = (query: string) => {
  const text = execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}).trim();
  return text === '' ? [] : (JSON.parse(text) as Array<Record<string, unknown>>);
};

const jobs = `
defaults:
  timeout: 5m
  killAfter: 2s
jobs:
  backup:
    timeout: 300ms
    lock: true
    retries: 1
    retryDelay: 10ms
    captureBytes: 8
  pinned:
    timeout: 300ms
    fixed: [timeout]
  audited:
    reasonRequired: true
`;

describe('policy defaults and jobs.NAME in guard run', () => {
  it('applies the job settings to guard run --name NAME', async () => {
    writePolicy(jobs);
    const result = await run(['--name', 'backup', '--', 'sh', '-c', 'echo "$GUARD_LOCK"; echo 0123456789abcdef; echo xyz; sleep 30']);
    expect(result.exitCode).toBe(124);
    // The lock named after the job, a timeout of 300ms, one retry, a tail of 8 bytes ("def\nxyz\n"
    // less the line cut in two).
    expect(rows('select attempt, status, lock, stdout_tail from runs order by id')).toEqual([
      {attempt: 1, status: 'timed_out', lock: 'backup', stdout_tail: 'xyz\n'},
      {attempt: 2, status: 'timed_out', lock: 'backup', stdout_tail: 'xyz\n'},
    ]);
    expect(result.stderr).toContain('guard: timed out after 300ms');
  });

  it('lets a flag win over the job and the defaults', async () => {
    writePolicy(jobs);
    const result = await run(['--name', 'backup', '--timeout', '0', '--retries', '0', '--no-lock', '--', 'sh', '-c', 'sleep 0.5; echo "lock=$GUARD_LOCK"']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('lock=');
    expect(rows('select status, lock from runs')).toEqual([{status: 'succeeded', lock: null}]);
  });

  it('gives other names the defaults', async () => {
    writePolicy(`defaults:\n  timeout: 300ms\n`);
    const result = await run(['--name', 'other', '--', 'sleep', '30']);
    expect(result.exitCode).toBe(124);
  });

  it('refuses a flag that changes a fixed setting with 64, naming the flag, the value and the policy', async () => {
    writePolicy(jobs);
    const marker = join(box.dir, 'marker');
    const result = await run(['--name', 'pinned', '--timeout', '1h', '--', 'touch', marker]);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe(`guard: --timeout 1h: job pinned has timeout fixed at 300ms by ${policyFile()}; run it without the flag`);
    expect(existsSync(marker)).toBe(false);
    // The same value is no change.
    expect((await run(['--name', 'pinned', '--timeout', '300ms', '--', 'true'])).exitCode).toBe(0);
  });

  it('refuses a job that requires a reason without --reason, and records the reason when given', async () => {
    writePolicy(jobs);
    const missing = await run(['--name', 'audited', '--', 'true']);
    expect(missing.exitCode).toBe(64);
    expect(missing.stderr).toBe(`guard: --reason: job audited needs a reason (a ticket, an incident): jobs.audited.reasonRequired in ${policyFile()}`);
    const given = await run(['--name', 'audited', '--reason', 'INC-7', '--', 'true']);
    expect(given.exitCode).toBe(0);
    expect(rows('select reason from runs')).toEqual([{reason: 'INC-7'}]);
  });

  it('shows the effective settings of a job and where each came from', async () => {
    writePolicy(jobs);
    const shown = await guard(['policy', 'show', '--name', 'pinned'], {cwd: box.dir, env: box.env});
    expect(shown.exitCode).toBe(0);
    const lines = shown.stdout.split('\n');
    expect(lines[0]).toBe('job pinned');
    expect(lines.find((line) => line.startsWith('timeout'))).toMatch(new RegExp(`^timeout\\s+300ms\\s+jobs\\.pinned\\.timeout in ${policyFile()} \\(fixed\\)$`));
    expect(lines.find((line) => line.startsWith('killAfter'))).toMatch(new RegExp(`^killAfter\\s+2s\\s+defaults\\.killAfter in ${policyFile()}$`));
    expect(lines.find((line) => line.startsWith('retries'))).toMatch(/^retries\s+0\s+built-in$/);
    const json = JSON.parse((await guard(['policy', 'show', '--name', 'backup', '--json'], {cwd: box.dir, env: box.env})).stdout);
    expect(json.settings).toMatchObject({captureBytes: 8, lock: true, retries: 1, timeout: 300});
    expect(json.sources.timeout).toBe(`jobs.backup.timeout in ${policyFile()}`);
  });
});

describe('audit.onError in guard run', () => {
  it('fails closed with 74 by default when the audit log is unusable', async () => {
    writePolicy('{}');
    mkdirSync(join(box.dir, 'state'), {mode: 0o700});
    writeFileSync(box.env.GUARD_DB!, 'not a database at all, just text that is long enough'.repeat(20), {mode: 0o600});
    const marker = join(box.dir, 'marker');
    const result = await run(['--', 'touch', marker]);
    expect(result.exitCode).toBe(74);
    expect(existsSync(marker)).toBe(false);
  });

  it('runs, loudly and unrecorded, when the user policy says onError: run', async () => {
    writePolicy('audit:\n  onError: run\n');
    mkdirSync(join(box.dir, 'state'), {mode: 0o700});
    const garbage = 'not a database at all, just text that is long enough'.repeat(20);
    writeFileSync(box.env.GUARD_DB!, garbage, {mode: 0o600});
    const marker = join(box.dir, 'marker');
    const result = await run(['--lock', 'x', '--', 'sh', '-c', `touch ${marker}; echo "$GUARD_LOCK"; exit 3`]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('x');
    expect(existsSync(marker)).toBe(true);
    expect(result.stderr).toMatch(new RegExp(`^guard: audit log ${box.env.GUARD_DB}: .*; running WITHOUT an audit record because audit.onError is run in .*policy\\.yaml$`));
    expect(readFileSync(box.env.GUARD_DB!, 'utf8')).toBe(garbage);
  });

  it('does not let a project policy say onError: run', async () => {
    const project = join(box.dir, 'project.yaml');
    writeFileSync(project, 'audit:\n  onError: run\n', {mode: 0o644});
    const result = await run(['--policy', project, '--', 'true']);
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toBe(`guard: ${project}: audit.onError: only the system or user policy may change the audit log's settings: a repository cannot ship a .guardrc that disarms the machine's policy`);
  });
});
