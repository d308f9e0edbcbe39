import {randomFillSync} from 'node:crypto';
import {closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {HeldOutput, type OutputFd} from '../../src/runner/held-output.js';

let dir: string;
let savedTmpdir: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guard-held-test-'));
  savedTmpdir = process.env.TMPDIR;
  // The spool's file goes here, so the test sees whether anything is left.
  process.env.TMPDIR = join(dir, 'tmp');
  mkdirSync(process.env.TMPDIR);
});
afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(dir, {force: true, recursive: true});
});

/** Chunks of many sizes (1 byte to 100 KB) for both streams, so record headers land across every boundary. */
function chunks(count: number): [OutputFd, Buffer][] {
  const sizes = [1, 2, 3, 4, 5, 7, 4096, 65_531, 100_000, 13];
  return Array.from({length: count}, (_, i) => [(i % 3 === 0 ? 2 : 1) as OutputFd, randomFillSync(Buffer.alloc(sizes[i % sizes.length]!))]);
}

async function replayInto(held: HeldOutput, files: Record<OutputFd, string>): Promise<void> {
  const fds = {1: openSync(files[1], 'a'), 2: files[2] === files[1] ? -1 : openSync(files[2], 'a')};
  if (fds[2] === -1) fds[2] = fds[1];
  try {
    await held.replay(fds as Record<OutputFd, number>);
  } finally {
    closeSync(fds[1]);
    if (fds[2] !== fds[1]) closeSync(fds[2]);
  }
}

describe('HeldOutput', () => {
  it('gives back each stream exactly, through memory and then the file, however the chunks were cut', async () => {
    const written = chunks(200);
    const held = new HeldOutput(50_000, undefined);
    for (const [fd, chunk] of written) held.append(fd, chunk);
    expect(readdirSync(process.env.TMPDIR!)).toEqual([]);
    await replayInto(held, {1: join(dir, 'out'), 2: join(dir, 'err')});
    const of = (fd: OutputFd) => Buffer.concat(written.filter(([to]) => to === fd).map(([, chunk]) => chunk));
    expect(readFileSync(join(dir, 'out')).equals(of(1))).toBe(true);
    expect(readFileSync(join(dir, 'err')).equals(of(2))).toBe(true);
  });

  it('keeps the order of stdout and stderr chunks when both go to one place', async () => {
    const held = new HeldOutput(20, undefined);
    const lines = ['out 1\n', 'err 1\n', 'out 2\n', 'out 3\n', 'err 2\n', 'out 4\n'];
    for (const line of lines) held.append(line.startsWith('out') ? 1 : 2, Buffer.from(line));
    await replayInto(held, {1: join(dir, 'both'), 2: join(dir, 'both')});
    expect(readFileSync(join(dir, 'both'), 'utf8')).toBe(lines.join(''));
  });

  it('keeps only memory while the output fits, and needs no temporary folder for it', async () => {
    process.env.TMPDIR = join(dir, 'missing');
    const held = new HeldOutput(1 << 20, undefined);
    held.append(1, Buffer.from('small\n'));
    await replayInto(held, {1: join(dir, 'out'), 2: join(dir, 'err')});
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('small\n');
  });

  it('gives back whole chunks only when the rest cannot be kept', async () => {
    process.env.TMPDIR = join(dir, 'missing');
    const held = new HeldOutput(30, undefined);
    for (const line of ['first\n', 'second\n', 'third line, too long to fit\n', 'fourth\n']) held.append(1, Buffer.from(line));
    await replayInto(held, {1: join(dir, 'out'), 2: join(dir, 'err')});
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('first\nsecond\n');
  });

  it('prints nothing and leaves nothing behind when discarded', async () => {
    const held = new HeldOutput(10, undefined);
    for (const [fd, chunk] of chunks(20)) held.append(fd, chunk);
    held.discard();
    expect(readdirSync(process.env.TMPDIR!)).toEqual([]);
    await replayInto(held, {1: join(dir, 'out'), 2: join(dir, 'err')});
    expect(readFileSync(join(dir, 'out')).length + readFileSync(join(dir, 'err')).length).toBe(0);
  });
});
