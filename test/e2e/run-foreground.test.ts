import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, guard, sandbox} from '../helpers/guard.js';
import {eventually, isRunning} from '../helpers/processes.js';

let box: ReturnType<typeof sandbox>;
const leftovers: number[] = [];
beforeEach(() => {
  box = sandbox();
});
afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }

  box.remove();
});

const run = (args: string[]) => guard(['run', ...args], {cwd: box.dir, env: box.env});
const rows = (query: string) => JSON.parse(execFileSync('sqlite3', ['-json', box.env.GUARD_DB!, query], {encoding: 'utf8'}) || '[]') as Array<Record<string, unknown>>;

describe('guard run --foreground', () => {
  it('keeps the terminal: on a pty the command writes to the terminal itself, not to a pipe', () => {
    const probe = `sh -c 'if test -t 1; then echo stdout-is-a-terminal; else echo stdout-is-a-pipe; fi'`;
    const inTerminal = (flags: string) =>
      execFileSync('script', ['-qec', `node ${bin} run ${flags} -- ${probe}`, '/dev/null'], {cwd: box.dir, encoding: 'utf8', env: {...process.env, ...box.env}});
    expect(inTerminal('--foreground')).toContain('stdout-is-a-terminal');
    expect(inTerminal('')).toContain('stdout-is-a-pipe');
  });

  it("keeps the command in guard's process group, where a normal run gets its own", async () => {
    const script = 'echo "$(ps -o pgid= -p $$) $(ps -o pgid= -p $PPID)"';
    const [own, parent] = (await run(['--foreground', '--', 'sh', '-c', script])).stdout.trim().split(/\s+/);
    expect(own).toBe(parent);
    const [apart, guardGroup] = (await run(['--', 'sh', '-c', script])).stdout.trim().split(/\s+/);
    expect(apart).not.toBe(guardGroup);
  });

  it('passes the output straight through and keeps no tail', async () => {
    const result = await run(['--foreground', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('out');
    expect(result.stderr).toBe('err');
    expect(rows('select status, exit_code, stdout_tail, stdout_bytes from runs')).toEqual([{status: 'failed', exit_code: 3, stdout_tail: '', stdout_bytes: 0}]);
  });

  it('times out the command alone, with 124, as timeout --foreground does: what it started is left running', async () => {
    const child = join(box.dir, 'child');
    const result = await run(['--foreground', '--timeout', '300ms', '--kill-after', '1s', '--', 'sh', '-c', `sleep 30 >/dev/null 2>&1 & echo $! > ${child}; exec sleep 30`]);
    const pid = Number(readFileSync(child, 'utf8'));
    leftovers.push(pid);
    expect(result.exitCode).toBe(124);
    expect(rows('select status, orphans from runs')).toEqual([{status: 'timed_out', orphans: 0}]);
    expect(isRunning(pid)).toBe(true);
  });

  it('SIGKILLs a command that ignores the stop signal after --kill-after', async () => {
    const result = await run(['--foreground', '--timeout', '300ms', '--kill-after', '300ms', '--', 'sh', '-c', 'trap "" TERM; while :; do sleep 0.1; done']);
    expect(result.exitCode).toBe(124);
    expect(rows('select status, killed from runs')).toEqual([{status: 'timed_out', killed: 1}]);
  });

  it('passes a signal sent to guard to the command and exits 128+N', async () => {
    const ready = join(box.dir, 'ready');
    const pending = run(['--foreground', '--', 'sh', '-c', `trap 'echo got TERM; exit 9' TERM; touch ${ready}; while :; do sleep 0.05; done`]);
    expect(await eventually(() => {
      try {
        readFileSync(ready);
        return true;
      } catch {
        return false;
      }
    })).toBe(true);
    pending.kill('SIGTERM');
    const result = await pending;
    expect(result.exitCode).toBe(143);
    expect(result.stdout).toBe('got TERM');
  });

  it('refuses --quiet with 64: a terminal cannot be held', async () => {
    const result = await run(['--foreground', '--quiet', '--', 'true']);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe('guard: --foreground: the output goes to the terminal, so it cannot be held as --quiet asks (flag --quiet)');
  });
});
