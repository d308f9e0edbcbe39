import type {Readable} from 'node:stream';
import {log} from '../log.js';
import {fifoReader} from './pipes.js';
import type {SignalWatch} from './signals.js';
import {Spool} from './spool.js';
import type {Tail} from './tail.js';
import {openWriter, type Writer} from './writer.js';

/** guard's stdout (1) or stderr (2). */
export type OutputFd = 1 | 2;

/** `--quiet`: what the command wrote, kept until guard knows whether the run succeeded. */
export interface Held {
  /** Writes every byte kept to guard's stdout and stderr, in the order guard read them, then frees them. */
  replay(): Promise<void>;
  /** Frees what was kept, printing nothing. */
  discard(): void;
}

// Each chunk is kept as a record: the fd it was meant for (1 byte), its length (4 bytes), its bytes.
const headerBytes = 5;

/**
 * Both streams in one spool, chunk by chunk as guard read them, so a replay into one
 * pipe (cron's mail with 2>&1) keeps the order of stdout and stderr lines the command
 * wrote instead of printing one stream after the other.
 */
export class HeldOutput implements Held {
  private readonly spool: Spool;
  /** Bytes of each stream the spool refused. */
  private readonly lost = {1: 0, 2: 0};
  // The spool copies a record as it takes it, so one header serves every record.
  private readonly header = Buffer.alloc(headerBytes);

  constructor(
    memoryBytes: number,
    private readonly signals: SignalWatch | undefined,
  ) {
    this.spool = new Spool(memoryBytes);
  }

  append(fd: OutputFd, chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.header.writeUInt8(fd, 0);
    this.header.writeUInt32BE(chunk.length, 1);
    if (!this.spool.append([this.header, chunk])) this.lost[fd] += chunk.length;
  }

  /**
   * A signal to guard while it replays (a second one, after the run) ends the replay: a
   * reader that never reads must not keep guard from exiting.
   */
  async replay(to: Record<OutputFd, number> = {1: 1, 2: 2}): Promise<void> {
    const writers: Partial<Record<OutputFd, Writer>> = {};
    const broken = new Set<OutputFd>();
    let stop: () => void = () => {};
    const stopped = new Promise<'stopped'>((resolve) => {
      stop = () => resolve('stopped');
    });
    this.signals?.attach({interrupt: stop, passOn() {}});
    try {
      for (const [fd, data] of this.records()) {
        if (broken.has(fd)) continue;
        const writer = (writers[fd] ??= openWriter(to[fd]));
        try {
          if ((await Promise.race([writer.write(data), stopped])) === 'stopped') break;
        } catch {
          // A reader that went away (EPIPE) or a full disk: that output is done; the other goes on.
          broken.add(fd);
        }
      }
    } finally {
      this.signals?.detach();
      for (const writer of Object.values(writers)) writer.close();
      this.reportLost();
      this.discard();
    }
  }

  discard(): void {
    this.spool.free();
  }

  /** Each record's bytes, piece by piece as the spool reads back; a header may span two pieces. */
  private *records(): Generator<[OutputFd, Buffer]> {
    const header = Buffer.alloc(headerBytes);
    let headerHave = 0;
    let fd: OutputFd = 1;
    let remaining = 0;
    for (const piece of this.spool.pieces()) {
      for (let at = 0; at < piece.length; ) {
        if (remaining === 0) {
          const take = Math.min(headerBytes - headerHave, piece.length - at);
          piece.copy(header, headerHave, at, at + take);
          headerHave += take;
          at += take;
          if (headerHave < headerBytes) continue;
          headerHave = 0;
          fd = header.readUInt8(0) as OutputFd;
          remaining = header.readUInt32BE(1);
          continue;
        }

        const take = Math.min(remaining, piece.length - at);
        remaining -= take;
        yield [fd, piece.subarray(at, at + take)];
        at += take;
      }
    }
  }

  private reportLost(): void {
    const {failure} = this.spool;
    if (!failure || this.lost[1] + this.lost[2] === 0) return;
    const parts = ([1, 2] as const).filter((fd) => this.lost[fd] > 0).map((fd) => `${this.lost[fd]} bytes of ${fd === 1 ? 'stdout' : 'stderr'}`);
    log().error(`--quiet could not keep the end of the output (${parts.join(' and ')}): ${failure.message}`);
  }
}

/** pump's counterpart while holding: every chunk goes to the tail and into `held`, none to guard's outputs. */
export function holdStream(source: Readable, fd: OutputFd, tail: Tail, held: HeldOutput): Promise<void> {
  const take = (chunk: Buffer) => {
    tail.push(chunk);
    held.append(fd, chunk);
  };
  const fifo = fifoReader(source);
  if (fifo) fifo.onChunk = take;
  else source.on('data', take);
  source.on('error', () => {});
  return new Promise((resolve) => {
    source.once('close', () => resolve());
  });
}
