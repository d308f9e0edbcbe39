import {execFileSync, spawn} from 'node:child_process';
import {closeSync, constants, openSync, readSync, writeFileSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, onTestFinished} from 'vitest';
import {bin, sandbox} from '../helpers/guard.js';
import {eventually} from '../helpers/processes.js';

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

  it('a pipe nobody reads yet never stops guard: it times the command out and records it, and says so once the reader reads', async () => {
    // A warn rule gives guard a line to print before it runs the command.
    writeFileSync(join(box.dir, '.guardrc.json'), JSON.stringify({rules: [{id: 'local.sleep', level: 'warn', reason: 'sleep is watched here', match: {program: 'sleep'}}]}));
    const fifo = join(box.dir, 'full');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    // Filled to the brim through a description of its own, so that guard's stays blocking,
    // as a pipe a shell gives a command is.
    const filler = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    let filled = 0;
    try {
      for (;;) filled += writeSync(filler, Buffer.alloc(4096, 'x'));
    } catch {}
    closeSync(filler);
    const writer = openSync(fifo, constants.O_WRONLY);
    const child = spawn(process.execPath, [bin, 'run', '--timeout', '1s', '--', 'sleep', '30'], {cwd: box.dir, env: box.env, stdio: ['ignore', 'ignore', writer]});
    // guard holds the only write end from here: the reader sees the end of file when guard has exited.
    closeSync(writer);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    // The row is recorded as timed out while nobody reads guard's stderr.
    const timedOut = () => {
      try {
        // Read-only, so that a look before guard has made the log never makes an empty file in its place.
        const query = "SELECT count(*) FROM runs WHERE status = 'timed_out'";
        return execFileSync('sqlite3', ['-readonly', box.env.GUARD_DB!, query], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim() === '1';
      } catch {
        // The log is not there yet, or guard is making its tables.
        return false;
      }
    };
    expect(await eventually(timedOut, 20_000)).toBe(true);
    // Then the reader reads, to the end of file, and guard's lines come after what was already in the pipe.
    let text = '';
    const buffer = Buffer.alloc(65536);
    for (;;) {
      let n: number;
      try {
        n = readSync(reader, buffer);
      } catch {
        // EAGAIN: nothing to read yet, and guard still holds the write end.
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      if (n === 0) break;
      text += buffer.toString('utf8', 0, n);
    }
    expect(await exited).toBe(124);
    closeSync(reader);
    expect(text.slice(filled)).toMatch(/^guard: warning by rule local\.sleep: sleep: sleep is watched here\n.*timed out after 1s/s);
  });

  it('check into a full disk (/dev/full): 70, one line naming stdout and the cause; a full stderr loses only the refusal line', async () => {
    const full = () => openSync('/dev/full', 'w');
    const {exitCode, stderr} = await run(['check', '--', 'true'], full());
    expect(exitCode).toBe(70);
    expect(stderr).toBe('guard: cannot write to stdout: ENOSPC: no space left on device, write\n');
    const stderrFull = full();
    const child = spawn(process.execPath, [bin, 'check', '--', 'rm', '-rf', '/'], {env: box.env, stdio: ['ignore', 'ignore', stderrFull]});
    closeSync(stderrFull);
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(77);
  });

  // Before, oclif's own listener on stdout rethrew the error of its last flush: Node's stack
  // trace and exit 1. history, show, stats, verify and locks now read the log on the lean path;
  // help and --version still go through oclif.
  const words = (...lists: string[][]) => lists.map((args) => [args.join(' '), args] as const);
  it.each(words(['history'], ['history', '--json'], ['show', '1'], ['stats'], ['verify'], ['locks'], ['--help'], ['history', '--help'], ['--version']))(
    'guard %s into a full disk: 70 and the one line, no stack trace',
    async (_, args) => {
      expect((await run(['run', '--', 'true'], openSync('/dev/null', 'w'))).exitCode).toBe(0);
      expect(await run(args, openSync('/dev/full', 'w'))).toEqual({exitCode: 70, stderr: 'guard: cannot write to stdout: ENOSPC: no space left on device, write\n'});
    },
  );

  it.each(words(['--help'], ['--version'], ['stats'], ['locks']))('guard %s into a pipe whose reader has gone: 0, nothing on stderr', async (_, args) => {
    expect((await run(['run', '--', 'true'], openSync('/dev/null', 'w'))).exitCode).toBe(0);
    expect(await run(args, pipeWithoutReader())).toEqual({exitCode: 0, stderr: ''});
  });
});

