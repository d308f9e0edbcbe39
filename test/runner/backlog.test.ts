import {randomFillSync} from 'node:crypto';
import {closeSync, fstatSync, openSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {pipeBacklog, poolBacklog, retryBacklog, writeNow, type Backlog, type BacklogEvents} from '../../src/runner/backlog.js';
import {openSink} from '../../src/runner/sink.js';
import {openWriter} from '../../src/runner/writer.js';
import {exited, readersForEachTest, slowReader} from '../helpers/pipe-reader.js';

// Each way of writing what guard's output did not take at once, against a real pipe whose
// reader reads late, slowly, goes away, or never reads. Each backlog gets guard's own
// non-blocking descriptor for the pipe, as sink.ts makes it, so a full pipe says EAGAIN.
const {dir, outputReadBy} = readersForEachTest('guard-backlog-');

/** The events a backlog sent, and a wait for the one that makes `check` hold. */
function watch() {
  const seen = {failures: [] as Error[], taken: 0};
  let wake = () => {};
  const events: BacklogEvents = {
    failed(error) {
      seen.failures.push(error);
      wake();
    },
    took(bytes) {
      seen.taken += bytes;
      wake();
    },
  };
  const until = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      const test = () => (check() ? resolve() : (wake = test));
      test();
    });
  return {events, seen, until};
}

/** guard's own non-blocking descriptor for the pipe behind `fd`. */
function ownEnd(fd: number): number {
  const sink = openSink(fd);
  if (sink.kind !== 'direct' || !sink.pipe) throw new Error(`expected a pipe guard reopens, got ${JSON.stringify(sink)}`);
  return sink.fd;
}

const strategies: {name: string; owned: boolean; open: (fd: number, events: BacklogEvents) => Backlog}[] = [
  {name: 'a pipe, waiting for room with epoll', owned: true, open: pipeBacklog},
  {name: 'a terminal, retrying on a timer', owned: true, open: (fd, events) => retryBacklog(fd, true, events)},
  {name: 'a socket, in the thread pool', owned: false, open: poolBacklog},
];

