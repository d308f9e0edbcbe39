import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, openSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach} from 'vitest';

/** How a child ended, once it has (at once if it already has). */
export const exited = (child: ChildProcess) =>
  new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({code: child.exitCode, signal: child.signalCode});
    else child.once('exit', (code, signal) => resolve({code, signal}));
  });

/**
 * guard's output as a FIFO in `dir` whose reader is a shell script given the pipe as fd 3,
 * as a `| head` or a pager would be. `fd` is a blocking write end; `started` collects the
 * reader, to kill if it is still running.
 */
function outputReadBy(dir: string, script: string, started: ChildProcess[]): {fd: number; reader: ChildProcess} {
  const fifo = join(dir, 'guard-output');
  execFileSync('mkfifo', [fifo]);
  const reader = spawn('sh', ['-c', `exec 3<"$1"; ${script}`, 'sh', fifo], {cwd: dir, stdio: 'ignore'});
  started.push(reader);
  // Blocks until the reader has opened its end, which it does first.
  return {fd: openSync(fifo, 'w'), reader};
}

/** A reader that takes 4 KiB at a time with a nap between, appending to `out`. */
export const slowReader = ': > out; while n=$(dd bs=4096 count=1 status=none <&3 | tee -a out | wc -c) && [ "$n" -gt 0 ]; do sleep 0.005; done';

/**
 * For a test file: a fresh folder for each test (`dir()`) and outputReadBy there; after each
 * test the readers, and other children given to `track`, still running are killed and the folder removed.
 */
export function readersForEachTest(prefix: string): {
  dir: () => string;
  outputReadBy: (script: string) => {fd: number; reader: ChildProcess};
  track: (child: ChildProcess) => void;
} {
  let dir = '';
  const started: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, {force: true, recursive: true});
  });
  return {dir: () => dir, outputReadBy: (script) => outputReadBy(dir, script, started), track: (child) => started.push(child)};
}
