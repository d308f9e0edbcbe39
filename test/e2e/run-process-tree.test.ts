import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {gate} from '../helpers/gate.js';
import {guard, sandbox} from '../helpers/guard.js';
import {eventually, isRunning, livingInGroup} from '../helpers/processes.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

const pidFile = () => join(box.dir, 'pid');
const readPid = () => Number(readFileSync(pidFile(), 'utf8').trim());
const started = () => existsSync(pidFile()) && readFileSync(pidFile(), 'utf8').endsWith('\n');

describe('guard run stops the whole process tree', () => {
  it('exits 124 at the timeout and leaves no process of the group alive', async () => {
    const began = Date.now();
    const result = await guard(['run', '--timeout', '1s', '--', 'sh', '-c', `echo $$ > ${pidFile()}; sleep 300 & sleep 300`], {env: box.env});
    expect(result.exitCode).toBe(124);
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    expect(livingInGroup(readPid())).toEqual([]);
    expect(result.stderr).toBe('guard: timed out after 1s; stopped its process group');
  });

  it('SIGKILLs a command that ignores SIGTERM after --kill-after, and still exits 124', async () => {
    const result = await guard(
      ['run', '--json', '--timeout', '500ms', '--kill-after', '500ms', '--', 'sh', '-c', `echo $$ > ${pidFile()}; trap '' TERM; sleep 300 & sleep 300`],
      {env: box.env},
    );
    expect(result.exitCode).toBe(124);
    const record = JSON.parse(result.stderr.split('\n').at(-1)!);
    expect(record).toMatchObject({status: 'timed_out', exit_code: 124, timed_out: true, killed: true, signal: 'SIGKILL'});
    expect(livingInGroup(readPid())).toEqual([]);
  });

  it('keeps sweeping the group when the command dies at the timeout but a member ignores SIGTERM', async () => {
    const result = await guard(
      ['run', '--json', '--timeout', '300ms', '--kill-after', '500ms', '--', 'sh', '-c', `echo $$ > ${pidFile()}; (trap '' TERM; exec sleep 300) & sleep 300`],
      {env: box.env},
    );
    expect(result.exitCode).toBe(124);
    const record = JSON.parse(result.stderr.split('\n').at(-1)!);
    // At least the member that ignores SIGTERM was left when sh died; on a loaded machine the
    // foreground sleep may not have been reaped yet at that instant, and counts too.
    expect(record).toMatchObject({timed_out: true, killed: true});
    expect(record.orphans).toBeGreaterThanOrEqual(1);
    expect(livingInGroup(readPid())).toEqual([]);
  });

  it('stops what the command left running in its group when it exits, and counts it', async () => {
    const result = await guard(['run', '--json', '--', 'sh', '-c', `echo $$ > ${pidFile()}; sleep 300 &`], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stderr)).toMatchObject({status: 'succeeded', orphans: 1, killed: false});
    expect(livingInGroup(readPid())).toEqual([]);
  });

  it('leaves what the command left running alone with --leave-orphans', async () => {
    const result = await guard(['run', '--json', '--leave-orphans', '--', 'sh', '-c', `echo $$ > ${pidFile()}; sleep 300 > /dev/null 2>&1 &`], {
      env: box.env,
    });
    const pgid = readPid();
    try {
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stderr)).toMatchObject({status: 'succeeded', orphans: 1});
      expect(livingInGroup(pgid)).toHaveLength(1);
    } finally {
      process.kill(-pgid, 'SIGKILL');
    }
  });
});

