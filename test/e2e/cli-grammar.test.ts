import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

// One grammar for every command: a value flag takes the next word unless that begins with
// `-`; with `--` present, every word before it is a flag or a flag's value.
let box: ReturnType<typeof sandbox>;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  env = {...box.env, HOME: box.dir};
});
afterEach(() => box.remove());

const marker = () => join(box.dir, 'marker');

describe('a stray word before --', () => {
  it('is a usage error naming the word, and is never run as the command', async () => {
    const result = await guard(['run', '--timeout', '5', 'touch', marker(), '--', 'true'], {cwd: box.dir, env});
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe("guard: unexpected word 'touch' before --: only guard's flags and their values go there, the command after it");
    expect(result.stdout).toBe('');
    expect(existsSync(marker())).toBe(false);
    expect(existsSync(box.env.GUARD_DB!)).toBe(false);
  });

  it('is a usage error for guard check too', async () => {
    const result = await guard(['check', '--yes', 'rm', '--', 'true'], {env});
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe("guard: unexpected word 'rm' before --: only guard's flags and their values go there, the command after it");
  });

  it('leaves a command without -- to start at its first word, -- and all', async () => {
    const result = await guard(['run', '--timeout', '5s', 'sh', '-c', 'echo "$0 $1"', 'x', '--'], {env});
    expect(result.stderr).toBe("guard: unexpected word 'sh' before --: only guard's flags and their values go there, the command after it");
    expect(result.exitCode).toBe(64);
    const plain = await guard(['run', '--timeout', '5s', 'sh', '-c', 'echo "$0 $1"', 'x', 'y'], {env});
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toBe('x y');
  });
});

describe('a value flag given without its value', () => {
  it.each([
    [['run', '--name', '--json', '--', 'true'], "guard: --name needs a value, not '--json' (a value that begins with - is written --name=VALUE)"],
    [['run', '--reason', '--', 'true'], 'guard: --reason needs a value before --'],
    [['run', '--kill-after', '-1', '--', 'true'], "guard: --kill-after needs a value, not '-1' (a value that begins with - is written --kill-after=VALUE)"],
    [['check', '--policy', '--', 'true'], 'guard: --policy needs a value before --'],
    [['history', '--name', '--json'], "guard: --name needs a value, not '--json' (a value that begins with - is written --name=VALUE)"],
    [['history', '--limit'], 'guard: --limit needs a value'],
    [['stats', '--since'], 'guard: --since needs a value'],
    [['prune', '--older-than'], 'guard: --older-than needs a value'],
    [['prune', '--older-than', '--dry-run'], "guard: --older-than needs a value, not '--dry-run' (a value that begins with - is written --older-than=VALUE)"],
    [['verify', '--head'], 'guard: --head needs a value'],
    [['policy', 'show', '--name'], 'guard: --name needs a value'],
    [['locks', '--policy', '--json'], "guard: --policy needs a value, not '--json' (a value that begins with - is written --policy=VALUE)"],
    [['policy', 'validate', '--layer'], 'guard: --layer needs a value'],
  ])('%j exits 64 naming the flag', async (args, line) => {
    const result = await guard(args, {env});
    expect(result.stderr).toBe(line);
    expect(result.exitCode).toBe(64);
    expect(result.stdout).toBe('');
  });

  it('takes a value that begins with - when written --flag=VALUE', async () => {
    const result = await guard(['run', '--name=-job-', '--reason=--hotfix', '--', 'echo', '--json'], {env});
    expect(result.exitCode).toBe(0);
    const history = await guard(['history', '--name=-job-', '--grep=--json', '--json'], {env});
    expect(history.exitCode).toBe(0);
    expect(JSON.parse(String(history.stdout))).toEqual([expect.objectContaining({command: 'echo --json', name: '-job-', reason: '--hotfix'})]);
  });

  it('lets --lock go without a name before -- or another flag', async () => {
    expect((await guard(['run', '--lock', '--name', 'job', '--', 'true'], {env})).exitCode).toBe(0);
    expect((await guard(['run', '--lock', '--', 'true'], {env})).exitCode).toBe(0);
    const history = await guard(['history', '--json'], {env});
    expect((JSON.parse(String(history.stdout)) as Array<{lock: string}>).map((run) => run.lock)).toEqual([expect.stringMatching(/^argv-/), 'job']);
  });
});

describe("oclif's other refusals", () => {
  it.each([
    [['show'], 'guard: Missing 1 required arg: id the run id (from history)'],
    [['policy', 'validate', '--layer', 'nope'], 'guard: Expected --layer=nope to be one of: system, user, project'],
  ])('%j exits 64 with one whole line', async (args, line) => {
    const result = await guard(args, {env});
    expect(result.stderr).toBe(line);
    expect(result.exitCode).toBe(64);
  });
});