describe.each(strategies)('the backlog for $name', ({open, owned}) => {
  /** Writes `data` as a pump does: what the pipe takes now, then the rest through the backlog, in three writes. */
  function fill(fd: number, backlog: Backlog, data: Buffer): number {
    const written = writeNow(fd, data);
    const third = Math.ceil((data.length - written) / 3);
    for (let at = written; at < data.length; at += third) backlog.write(data.subarray(at, Math.min(at + third, data.length)));
    return data.length - written;
  }

  /** guard's output read by `script`, its backlog, and `size` random bytes written into them as a pump does. */
  function writing(script: string, size: number) {
    const {fd, reader} = outputReadBy(script);
    const own = ownEnd(fd);
    const watched = watch();
    const backlog = open(own, watched.events);
    const data = randomFillSync(Buffer.alloc(size));
    return {...watched, backlog, data, fd, own, reader, rest: fill(own, backlog, data)};
  }

  /** Closes the backlog, and guard's end of the pipe where the backlog does not own it, so the reader sees the end. */
  function finish(backlog: Backlog, fd: number, own: number): void {
    backlog.close();
    if (!owned) closeSync(own);
    closeSync(fd);
  }

  it('delivers what a full pipe refused (EAGAIN), in order, once the reader reads', async () => {
    const {backlog, data, fd, own, reader, rest, seen, until} = writing('sleep 0.3; cat <&3 > out', 1_000_000);
    expect(rest).toBeGreaterThan(0);
    expect(backlog.queued()).toBeGreaterThan(0);
    await until(() => seen.taken === rest);
    expect(backlog.queued()).toBe(0);
    finish(backlog, fd, own);
    expect(await exited(reader)).toEqual({code: 0, signal: null});
    expect(readFileSync(join(dir(), 'out')).equals(data)).toBe(true);
    expect(seen.failures).toEqual([]);
  });

  it('keeps pace with a slow reader that takes a little at a time', async () => {
    const {backlog, data, fd, own, reader, rest, seen, until} = writing(slowReader, 300_000);
    await until(() => seen.taken === rest);
    finish(backlog, fd, own);
    await exited(reader);
    expect(readFileSync(join(dir(), 'out')).equals(data)).toBe(true);
  });

  it('fails with EPIPE when the reader goes away, drops what is queued and takes nothing more', async () => {
    const {backlog, data, fd, own, reader, rest, seen, until} = writing('sleep 0.3; head -c 1000 <&3 > out', 1_000_000);
    await until(() => seen.failures.length > 0);
    expect(seen.failures.map((error) => (error as NodeJS.ErrnoException).code)).toEqual(['EPIPE']);
    expect(seen.taken).toBeLessThan(rest);
    expect(backlog.queued()).toBe(0);
    backlog.write(Buffer.from('more'));
    expect(backlog.queued()).toBe(0);
    finish(backlog, fd, own);
    expect(await exited(reader)).toEqual({code: 0, signal: null});
    expect(readFileSync(join(dir(), 'out')).equals(data.subarray(0, 1000))).toBe(true);
  });

  it('fails with EPIPE at the first write when the reader was gone before it', async () => {
    const {fd, reader} = outputReadBy('until [ -e go ]; do sleep 0.01; done');
    const own = ownEnd(fd);
    writeFileSync(join(dir(), 'go'), '');
    await exited(reader);
    const {events, seen, until} = watch();
    const backlog = open(own, events);
    backlog.write(Buffer.from('late\n'));
    await until(() => seen.failures.length > 0);
    expect(seen.failures.map((error) => (error as NodeJS.ErrnoException).code)).toEqual(['EPIPE']);
    expect(seen.taken).toBe(0);
    expect(backlog.queued()).toBe(0);
    finish(backlog, fd, own);
  });

  it(`discards what is queued on close${owned ? ' and closes guard\'s own descriptor, once' : ', leaving the descriptor to its owner'}`, async () => {
    const {backlog, fd, own, seen} = writing('sleep 60', 200_000);
    expect(backlog.queued()).toBeGreaterThan(0);
    backlog.close();
    expect(backlog.queued()).toBe(0);
    if (owned) {
      expect(() => fstatSync(own)).toThrow(expect.objectContaining({code: 'EBADF'}));
      // The number is free again: a second close must not take it from whoever has it now.
      const next = openSync(join(dir(), 'next'), 'w');
      backlog.close();
      expect(fstatSync(next).isFile()).toBe(true);
      closeSync(next);
    } else {
      expect(fstatSync(own).isFIFO()).toBe(true);
      closeSync(own);
    }

    // Past the retry timer and libuv's callbacks for the discarded pieces: nothing is reported.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual({failures: [], taken: 0});
    closeSync(fd);
  });
});

describe('openWriter', () => {
  it('resolves once all of a large write reached a pipe that was full, read late', async () => {
    const {fd, reader} = outputReadBy('sleep 0.3; cat <&3 > out');
    const writer = openWriter(fd);
    const data = randomFillSync(Buffer.alloc(1_000_000));
    await writer.write(data);
    await writer.write(Buffer.from('end\n'));
    writer.close();
    closeSync(fd);
    expect(await exited(reader)).toEqual({code: 0, signal: null});
    expect(readFileSync(join(dir(), 'out')).equals(Buffer.concat([data, Buffer.from('end\n')]))).toBe(true);
  });

  it('rejects with EPIPE, then and on every later write, when the reader is gone', async () => {
    const {fd, reader} = outputReadBy('until [ -e go ]; do sleep 0.01; done');
    writeFileSync(join(dir(), 'go'), '');
    await exited(reader);
    // With no reader the pipe cannot be reopened: the writer falls back to the thread pool.
    const writer = openWriter(fd);
    await expect(writer.write(Buffer.from('late\n'))).rejects.toMatchObject({code: 'EPIPE'});
    await expect(writer.write(Buffer.from('later\n'))).rejects.toMatchObject({code: 'EPIPE'});
    writer.close();
    closeSync(fd);
  });
});
