import {writev} from 'node:fs';
import type {Readable} from 'node:stream';
import {errorCode} from './sink.js';
import type {Tail} from './tail.js';

// Enough to batch many small writes into one syscall, small enough to keep memory flat.
const highWaterMark = 1 << 20;

/**
 * Writes to a `pool` sink (a socket, or no /proc): blocking writes go through the thread
 * pool, so a reader that stops reading holds a pool thread, not the event loop.
 */
export function poolPump(source: Readable, fd: number, tail: Tail): {done: Promise<void>; onChunk: (chunk: Buffer) => void} {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let writing = false;
  let broken = false;
  let ended = false;
  let finish: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const endIfDone = () => {
    if (ended && !writing && pending.length === 0) finish();
  };

  const flush = () => {
    if (writing || pending.length === 0) return endIfDone();
    writing = true;
    const batch = pending;
    const size = pendingBytes;
    pending = [];
    pendingBytes = 0;
    writev(fd, batch, (error, written) => {
      writing = false;
      if (error && errorCode(error) === 'EAGAIN') {
        pending = [...batch, ...pending];
        pendingBytes += size;
        setTimeout(flush, 5);
        return;
      }

      if (error) {
        broken = true;
        pending = [];
        pendingBytes = 0;
        if (errorCode(error) === 'EPIPE') source.destroy();
      } else if (written < size) {
        pending = [Buffer.concat(batch).subarray(written), ...pending];
        pendingBytes += size - written;
      }

      if (pendingBytes < highWaterMark) source.resume();
      flush();
    });
  };

  const onChunk = (chunk: Buffer) => {
    tail.push(chunk);
    if (broken) return;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= highWaterMark) source.pause();
    flush();
  };

  source.on('error', () => {});
  source.once('close', () => {
    ended = true;
    endIfDone();
  });
  return {done, onChunk};
}
