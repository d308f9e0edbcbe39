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

// One wording for each kind of usage error, whichever command meets it, always exit 64 and
// one line; each case names the flag or word that was wrong.
describe('each kind of usage error, on every command', () => {
  const usageError = async (args: string[], line: string) => {
    const result = await guard(args, {env});
    expect([result.exitCode, result.stderr, result.stdout]).toEqual([64, `guard: ${line}`, '']);
  };

  const commands = ['run', 'check', 'history', 'show', 'stats', 'prune', 'verify', 'locks', 'init', 'policy show', 'policy validate', 'help'];

  it.each(commands)('guard %s: an unknown flag, long or short, points to its help', async (command) => {
    const words = command.split(' ');
    await usageError([...words, '--bogus', '--', 'x'], `unknown flag --bogus; see guard ${command} --help`);
    await usageError([...words, '-x'], `unknown flag -x; see guard ${command} --help`);
  });

  it.each([
    [['run', '--timout', '5', '--', 'true'], 'unknown flag --timout (did you mean --timeout?); see guard run --help'],
    [['history', '--gerp=x'], 'unknown flag --gerp (did you mean --grep?); see guard history --help'],
  ])('%j names the flag it most likely meant', usageError);

  it.each([
    [['run', '--json=1', '--', 'true'], '--json takes no value'],
    [['check', '--yes=no', '--', 'true'], '--yes takes no value'],
    [['history', '--json=3'], '--json takes no value'],
    [['prune', '--older-than', '9d', '--dry-run=yes'], '--dry-run takes no value'],
  ])('%j: a switch given a value', usageError);

  it.each([
    [['run', '--timeout', '5', '--timeout', '9', '--', 'true'], '--timeout given twice: give it once'],
    [['check', '--policy', 'a', '--policy=b', '--', 'true'], '--policy given twice: give it once'],
    [['history', '--name', 'a', '--name', 'b'], '--name given twice: give it once'],
    [['stats', '--since', '7d', '--since', '8d'], '--since given twice: give it once'],
    [['policy', 'show', '--name', 'a', '--name', 'b'], '--name given twice: give it once'],
  ])('%j: a value flag given twice', usageError);

  it('takes a switch given twice as given once', async () => {
    expect((await guard(['run', '--quiet', '--quiet', '--', 'true'], {env})).exitCode).toBe(0);
  });

  it.each([
    [['run', '--lock', '--no-lock', '--', 'true'], '--lock and --no-lock cannot both be given'],
    [['history', '--json', '--csv'], '--csv and --json cannot both be given'],
    [['init', '--user', '--system'], '--system and --user cannot both be given'],
  ])('%j: two flags that exclude each other', usageError);

  it.each([
    [['run'], 'no command given: guard run [flags] -- CMD [ARGS...]'],
    [['check', '--json'], 'no command given: guard check [flags] -- CMD [ARGS...]'],
    [['show'], 'no ID given: guard show ID [--db FILE] [--fleet] [--json]'],
    [['prune', '--dry-run'], 'no --older-than given, and no policy sets audit.retention: guard prune --older-than DUR [--db FILE] [--dry-run]'],
  ])('%j: what is required, missing, with the usage line', usageError);

  it.each([
    [['show', '1', '2'], "unexpected argument '2'; see guard show --help"],
    [['history', 'backup'], "unexpected argument 'backup'; see guard history --help"],
    [['stats', '--since', '7d', 'backup'], "unexpected argument 'backup'; see guard stats --help"],
    [['verify', '--', 'x'], "unexpected argument 'x'; see guard verify --help"],
    [['policy', 'show', 'extra'], "unexpected argument 'extra'; see guard policy show --help"],
    [['policy', 'validate', 'a.yaml', 'b.yaml'], "unexpected argument 'b.yaml'; see guard policy validate --help"],
    [['locks', 'a'], "unexpected argument 'a'; see guard locks --help"],
  ])('%j: an argument too many', usageError);

  it.each([
    [['policy', 'validate', '--layer', 'nope'], "--layer: 'nope' is not one of system, user, project"],
    [['history', '--status', 'exploded'], "--status: 'exploded' is not a status (starting, running, succeeded, failed, timed_out, killed, interrupted, blocked, lock_busy, error, abandoned, dry_run, pruned, lock_lost, lock_unavailable)"],
  ])('%j: a value the flag does not allow', usageError);

  it.each([
    [['nosuch'], 'unknown command nosuch; see guard --help'],
    [['policy', 'nosuch'], 'unknown command policy nosuch; see guard policy --help'],
  ])('%j: a command that does not exist', usageError);

  it.each([
    [['--bogus'], 'unknown flag --bogus; see guard --help'],
    [['-v'], 'unknown flag -v; see guard --help'],
    [['--verison'], 'unknown flag --verison (did you mean --version?); see guard --help'],
  ])('%j: a flag guard itself does not take', usageError);
});
