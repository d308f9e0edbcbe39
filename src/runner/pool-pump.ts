import type {Readable} from 'node:stream';
import {poolBacklog} from './backlog.js';
import {errorCode} from './sink.js';
import type {Tail} from './tail.js';

// Enough to batch many small writes into one syscall, small enough to keep memory flat.
const highWaterMark = 1 << 20;

/**
 * Writes to a `pool` sink (a socket, or no /proc): every chunk goes through the thread pool
 * (backlog.ts), and the command waits while a megabyte is still to write.
 */
export function poolPump(source: Readable, fd: number, tail: Tail): {done: Promise<void>; onChunk: (chunk: Buffer) => void} {
  let broken = false;
  let ended = false;
  let finish: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const endIfDone = () => {
    if (ended && backlog.queued() === 0) finish();
  };

  const backlog = poolBacklog(fd, {
    took() {
      if (backlog.queued() < highWaterMark) source.resume();
      endIfDone();
    },
    failed(error) {
      broken = true;
      if (errorCode(error) === 'EPIPE') source.destroy();
      else source.resume();
      endIfDone();
    },
  });

  const onChunk = (chunk: Buffer) => {
    tail.push(chunk);
    if (broken) return;
    backlog.write(chunk);
    if (backlog.queued() >= highWaterMark) source.pause();
  };

  source.on('error', () => {});
  source.once('close', () => {
    ended = true;
    endIfDone();
  });
  return {done, onChunk};
}
