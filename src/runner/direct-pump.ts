import {readSync} from 'node:fs';
import type {Readable} from 'node:stream';
import {openBacklog, writeNow, type Backlog} from './backlog.js';
import type {FifoReader} from './pipes.js';
import {errorCode, type Sink} from './sink.js';
import type {Tail} from './tail.js';

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
// What guard still takes from the FIFO when it stops waiting: a pipe holds 64 KiB by default.
const lastBytes = 1 << 20;

let napCell: Int32Array | undefined;
const nap = (ms: number) => Atomics.wait((napCell ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, ms);

/**
 * The command's output, as the pump sees it: `reading` it; `ended`, the FIFO read to its
 * end (the socket closes next); `closed`.
 */
type Input = 'closed' | 'ended' | 'reading';

/**
 * guard's output: `writing` (what the sink does not take now is held back, and the input
 * paused, until it does); `broken` by a write error, so the copy is dropped and only the
 * tail kept; `abandoned`, its reader stuck once guard stopped waiting; `done`, the pump
 * finished and the descriptor closed if it was the pump's own.
 */
type Output = 'abandoned' | 'broken' | 'done' | 'writing';

/** Writes to a `direct` sink on the event loop, with non-blocking writes only. */
export class DirectPump {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private input: Input = 'reading';
  private output: Output = 'writing';
  /** guard no longer waits for output (see stop). */
  private stopping = false;
  /** Bytes the sink has not taken yet; while non-zero the source is paused. */
  private heldBytes = 0;
  /** Where they wait: the strategy for this sink (backlog.ts). */
  private readonly backlog: Backlog;
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
      this.resolveDone = resolve;
    });
    this.backlog = openBacklog(sink, {failed: (error) => this.fail(error), took: (bytes) => this.took(bytes)});
    if (fifo) fifo.onStop = () => this.stop();
    source.on('error', () => {});
    source.once('close', () => {
      this.input = 'closed';
      this.endIfDone();
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
    if (this.input !== 'reading' || source.destroyed || source.isPaused() || this.heldBytes > 0) return;
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
        this.input = 'ended';
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
    if (this.output !== 'writing') return true;
    let written = 0;
    if (this.heldBytes === 0) {
      try {
        written = writeNow(this.sink.fd, chunk);
      } catch (error) {
        this.fail(error);
        return true;
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
    this.backlog.write(rest);
  }

  private took(bytes: number): void {
    this.progressAt = performance.now();
    this.heldBytes -= bytes;
    if (this.heldBytes > 0) return;
    if (this.input !== 'closed') this.source.resume();
    this.endIfDone();
  }

  private fail(error: unknown): void {
    this.output = 'broken';
    this.dropHeld();
    // Our reader went away: close the child's pipe too, so it gets SIGPIPE.
    if (errorCode(error) === 'EPIPE') this.source.destroy();
    else if (this.input !== 'closed') this.source.resume();
    this.endIfDone();
  }

  /** runCommand no longer waits for output: let the sink finish only while its reader reads. */
  private stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.takeLast();
    let queued = this.backlog.queued();
    const check = () => {
      if (this.backlog.queued() !== queued) {
        queued = this.backlog.queued();
        this.progressAt = performance.now();
      }

      if (this.heldBytes === 0 || performance.now() - this.progressAt < stuckMs) return;
      this.output = 'abandoned';
      this.dropHeld();
      this.endIfDone();
    };

    check();
    if (this.output === 'writing' && this.heldBytes > 0) this.watch = setInterval(check, 50);
  }

  /**
   * The FIFO is about to close: what the command wrote before it ended may still sit in it,
   * unread while a slow reader held the source paused. Take it (up to lastBytes) so that
   * reader still gets it; a process still writing gets SIGPIPE once the FIFO closes.
   */
  private takeLast(): void {
    if (!this.fifo || this.input !== 'reading' || this.output === 'broken' || this.source.destroyed) return;
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

  /** Discards what the sink has not taken, and closes the descriptor now if it is the pump's own. */
  private dropHeld(): void {
    this.heldBytes = 0;
    this.backlog.close();
  }

  /** Once the input is closed and nothing is held back: the descriptor closed (if the pump's own), and done. */
  private endIfDone(): void {
    if (this.input !== 'closed' || this.heldBytes > 0 || this.output === 'done') return;
    if (this.watch) clearInterval(this.watch);
    this.watch = undefined;
    this.output = 'done';
    this.backlog.close();
    this.resolveDone();
  }
}

