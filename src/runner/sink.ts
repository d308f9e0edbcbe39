import {constants, fstatSync, openSync} from 'node:fs';
import {createRequire} from 'node:module';
import type * as Tty from 'node:tty';

// node:tty loads Node's terminal stream classes (~1.5 ms of a start): only for a terminal.
const isatty = (fd: number): boolean => (createRequire(import.meta.url)('node:tty') as typeof Tty).isatty(fd);

/**
 * Where pump writes one of guard's outputs.
 *
 * - `direct`: `fd` can be written on the event loop without ever blocking it: a regular
 *   file or a memory device (/dev/null, /dev/full), written as it is; or a pipe or
 *   terminal reopened through /proc as a descriptor of guard's own with O_NONBLOCK. The
 *   reopened descriptor is a new open file description: the inherited one, which a shell
 *   or other processes may share, stays blocking. `owned`: pump closes it at the end.
 *   `pipe`: wait for room with epoll (a net.Socket) rather than a timer.
 * - `pool`: anything else (a socket, or /proc unavailable): blocking writes in Node's
 *   thread pool, so a stuck reader holds up a pool thread, never the event loop.
 */
export type Sink = {kind: 'direct'; fd: number; owned: boolean; pipe: boolean} | {kind: 'pool'; fd: number};

/** The errno name of a failed write (`EAGAIN`, `EPIPE`), if it has one. */
export const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

// Linux encodes the major number in bits 8-19 (and high bits no memory device uses).
const memoryDevices = 1;

export function openSink(fd: number): Sink {
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() || (stat.isCharacterDevice() && ((stat.rdev >> 8) & 0xfff) === memoryDevices)) {
      return {kind: 'direct', fd, owned: false, pipe: false};
    }

    const pipe = stat.isFIFO();
    if (pipe || (stat.isCharacterDevice() && isatty(fd))) {
      // O_NOCTTY: a guard without a controlling terminal (cron, setsid) must not acquire one.
      const own = openSync(`/proc/self/fd/${fd}`, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
      return {kind: 'direct', fd: own, owned: true, pipe};
    }
  } catch {
    // Closed descriptor, no /proc, or a pipe whose reader is already gone (ENXIO): the
    // pool path reports the same error on its first write, and handles it there.
  }

  return {kind: 'pool', fd};
}
