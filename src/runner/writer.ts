import {closeSync, write, writeSync} from 'node:fs';
import {Socket} from 'node:net';
import {errorCode, openSink} from './sink.js';

/** Writes to one of guard's outputs without blocking the event loop, so signals still reach guard. */
export interface Writer {
  /** Resolves once all of `data` is written (it may be reused then); rejects on a write error (EPIPE). */
  write(data: Buffer): Promise<void>;
  /** Drops what is still queued and closes guard's own descriptor, if it opened one. */
  close(): void;
}

const retryMs = 10;

/** The same kinds of sink as pump's: a pipe waits with epoll, a terminal retries, a socket uses the thread pool. */
export function openWriter(fd: number): Writer {
  const sink = openSink(fd);
  if (sink.kind === 'pool') {
    return {
      async write(data) {
        for (let at = 0; at < data.length; ) {
          // EAGAIN: Node makes a socket non-blocking once process.stdout or process.stderr is touched.
          at += await new Promise<number>((resolve, reject) => {
            write(sink.fd, data, at, data.length - at, null, (error, written) => {
              if (errorCode(error) === 'EAGAIN') setTimeout(() => resolve(0), retryMs);
              else if (error) reject(error);
              else resolve(written);
            });
          });
        }
      },
      close() {},
    };
  }

  if (sink.pipe) {
    const socket = new Socket({fd: sink.fd, readable: false, writable: true});
    socket.on('error', () => {});
    return {
      write: (data) => new Promise((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve()))),
      close: () => socket.destroy(),
    };
  }

  return {
    async write(data) {
      for (let at = 0; at < data.length; ) {
        try {
          at += writeSync(sink.fd, data, at, data.length - at);
        } catch (error) {
          if (errorCode(error) !== 'EAGAIN') throw error;
          await new Promise((resolve) => setTimeout(resolve, retryMs));
        }
      }
    },
    close() {
      if (sink.owned) closeSync(sink.fd);
    },
  };
}
