import {spawn} from 'node:child_process';
import {closeSync, constants, fstatSync, mkdtempSync, openSync, rmdirSync, unlinkSync} from 'node:fs';
import {type OnReadOpts, Socket, type SocketConstructorOpts} from 'node:net';
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

/**
 * A FIFO reader's data path. Its socket reads into one reusable buffer (net.Socket's
 * `onread`): no allocation per read, and pause() stops reading at once, with nothing left
 * buffered in the stream. The socket emits no 'data': pump sets `onChunk`.
 */
export interface FifoReader {
  /** Guard's non-blocking read end, valid until the socket closes: pump also reads it directly. */
  fd: number;
  /** Every read lands here; valid only until onChunk returns. */
  buffer: Buffer;
  onChunk: (chunk: Buffer) => void;
  /** Called first by the socket's destroy(): guard stops copying (see runCommand's finish). */
  onStop?: () => void;
}

const fifoReaders = new WeakMap<Readable, FifoReader>();

/** The FIFO behind a reader from openOutputPipes(), or undefined for Node's socket pair. */
export function fifoReader(source: Readable): FifoReader | undefined {
  return fifoReaders.get(source);
}

// A pipe holds 64 KiB unless its writer enlarges it; pump's own reads can take more.
const readBuffer = 256 * 1024;

function fifoPipe(path: string): OutputPipe {
  const readEnd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const childEnd = openSync(path, constants.O_WRONLY);
  return {
    childEnd,
    closeChildEnd: () => closeSync(childEnd),
    reader() {
      const info: FifoReader = {fd: readEnd, buffer: Buffer.allocUnsafeSlow(readBuffer), onChunk() {}};
      // Node 20 takes `onread` here too; its typings list it for connect() only.
      const options: SocketConstructorOpts & {onread: OnReadOpts} = {
        fd: readEnd,
        readable: true,
        writable: false,
        onread: {
          buffer: info.buffer,
          callback(read: number) {
            info.onChunk(info.buffer.subarray(0, read));
            return true;
          },
        },
      };
      const socket = new Socket(options);
      fifoReaders.set(socket, info);
      // runCommand destroys the reader when it stops waiting for output; once the socket
      // has closed by itself (end of stream) that call is a no-op pump could not observe.
      const destroy = socket.destroy.bind(socket);
      socket.destroy = (error?: Error) => {
        info.onStop?.();
        return destroy(error);
      };
      return socket;
    },
  };
}

const socketPair: OutputPipe = {childEnd: 'pipe', closeChildEnd() {}, reader: (fallback) => fallback!};

/** The child's outputs: two pipes, or one for both. */
export interface OutputPipes {
  stdout: OutputPipe;
  /** null: the command's stderr is its stdout pipe, so guard reads both, in order, from one. */
  stderr: OutputPipe | null;
}

/**
 * Whether guard's stdout and stderr are one file: `>log 2>&1`, cron's one pipe to its
 * mailer, a terminal. Two pipes read side by side lose the order in which the command
 * wrote to them (`echo a; echo b >&2; echo c` came out `a c b`), so such a command gets one
 * pipe for both, as it would without guard. Same device and inode: the same pipe, socket,
 * terminal or file.
 */
export function outputsShareFile(): boolean {
  try {
    const stdout = fstatSync(1, {bigint: true});
    const stderr = fstatSync(2, {bigint: true});
    return stdout.dev === stderr.dev && stdout.ino === stderr.ino;
  } catch {
    // A closed descriptor is not shared with anything.
    return false;
  }
}

/**
 * Real pipes for the child's stdout and stderr (`merged`: one for both). Node gives a child
 * a socket pair, and on a socket `echo x > /dev/stdout` fails (ENXIO), which breaks scripts
 * that work under cron. Node cannot call pipe(2), so guard makes FIFOs in a private folder,
 * opens both ends and removes them at once. Where that fails (no mkfifo, no writable
 * temporary folder), it falls back to Node's socket pairs, one per stream: streams merged
 * need a pipe guard opened itself.
 */
export async function openOutputPipes(merged: boolean): Promise<OutputPipes> {
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'guard-'));
    const paths = merged ? [join(dir, 'output')] : [join(dir, 'stdout'), join(dir, 'stderr')];
    const made = await new Promise<boolean>((resolve) => {
      const mkfifo = spawn('mkfifo', ['-m', '600', ...paths], {stdio: 'ignore'});
      mkfifo.once('error', () => resolve(false));
      mkfifo.once('exit', (code) => resolve(code === 0));
    });
    if (!made) return {stderr: socketPair, stdout: socketPair};
    return {stderr: merged ? null : fifoPipe(paths[1]!), stdout: fifoPipe(paths[0]!)};
  } catch {
    return {stderr: socketPair, stdout: socketPair};
  } finally {
    if (dir) removeFifoFolder(dir);
  }
}

/**
 * The private folder and the FIFOs in it, if made, each removal on its own and never
 * thrown (a temporary-file cleaner may have been first). Not rmSync: on Node 20 even a
 * plain rmSync loads the module of its recursive removal.
 */
function removeFifoFolder(dir: string): void {
  const remove = (path: string, how: (path: string) => void) => {
    try {
      how(path);
    } catch {}
  };
  for (const name of ['output', 'stdout', 'stderr']) remove(join(dir, name), unlinkSync);
  remove(dir, rmdirSync);
}
