import {spawn} from 'node:child_process';
import {closeSync, constants, mkdtempSync, openSync, rmSync} from 'node:fs';
import {Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Readable} from 'node:stream';

/** One output stream of the child: the end it writes to, and the end guard reads. */
export interface OutputPipe {
  /** Given to the child as its stdout or stderr; null: let Node make a socket pair. */
  childEnd: number | 'pipe';
  reader(fallback: Readable | null): Readable;
  /** Guard's copy of the child's end, closed once the child has it. */
  closeChildEnd(): void;
}

function fifoPipe(path: string): OutputPipe {
  const readEnd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const childEnd = openSync(path, constants.O_WRONLY);
  return {
    childEnd,
    closeChildEnd: () => closeSync(childEnd),
    reader: () => new Socket({fd: readEnd, readable: true, writable: false}),
  };
}

const socketPair: OutputPipe = {childEnd: 'pipe', closeChildEnd() {}, reader: (fallback) => fallback!};

/**
 * Real pipes for the child's stdout and stderr. Node gives a child a socket pair, and on
 * a socket `echo x > /dev/stdout` fails (ENXIO), which breaks scripts that work under
 * cron. Node cannot call pipe(2), so guard makes two FIFOs in a private folder, opens
 * both ends and removes them at once. Where that fails (no mkfifo, no writable temporary
 * folder), it falls back to the socket pair.
 */
export async function openOutputPipes(): Promise<[OutputPipe, OutputPipe]> {
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'guard-'));
    const paths = [join(dir, 'stdout'), join(dir, 'stderr')] as const;
    const made = await new Promise<boolean>((resolve) => {
      const mkfifo = spawn('mkfifo', ['-m', '600', ...paths], {stdio: 'ignore'});
      mkfifo.once('error', () => resolve(false));
      mkfifo.once('exit', (code) => resolve(code === 0));
    });
    return made ? [fifoPipe(paths[0]), fifoPipe(paths[1])] : [socketPair, socketPair];
  } catch {
    return [socketPair, socketPair];
  } finally {
    if (dir) rmSync(dir, {force: true, recursive: true});
  }
}
