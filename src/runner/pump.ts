import {writev} from 'node:fs';
import type {Readable} from 'node:stream';
import type {Tail} from './tail.js';

// Enough to batch many small writes into one syscall, small enough to keep memory flat.
const highWaterMark = 1 << 20;

/**
 * Copies a child's output to one of guard's file descriptors as it arrives, and into a
 * tail. Writes go through the thread pool, so a reader that stops reading blocks only
 * the child (back-pressure), never guard's timers and signals. When guard's own reader
 * goes away (EPIPE) the child's pipe is closed too, so the child sees what it would have
 * seen without guard; any other write error (a full disk) drops the copy and keeps the tail.
 */
export function pump(source: Readable, fd: number, tail: Tail): Promise<void> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let writing = false;
  let broken = false;
  let ended = false;
  let finish: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const settle = () => {
    if (ended && !writing && pending.length === 0) finish();
  };

  const flush = () => {
    if (writing || pending.length === 0) return settle();
    writing = true;
    const batch = pending;
    const size = pendingBytes;
    pending = [];
    pendingBytes = 0;
    writev(fd, batch, (error, written) => {
      writing = false;
      if (error && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
        pending = [...batch, ...pending];
        pendingBytes += size;
        setTimeout(flush, 5);
        return;
      }

      if (error) {
        broken = true;
        pending = [];
        pendingBytes = 0;
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') source.destroy();
      } else if (written < size) {
        pending = [Buffer.concat(batch).subarray(written), ...pending];
        pendingBytes += size - written;
      }

      if (pendingBytes < highWaterMark) source.resume();
      flush();
    });
  };

  source.on('data', (chunk: Buffer) => {
    tail.push(chunk);
    if (broken) return;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= highWaterMark) source.pause();
    flush();
  });
  source.on('error', () => {});
  source.once('close', () => {
    ended = true;
    settle();
  });
  return done;
}
