import {closeSync, writeSync, writev} from 'node:fs';
import {Socket} from 'node:net';
import {errorCode, type Sink} from './sink.js';

/**
 * What one of guard's outputs did not take at once, written as its reader makes room. The
 * pumps (direct-pump.ts, pool-pump.ts) and the replay of held output (writer.ts) share
 * these three strategies, one for each kind of sink (sink.ts).
 */
export interface Backlog {
  /** Queues `data` behind what is queued already; the backlog keeps it, so it must not be reused. */
  write(data: Buffer): void;
  /** Bytes still to write; it falls with every byte the reader takes, which is how a stuck reader shows. */
  queued(): number;
  /** Discards what is queued and closes guard's own descriptor; no event follows, and a second call does nothing. */
  close(): void;
}

/**
 * What a backlog tells its owner, always from a later turn of the event loop, never from
 * inside write(): `took`, bytes the reader took; `failed`, the write error (EPIPE: the reader
 * went away) that ends the backlog: what was queued is dropped and nothing more is taken.
 */
export interface BacklogEvents {
  took(bytes: number): void;
  failed(error: Error): void;
}

/** Writes what `fd` takes now, from `data`'s start: stops at EAGAIN (the rest is a backlog's), throws any other error. */
export function writeNow(fd: number, data: Buffer): number {
  let written = 0;
  while (written < data.length) {
    try {
      written += writeSync(fd, data, written, data.length - written);
    } catch (error) {
      if (errorCode(error) === 'EAGAIN') break;
      throw error;
    }
  }

  return written;
}

/** The strategy for a sink: a pipe waits with epoll, a terminal or file retries, a socket uses the thread pool. */
export function openBacklog(sink: Sink, events: BacklogEvents): Backlog {
  if (sink.kind === 'pool') return poolBacklog(sink.fd, events);
  return sink.pipe ? pipeBacklog(sink.fd, events) : retryBacklog(sink.fd, sink.owned, events);
}

// In pieces, so their callbacks show whether the reader is making progress.
const pipePiece = 16 * 1024;

/**
 * A pipe reopened with O_NONBLOCK (sink.ts): libuv writes as soon as epoll says there is
 * room. The backlog owns the descriptor: the socket, made at the first write, closes it.
 */
export function pipeBacklog(fd: number, events: BacklogEvents): Backlog {
  let socket: Socket | undefined;
  let untaken = 0;
  let ended = false;
  let closed = false;
  const end = () => {
    ended = true;
    untaken = 0;
  };

  return {
    write(data) {
      if (ended) return;
      if (!socket) {
        socket = new Socket({fd, readable: false, writable: true});
        // Every error also reaches the callback of each write still queued.
        socket.on('error', () => {});
      }

      untaken += data.length;
      for (let at = 0; at < data.length; at += pipePiece) {
        const piece = data.subarray(at, at + pipePiece);
        socket.write(piece, (error) => {
          if (ended) return;
          if (error) {
            // The socket destroys itself on a write error, closing the descriptor.
            end();
            return events.failed(error);
          }

          untaken -= piece.length;
          events.took(piece.length);
        });
      }
    },
    // libuv's count of the write under way falls as the reader takes part of a piece; the
    // pieces count whole until their callback. Not exact, but zero only when nothing is queued.
    queued: () => untaken + ((socket as {_handle?: {writeQueueSize?: number}} | undefined)?._handle?.writeQueueSize ?? 0),
    close() {
      end();
      if (closed) return;
      closed = true;
      // Discards what libuv still queues (a socket that failed is destroyed already: again does nothing).
      if (socket) socket.destroy();
      else closeSync(fd);
    },
  };
}

const retryMs = 10;

/** A terminal (or a file that said EAGAIN): no readiness to wait on, so try again shortly. */
export function retryBacklog(fd: number, owned: boolean, events: BacklogEvents): Backlog {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let retry: NodeJS.Timeout | undefined;
  let ended = false;
  let closed = false;
  const end = () => {
    ended = true;
    held = [];
    heldBytes = 0;
    if (retry) clearTimeout(retry);
    retry = undefined;
  };

  const attempt = () => {
    retry = undefined;
    while (held.length > 0) {
      const chunk = held[0]!;
      let written: number;
      try {
        written = writeSync(fd, chunk);
      } catch (error) {
        if (errorCode(error) !== 'EAGAIN') {
          end();
          return events.failed(error as Error);
        }

        retry = setTimeout(attempt, retryMs);
        return;
      }

      held[0] = chunk.subarray(written);
      if (written === chunk.length) held.shift();
      heldBytes -= written;
      // took may close the backlog, which empties `held`.
      events.took(written);
    }
  };

  return {
    write(data) {
      if (ended) return;
      held.push(data);
      heldBytes += data.length;
      retry ??= setTimeout(attempt, retryMs);
    },
    queued: () => heldBytes,
    close() {
      end();
      if (closed || !owned) return;
      closed = true;
      closeSync(fd);
    },
  };
}

// A socket Node made non-blocking (it does once process.stdout or process.stderr is touched) says EAGAIN.
const poolRetryMs = 5;

/**
 * A socket, or any sink when /proc is missing: blocking writes in Node's thread pool, so a
 * reader that stops reading holds up a pool thread, never the event loop. All that is queued
 * goes in one writev, so many small chunks cost one system call. The descriptor is never its own.
 */
export function poolBacklog(fd: number, events: BacklogEvents): Backlog {
  let queue: Buffer[] = [];
  let queuedBytes = 0;
  let writing = false;
  let ended = false;
  const end = () => {
    ended = true;
    queue = [];
    queuedBytes = 0;
  };

  const flush = () => {
    if (writing || ended || queue.length === 0) return;
    writing = true;
    const batch = queue;
    queue = [];
    writev(fd, batch, (error, written) => {
      writing = false;
      if (ended) return;
      if (errorCode(error) === 'EAGAIN') {
        queue = [...batch, ...queue];
        setTimeout(flush, poolRetryMs);
        return;
      }

      if (error) {
        end();
        return events.failed(error);
      }

      queue = [...unwritten(batch, written), ...queue];
      queuedBytes -= written;
      events.took(written);
      flush();
    });
  };

  return {
    write(data) {
      if (ended) return;
      queue.push(data);
      queuedBytes += data.length;
      flush();
    },
    queued: () => queuedBytes,
    close: end,
  };
}

/** What a partial writev left of `batch`. */
function unwritten(batch: Buffer[], written: number): Buffer[] {
  let first = 0;
  while (first < batch.length && written >= batch[first]!.length) written -= batch[first++]!.length;
  const rest = batch.slice(first);
  if (written > 0) rest[0] = rest[0]!.subarray(written);
  return rest;
}
