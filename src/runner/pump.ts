import {closeSync, readSync, writeSync, writev} from 'node:fs';
import {Socket} from 'node:net';
import type {Readable} from 'node:stream';
import {fifoReader, type FifoReader} from './pipes.js';
import {errorCode, openSink, type Sink} from './sink.js';
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

// Draining: when output arrives fast, pump reads the FIFO itself in short slices instead of
// waking once per write of the command (`head -c` writes 4 KiB at a time; each wake costs an
// epoll round trip and a JS callback). Between reads that find the pipe empty it naps,
// doubling from 50 µs up to 1 ms (a nap lasts 120 µs or more on a VM), so the pipe fills and
// each read takes about 60 KiB of its 64. A slice ends after `sliceMs` (timers and signals
// run in between) or after `idleMs` of naps without data: slow output never naps, and no
// line waits more than a nap (≤ 1 ms) to be read. Waking on data instead of napping (epoll
// alone) cost 30-45% more CPU: reads shrink to a few KiB.
const fastWindowMs = 10;
const fastBytes = 32 * 1024;
const sliceMs = 4;
const idleMs = 2;
const firstNapMs = 0.05;
const lastNapMs = 1;
// Once guard stops waiting for output (runCommand's finish), what the sink still holds is
// written only while the reader takes it: dropped once the reader has taken nothing for this
// long (a reader stuck since before the command ended is dropped at once).
const stuckMs = 1000;
const heldPiece = 16 * 1024;
// What guard still takes from the FIFO when it stops waiting: a pipe holds 64 KiB by default.
const lastBytes = 1 << 20;

