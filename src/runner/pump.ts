import type {Readable} from 'node:stream';
import {DirectPump} from './direct-pump.js';
import {fifoReader} from './pipes.js';
import {poolPump} from './pool-pump.js';
import {openSink} from './sink.js';
import type {Tail} from './tail.js';

/**
 * Copies a child's output to one of guard's file descriptors as it arrives, and into a
 * tail. A reader that stops reading blocks only the child (back-pressure), never guard's
 * timers and signals. When guard's own reader goes away (EPIPE) the child's pipe is closed
 * too, so the child sees what it would have seen without guard; any other write error (a
 * full disk) drops the copy and keeps the tail.
 */
export function pump(source: Readable, fd: number, tail: Tail): Promise<void> {
  const sink = openSink(fd);
  const fifo = fifoReader(source);
  if (sink.kind === 'pool') {
    const copy = poolPump(source, fd, tail);
    // The FIFO's socket reads into one reused buffer: what waits for the pool needs its own copy.
    if (fifo) fifo.onChunk = (chunk) => copy.onChunk(Buffer.from(chunk));
    else source.on('data', copy.onChunk);
    return copy.done;
  }

  const copy = new DirectPump(source, sink, fifo, tail);
  if (fifo) fifo.onChunk = (chunk) => copy.onChunk(chunk, true);
  else source.on('data', (chunk: Buffer) => copy.onChunk(chunk, false));
  return copy.done;
}
