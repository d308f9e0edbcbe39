import {spawn, type ChildProcess} from 'node:child_process';
import {randomFillSync} from 'node:crypto';
import {closeSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {openOutputPipes} from '../../src/runner/pipes.js';
import {pump} from '../../src/runner/pump.js';
import {Tail} from '../../src/runner/tail.js';
import {exited, readersForEachTest, slowReader} from '../helpers/pipe-reader.js';

// pump's states against real pipes: guard's output is a FIFO read by another process that
// reads slowly, stops reading, or goes away, as a `| head` or a stuck pager would.
const {dir, outputReadBy, track} = readersForEachTest('guard-pump-states-');

/** A command that writes `size` random bytes to its stdout, a FIFO pump reads. */
async function command(size: number): Promise<{child: ChildProcess; input: Buffer; source: ReturnType<Awaited<ReturnType<typeof openOutputPipes>>['stdout']['reader']>}> {
  const input = randomFillSync(Buffer.alloc(size));
  writeFileSync(join(dir(), 'in'), input);
  const {stdout: out, stderr: err} = await openOutputPipes(false);
  const child = spawn('cat', [join(dir(), 'in')], {stdio: ['ignore', out.childEnd, 'ignore']});
  track(child);
  out.closeChildEnd();
  err?.closeChildEnd();
  return {child, input, source: out.reader(child.stdout)};
}

describe('pump into a pipe', () => {
  it('holds back what a full pipe does not take (EAGAIN), pausing the command, and delivers all of it once the reader reads', async () => {
    const {fd, reader} = outputReadBy('sleep 1; cat <&3 > out');
    const {child, input, source} = await command(3_000_000);
    const tail = new Tail(4096);
    await pump(source, fd, tail);
    closeSync(fd);
    expect(await exited(child)).toEqual({code: 0, signal: null});
    expect(await exited(reader)).toEqual({code: 0, signal: null});
    expect(readFileSync(join(dir(), 'out')).equals(input)).toBe(true);
    expect(tail.contents().equals(input.subarray(-4096))).toBe(true);
  });

  it('keeps pace with a slow reader that takes a little at a time', async () => {
    const {fd, reader} = outputReadBy(slowReader);
    const {child, input, source} = await command(300_000);
    await pump(source, fd, new Tail(0));
    closeSync(fd);
    expect(await exited(child)).toEqual({code: 0, signal: null});
    await exited(reader);
    expect(readFileSync(join(dir(), 'out')).equals(input)).toBe(true);
  });

  it('closes the command\'s pipe when the reader goes away (EPIPE), so the command gets SIGPIPE as it would without guard', async () => {
    const {fd, reader} = outputReadBy('head -c 1000 <&3 > out');
    const {child, input, source} = await command(5_000_000);
    const tail = new Tail(1000);
    await pump(source, fd, tail);
    closeSync(fd);
    expect(await exited(reader)).toEqual({code: 0, signal: null});
    expect(await exited(child)).toEqual({code: null, signal: 'SIGPIPE'});
    expect(readFileSync(join(dir(), 'out')).equals(input.subarray(0, 1000))).toBe(true);
  });

  it('gives up a reader that stopped reading for good, once the command has ended and guard stops waiting', async () => {
    const {fd} = outputReadBy('sleep 60');
    const {child, input, source} = await command(1_000_000);
    const tail = new Tail(1000);
    const copied = pump(source, fd, tail);
    // The command cannot finish while its output waits; guard stops waiting as runCommand does at a timeout.
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    await exited(child);
    const stoppedAt = performance.now();
    source.destroy();
    await copied;
    closeSync(fd);
    expect(performance.now() - stoppedAt).toBeLessThan(5000);
    expect(tail.bytes).toBeGreaterThan(0);
    expect(tail.bytes).toBeLessThan(input.length);
  });
});