let napCell: Int32Array | undefined;
const nap = (ms: number) => Atomics.wait((napCell ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, ms);

/** Writes to a `direct` sink on the event loop, with non-blocking writes only. */
class DirectPump {
  readonly done: Promise<void>;
  private finish!: () => void;
  private broken = false;
  private closed = false;
  private stopping = false;
  private abandoned = false;
  private eof = false;
  /** Bytes the sink has not taken yet; while non-zero the source is paused. */
  private heldBytes = 0;
  private held: Buffer[] = [];
  private socket: Socket | undefined;
  private sinkOpen = true;
  private retry: NodeJS.Timeout | undefined;
  private watch: NodeJS.Timeout | undefined;
  private progressAt = 0;
  private windowAt = 0;
  private windowBytes = 0;
  private slicePending = false;

  constructor(
    private readonly source: Readable,
    private readonly sink: Extract<Sink, {kind: 'direct'}>,
    private readonly fifo: FifoReader | undefined,
    private readonly tail: Tail,
  ) {
    this.done = new Promise<void>((resolve) => {
      this.finish = resolve;
    });
    if (fifo) fifo.onStop = () => this.stop();
    source.on('error', () => {});
    source.once('close', () => {
      this.closed = true;
      this.settle();
    });
  }

  /** `reused`: the chunk's memory is read into again once this returns. */
  onChunk(chunk: Buffer, reused: boolean): void {
    this.tail.push(chunk);
    if (!this.offer(chunk, reused)) return;
    if (this.fifo && this.fast(chunk.length)) this.drain();
  }

  private fast(bytes: number): boolean {
    const now = performance.now();
    if (now - this.windowAt > fastWindowMs) {
      this.windowAt = now;
      this.windowBytes = 0;
    }

    this.windowBytes += bytes;
    return this.windowBytes >= fastBytes;
  }

  /** Reads the FIFO directly for one slice (see sliceMs); only while nothing is queued before it. */
  private drain(): void {
    const {source} = this;
    if (this.eof || source.destroyed || source.isPaused() || this.heldBytes > 0) return;
    const {fd, buffer} = this.fifo!;
    const deadline = performance.now() + sliceMs;
    let napMs = firstNapMs;
    let idle = 0;
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        // EAGAIN: the pipe is empty. Anything else the socket will meet and report too.
        if (errorCode(error) !== 'EAGAIN' || idle >= idleMs || performance.now() >= deadline) return;
        nap(napMs);
        idle += napMs;
        napMs = Math.min(napMs * 2, lastNapMs);
        continue;
      }

      // End of stream: every writer has closed; the socket sees it next and closes.
      if (read === 0) {
        this.eof = true;
        return;
      }

      const chunk = buffer.subarray(0, read);
      this.windowBytes += read;
      this.tail.push(chunk);
      if (!this.offer(chunk, true) || source.destroyed) return;
      idle = 0;
      napMs = firstNapMs;
      if (performance.now() >= deadline) {
        if (!this.slicePending) {
          this.slicePending = true;
          setImmediate(() => {
            this.slicePending = false;
            this.drain();
          });
        }

        return;
      }
    }
  }

  /**
   * Writes what the sink takes now. Returns false when it holds the rest back (the source is
   * then paused until the sink has room); `copy`: keep a copy of what is held back.
   */
  private offer(chunk: Buffer, copy: boolean): boolean {
    if (this.broken || this.abandoned) return true;
    let written = 0;
    if (this.heldBytes === 0) {
      while (written < chunk.length) {
        try {
          written += writeSync(this.sink.fd, chunk, written, chunk.length - written);
        } catch (error) {
          if (errorCode(error) === 'EAGAIN') break;
          this.fail(error);
          return true;
        }
      }

      if (written === chunk.length) return true;
      this.progressAt = performance.now();
    }

    this.hold(copy ? Buffer.from(chunk.subarray(written)) : chunk.subarray(written));
    return false;
  }

  private hold(rest: Buffer): void {
    this.heldBytes += rest.length;
    this.source.pause();
    if (!this.sink.pipe) {
      this.held.push(rest);
      this.retry ??= setTimeout(() => this.retryHeld(), 10);
      return;
    }

    // A pipe: libuv writes the rest as soon as epoll says there is room. In pieces, so
    // their callbacks show whether the reader is making progress.
    const socket = (this.socket ??= this.openSocket());
    for (let at = 0; at < rest.length; at += heldPiece) {
      const piece = rest.subarray(at, at + heldPiece);
      socket.write(piece, (error) => {
        if (this.abandoned || this.broken) return;
        if (error) return this.fail(error);
        this.took(piece.length);
      });
    }
  }

  private openSocket(): Socket {
    const socket = new Socket({fd: this.sink.fd, readable: false, writable: true});
    socket.on('error', (error) => {
      if (!this.abandoned && !this.broken) this.fail(error);
    });
    return socket;
  }

  /** A terminal (or a file that said EAGAIN): no readiness to wait on, so try again shortly. */
  private retryHeld(): void {
    this.retry = undefined;
    while (this.held.length > 0 && !this.broken && !this.abandoned) {
      const chunk = this.held[0]!;
      let written: number;
      try {
        written = writeSync(this.sink.fd, chunk);
      } catch (error) {
        if (errorCode(error) !== 'EAGAIN') return this.fail(error);
        this.retry = setTimeout(() => this.retryHeld(), 10);
        return;
      }

      this.held[0] = chunk.subarray(written);
      if (written === chunk.length) this.held.shift();
      this.took(written);
    }
  }

  private took(bytes: number): void {
    this.progressAt = performance.now();
    this.heldBytes -= bytes;
    if (this.heldBytes > 0) return;
    if (!this.closed) this.source.resume();
    this.settle();
  }

  private fail(error: unknown): void {
    this.broken = true;
    this.dropHeld();
    // Our reader went away: close the child's pipe too, so it gets SIGPIPE.
    if (errorCode(error) === 'EPIPE') this.source.destroy();
    else if (!this.closed) this.source.resume();
    this.settle();
  }

  /** runCommand no longer waits for output: let the sink finish only while its reader reads. */
  private stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.takeLast();
    let queued = this.queued();
    const check = () => {
      // Partial writes of a piece show only in libuv's queue size.
      if (this.queued() !== queued) {
        queued = this.queued();
        this.progressAt = performance.now();
      }

      if (this.heldBytes === 0 || performance.now() - this.progressAt < stuckMs) return;
      this.abandoned = true;
      this.dropHeld();
      this.settle();
    };

    check();
    if (!this.abandoned && this.heldBytes > 0) this.watch = setInterval(check, 50);
  }

  /**
   * The FIFO is about to close: what the command wrote before it ended may still sit in it,
   * unread while a slow reader held the source paused. Take it (up to lastBytes) so that
   * reader still gets it; a process still writing gets SIGPIPE once the FIFO closes.
   */
  private takeLast(): void {
    if (!this.fifo || this.eof || this.broken || this.source.destroyed) return;
    const {fd, buffer} = this.fifo;
    for (let taken = 0; taken < lastBytes; ) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, buffer.length, null);
      } catch {
        return;
      }

      if (read === 0) return;
      taken += read;
      const chunk = buffer.subarray(0, read);
      this.tail.push(chunk);
      this.offer(chunk, true);
    }
  }

  private queued(): number | undefined {
    return (this.socket as {_handle?: {writeQueueSize?: number}} | undefined)?._handle?.writeQueueSize;
  }

  private dropHeld(): void {
    this.heldBytes = 0;
    this.held = [];
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    if (this.socket) {
      // Discards what libuv still queues; closes the sink descriptor with it.
      this.socket.destroy();
      this.sinkOpen = false;
    }
  }

  private settle(): void {
    if (!this.closed || this.heldBytes > 0) return;
    if (this.watch) clearInterval(this.watch);
    this.watch = undefined;
    if (this.sinkOpen && this.sink.owned) {
      this.sinkOpen = false;
      if (this.socket) this.socket.destroy();
      else closeSync(this.sink.fd);
    }

    this.finish();
  }
}

// Enough to batch many small writes into one syscall, small enough to keep memory flat.
const highWaterMark = 1 << 20;

/**
 * Writes to a `pool` sink (a socket, or no /proc): blocking writes go through the thread
 * pool, so a reader that stops reading holds a pool thread, not the event loop.
 */
function poolPump(source: Readable, fd: number, tail: Tail): {done: Promise<void>; onChunk: (chunk: Buffer) => void} {
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
    settle();
  });
  return {done, onChunk};
}
