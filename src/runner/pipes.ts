import {spawn} from 'node:child_process';
import {chmodSync, closeSync, constants, fstatSync, lstatSync, mkdtempSync, openSync, readdirSync, renameSync, rmdirSync, unlinkSync} from 'node:fs';
import {type OnReadOpts, Socket, type SocketConstructorOpts} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {makeFolders} from '../paths.js';
import type {Readable} from 'node:stream';

/** One output stream of the child: the end it writes to, and the end guard reads. */
export interface OutputPipe {
  /** Given to the child as its stdout or stderr; null: let Node make a socket pair. */
  childEnd: number | 'pipe';
  reader(fallback: Readable | null): Readable;
  /** Guard's copy of the child's end, closed once the child has it. */
  closeChildEnd(): void;
  /** Both ends closed, for a pipe never used (reader() not called). */
  discard(): void;
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
  const readEnd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  let childEnd: number;
  try {
    // What was opened, not what the path showed before: a FIFO of this user's, or nothing is written to it.
    const opened = fstatSync(readEnd);
    if (!opened.isFIFO() || opened.uid !== process.getuid?.()) throw new Error(`${path}: not a FIFO of this user's`);
    childEnd = openSync(path, constants.O_WRONLY | constants.O_NOFOLLOW);
  } catch (error) {
    closeSync(readEnd);
    throw error;
  }
  let childEndOpen = true;
  let read = false;
  const closeChildEnd = () => {
    if (childEndOpen) closeSync(childEnd);
    childEndOpen = false;
  };
  return {
    childEnd,
    closeChildEnd,
    discard() {
      closeChildEnd();
      if (!read) closeSync(readEnd);
      read = true;
    },
    reader() {
      read = true;
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

const socketPair: OutputPipe = {childEnd: 'pipe', closeChildEnd() {}, discard() {}, reader: (fallback) => fallback!};

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
 * that work under cron. Node cannot call pipe(2), so guard opens both ends of FIFOs and
 * removes them at once. Making a FIFO costs a fork of `mkfifo` (~2 ms of guard's own time,
 * libuv waiting for its exec): with `spares`, a private folder of the state folder, a run
 * takes FIFOs made ahead of time there, and the run that finds too few makes what it needs
 * and a stock for the next runs in the same fork. Where that fails (no mkfifo, a state
 * folder guard cannot write), a private temporary folder; then Node's socket pairs, one per
 * stream: streams merged need a pipe guard opened itself.
 */
export async function openOutputPipes(merged: boolean, spares?: string): Promise<OutputPipes> {
  const count = merged ? 1 : 2;
  const paths = spares === undefined ? null : await sparePaths(spares, count);
  if (paths) {
    try {
      return pipesAt(paths, merged);
    } catch {
      // A file system where a FIFO cannot be opened: the temporary folder's may be.
    } finally {
      for (const path of paths) removeQuietly(path, unlinkSync);
    }
  }

  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'guard-'));
    const made = merged ? [join(dir, 'output')] : [join(dir, 'stdout'), join(dir, 'stderr')];
    if (!(await mkfifo(made))) return {stderr: socketPair, stdout: socketPair};
    return pipesAt(made, merged);
  } catch {
    return {stderr: socketPair, stdout: socketPair};
  } finally {
    if (dir) removeFifoFolder(dir);
  }
}

function pipesAt(paths: string[], merged: boolean): OutputPipes {
  const stdout = fifoPipe(paths[0]!);
  if (merged) return {stderr: null, stdout};
  try {
    return {stderr: fifoPipe(paths[1]!), stdout};
  } catch (error) {
    stdout.discard();
    throw error;
  }
}

function mkfifo(paths: string[], mode = '600'): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const child = spawn('mkfifo', ['-m', mode, ...paths], {stdio: 'ignore'});
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

// FIFOs made for later runs in the fork that makes a run's own: 8 runs' worth.
const stock = 16;

/**
 * `count` FIFOs of the spares folder this run alone now has (each claimed by renaming it to
 * a name of this process's: of two guards claiming one, one rename fails), or, when there
 * were too few, made for it along with a new stock; null when neither could be had. A spare
 * is used only when it is a FIFO of this user's at mode 000, in a folder of this user's alone:
 * anything else named as a spare is renamed `odd-…`, so that no run takes it again.
 */
async function sparePaths(dir: string, count: number): Promise<string[] | null> {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  const claimed: string[] = [];
  let missing: string[] = [];
  try {
    makeFolders(dir, 0o700);
    const folder = lstatSync(dir);
    if (!folder.isDirectory() || folder.uid !== uid || (folder.mode & 0o077) !== 0) return null;
    const tag = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const names = readdirSync(dir);
    for (const name of names) {
      if (claimed.length === count) break;
      if (!name.startsWith('fifo-')) continue;
      const path = join(dir, `taken-${tag}-${claimed.length}`);
      try {
        renameSync(join(dir, name), path);
      } catch {
        continue;
      }
      const file = lstatSync(path, {throwIfNoEntry: false});
      if (file?.isFIFO() && file.uid === uid && (file.mode & 0o777) === 0) {
        claimed.push(path);
        chmodSync(path, 0o600);
      } else if (file) renameSync(path, join(dir, `odd-${tag}-${name}`));
    }
    if (claimed.length === count) return claimed;
    // A guard killed between claiming a spare and removing it left `taken-PID-…`: gone with it.
    for (const name of names) {
      const pid = /^taken-(\d+)-/.exec(name)?.[1];
      if (pid !== undefined && !processExists(Number(pid))) removeQuietly(join(dir, name), unlinkSync);
    }
    missing = Array.from({length: count - claimed.length}, (_, index) => join(dir, `taken-${tag}-${claimed.length + index}`));
    const next = Array.from({length: stock}, (_, index) => join(dir, `fifo-${tag}-${index}`));
    // Made unreadable, even to their owner (root aside), until a run claims them: a process
    // that opened one while it waited would share the output of the run that takes it.
    if (!(await mkfifo([...missing, ...next], '000'))) throw new Error('mkfifo failed');
    for (const path of missing) chmodSync(path, 0o600);
    return [...claimed, ...missing];
  } catch {
    for (const path of [...claimed, ...missing]) removeQuietly(path, unlinkSync);
    return null;
  }
}

/**
 * The private folder and the FIFOs in it, if made, each removal on its own and never
 * thrown (a temporary-file cleaner may have been first). Not rmSync: on Node 20 even a
 * plain rmSync loads the module of its recursive removal.
 */
function removeFifoFolder(dir: string): void {
  for (const name of ['output', 'stdout', 'stderr']) removeQuietly(join(dir, name), unlinkSync);
  removeQuietly(dir, rmdirSync);
}

// Signal 0 asks whether the process exists; EPERM says it does, as another user's.
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(path: string, how: (path: string) => void): void {
  try {
    how(path);
  } catch {}
}