describe('guard run and signals sent to guard', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
    ['SIGQUIT', 131],
  ] as const)('passes %s to the group and exits %i once the group is gone', async (signal, status) => {
    const child = guard(['run', '--json', '--', 'sh', '-c', `echo $$ > ${pidFile()}; sleep 300 & sleep 300`], {env: box.env});
    expect(await eventually(started)).toBe(true);
    const pgid = readPid();
    const sent = Date.now();
    child.kill(signal);
    const result = await child;
    expect(result.signal).toBeUndefined();
    expect(result.exitCode).toBe(status);
    // Stopped, not waited for: the sleeps would end after 300 s. (A tighter bound flaked on a
    // loaded machine, where the record's commit alone took seconds.)
    expect(Date.now() - sent).toBeLessThan(120_000);
    expect(livingInGroup(pgid)).toEqual([]);
    expect(JSON.parse(result.stderr.split('\n').at(-1)!)).toMatchObject({status: 'interrupted', exit_code: status});
  }, 150_000);

  it('SIGKILLs a command that ignores the passed-on signal after --kill-after', async () => {
    const child = guard(['run', '--kill-after', '300ms', '--', 'sh', '-c', `trap '' TERM; echo $$ > ${pidFile()}; sleep 30`], {env: box.env});
    expect(await eventually(started)).toBe(true);
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(143);
    expect(livingInGroup(readPid())).toEqual([]);
  });

  it('passes SIGUSR1 to the command and never opens the inspector', async () => {
    const marker = join(box.dir, 'usr1');
    const child = guard(['run', '--', 'sh', '-c', `trap 'touch ${marker}; exit 0' USR1; echo $$ > ${pidFile()}; sleep 30 & wait`], {env: box.env});
    expect(await eventually(started)).toBe(true);
    child.kill('SIGUSR1');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(result.stderr).not.toMatch(/Debugger listening/);
  });
});

describe('guard run streams', () => {
  it('passes a line through while the command is still running', async () => {
    // The command writes its second line only once the test has read the first: a guard that
    // held output back until the command ended would keep it waiting (then exit 9).
    const read = gate(box.dir, 'first-line-read');
    const child = guard(['run', '--', 'sh', '-c', `echo first; ${read.wait}; echo second`], {env: box.env, buffer: false});
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    expect(await eventually(() => output.includes('first\n'), 20_000)).toBe(true);
    read.open();
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(output).toBe('first\nsecond\n');
  });

  it('gives the command guard\'s stdin', async () => {
    const result = await guard(['run', '--', 'sh', '-c', 'read line; echo "got $line"'], {env: box.env, input: 'hello\n'});
    expect(result.stdout).toBe('got hello');
  });

  it('gives the command real pipes, so writing to /dev/stdout and /dev/stderr works', async () => {
    const result = await guard(['run', '--', 'sh', '-c', 'echo out > /dev/stdout; echo err > /dev/stderr'], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('out');
    expect(result.stderr).toBe('err');
  });

  it('copies stdout to stdout and stderr to stderr', async () => {
    const result = await guard(['run', '--', 'sh', '-c', 'echo out; echo err >&2'], {env: box.env});
    expect(result.stdout).toBe('out');
    expect(result.stderr).toBe('err');
  });

  it('prints one JSON line on stderr with --json and nothing of its own on stdout', async () => {
    const result = await guard(['run', '--json', '--', 'sh', '-c', 'head -c 100000 /dev/zero | tr "\\0" x'], {env: box.env});
    expect(result.stdout).toBe('x'.repeat(100_000));
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stderr)).toMatchObject({
      status: 'succeeded',
      exit_code: 0,
      signal: null,
      timed_out: false,
      killed: false,
      orphans: 0,
      stdout_bytes: 100_000,
      stdout_kept: 65_536,
      stderr_bytes: 0,
      stderr_kept: 0,
    });
  });

  it('ends the command with SIGPIPE when guard\'s own reader goes away', async () => {
    const script = `node ${JSON.stringify(join(import.meta.dirname, '../../bin/run.js'))} run -- sh -c 'echo $$ > ${pidFile()}; exec yes' | head -1; echo "\${PIPESTATUS[0]}" >&2`;
    const {execa} = await import('execa');
    const result = await execa('bash', ['-c', script], {reject: false, env: {...box.env, NODE_OPTIONS: ''}});
    expect(result.stdout).toBe('y');
    expect(result.stderr.trim().split('\n').at(-1)).toBe('141');
    expect(isRunning(readPid())).toBe(false);
  });
});
