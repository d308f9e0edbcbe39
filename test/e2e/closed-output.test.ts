import {execFileSync, spawn} from 'node:child_process';
import {closeSync, constants, openSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, sandbox} from '../helpers/guard.js';

// `guard check -- … | head -1`, `guard history | head`, a cron line with stdout closed:
// guard's own text has nowhere to go, and guard says nothing more about it. Its exit status
// is the answer (0 allowed, 77 refused), as it would have been with a reader, and a refusal
// is still said on stderr. No stack trace, ever.
let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

/** The write end of a real pipe whose reader has already gone: every write to it fails with EPIPE. */
let fifos = 0;
function pipeWithoutReader(): number {
  const fifo = join(box.dir, `fifo-${++fifos}`);
  execFileSync('mkfifo', [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY);
  closeSync(reader);
  return writer;
}

/** guard with the given descriptor as its stdout (closed here once guard has it), stderr captured. */
async function run(args: string[], stdout: number): Promise<{exitCode: number | null; stderr: string}> {
  const child = spawn(process.execPath, [bin, ...args], {env: box.env, stdio: ['ignore', stdout, 'pipe']});
  closeSync(stdout);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {exitCode, stderr};
}

describe("guard's own output with no reader", () => {
  it('check of an allowed command into a pipe whose reader has gone: 0, nothing on stderr', async () => {
    expect(await run(['check', '--', 'true'], pipeWithoutReader())).toEqual({exitCode: 0, stderr: ''});
  });

  it('check of a refused command into a pipe whose reader has gone: 77, and the refusal on stderr', async () => {
    const {exitCode, stderr} = await run(['check', '--', 'rm', '-rf', '/'], pipeWithoutReader());
    expect(exitCode).toBe(77);
    expect(stderr).toMatch(/^guard: refused by rule fs\.rm-root: [^\n]*\n$/);
  });

  it('check --json with stdout closed altogether: 0, nothing on stderr', async () => {
    const closed = openSync('/dev/null', 'r');
    // A descriptor open for reading only: writes to it fail (EBADF), as to a closed stdout.
    expect(await run(['check', '--json', '--', 'true'], closed)).toEqual({exitCode: 0, stderr: ''});
  });

  it('history into a pipe whose reader has gone: 0, nothing on stderr, the run still recorded', async () => {
    expect((await run(['run', '--', 'true'], pipeWithoutReader())).exitCode).toBe(0);
    expect(await run(['history'], pipeWithoutReader())).toEqual({exitCode: 0, stderr: ''});
    const rows = execFileSync('sqlite3', [box.env.GUARD_DB!, 'select count(*) from runs'], {encoding: 'utf8'});
    expect(rows.trim()).toBe('1');
  });
});
