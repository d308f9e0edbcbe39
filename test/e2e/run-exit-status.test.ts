import {chmodSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const run = (args: string[]) => guard(['run', ...args], {env: box.env});

describe('guard run exit status', () => {
  it.each([0, 1, 7, 255])('passes the command\'s own status %i through', async (code) => {
    const result = await run(['--', 'sh', '-c', `exit ${code}`]);
    expect(result.exitCode).toBe(code);
    expect(result.stderr).toBe('');
  });

  it('gives 128+9 when the command is killed by SIGKILL', async () => {
    const result = await run(['--', 'sh', '-c', 'kill -9 $$']);
    expect(result.exitCode).toBe(137);
  });

  it('gives 128+15 when the command dies of SIGTERM it did not get from guard', async () => {
    const result = await run(['--', 'sh', '-c', 'kill -TERM $$']);
    expect(result.exitCode).toBe(143);
  });

  it('gives 127 and one line when the program does not exist', async () => {
    const result = await run(['--', 'no-such-program-anywhere']);
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toBe("guard: cannot run 'no-such-program-anywhere': command not found");
  });

  it('gives 126 and one line when the file is not executable', async () => {
    const file = join(box.dir, 'script.sh');
    writeFileSync(file, '#!/bin/sh\ntouch should-not-exist\n');
    chmodSync(file, 0o644);
    const result = await run(['--', file]);
    expect(result.exitCode).toBe(126);
    expect(result.stderr).toMatch(/^guard: cannot run '.*script\.sh': permission denied \(not executable\)$/);
  });

  it('gives 126 for a directory', async () => {
    const result = await run(['--', box.dir]);
    expect(result.exitCode).toBe(126);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });
});

describe('guard run usage errors', () => {
  it.each([
    [['--timeout', 'banana', '--', 'true'], "guard: --timeout: 'banana' is not a duration (use 500ms, 30s, 5m, 2h, 1d, compounds such as 1m30s, or a number of seconds)"],
    [['--kill-after=-1', '--', 'true'], "guard: --kill-after: '-1' is not a duration (use 500ms, 30s, 5m, 2h, 1d, compounds such as 1m30s, or a number of seconds)"],
    [['--timeout', '5x', '--', 'true'], "guard: --timeout: '5x' is not a duration (use 500ms, 30s, 5m, 2h, 1d, compounds such as 1m30s, or a number of seconds)"],
    [['--timeout'], 'guard: --timeout needs a value'],
    [[], 'guard: no command given: guard run [flags] -- CMD [ARGS...]'],
    [['--name', 'x', '--'], 'guard: no command given: guard run [flags] -- CMD [ARGS...]'],
    [['--bogus', '--', 'true'], 'guard: unknown flag --bogus; see guard run --help'],
    [['-x', 'true'], 'guard: unknown flag -x; see guard run --help'],
    [['--json=yes', '--', 'true'], 'guard: --json takes no value'],
    [['--', ''], 'guard: the command is an empty word'],
  ])('exits 64 with one line for %j', async (args, line) => {
    const result = await run(args);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe(line);
    expect(result.stdout).toBe('');
  });

  it('runs nothing when a flag is bad', async () => {
    const marker = join(box.dir, 'marker');
    const result = await run(['--timeout', 'banana', '--', 'touch', marker]);
    expect(result.exitCode).toBe(64);
    const {existsSync} = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('guard run argv', () => {
  it('passes the words after -- exactly as given, guard-looking flags included', async () => {
    const words = ['--timeout', '7', '--', 'a b', '', '*', '$HOME', '--json'];
    const result = await run(['--timeout', '5s', '--', 'node', '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', '--', ...words]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(words);
  });

  it('starts the command at the first word that is not a guard flag when -- is left out', async () => {
    const result = await run(['--timeout', '5s', 'sh', '-c', 'echo "$0 $1"', '--timeout', 'x']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('--timeout x');
  });

  it('accepts --flag=value', async () => {
    const result = await run(['--timeout=5s', '--name=job', '--', 'true']);
    expect(result.exitCode).toBe(0);
  });
});
