import {spawn} from 'node:child_process';
import {randomFillSync} from 'node:crypto';
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openOutputPipes} from '../../src/runner/pipes.js';
import {pump} from '../../src/runner/pump.js';
import {Tail} from '../../src/runner/tail.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guard-pump-'));
});
afterEach(() => rmSync(dir, {force: true, recursive: true}));

/** Runs `cat FILE` on a FIFO from openOutputPipes and pumps it into a file. */
async function pumpFile(size: number): Promise<{input: Buffer; output: Buffer; tail: Tail}> {
  const input = randomFillSync(Buffer.alloc(size));
  writeFileSync(join(dir, 'in'), input);
  const {stdout: out, stderr: err} = await openOutputPipes(false);
  if (!err) throw new Error('two pipes were asked for');
  const child = spawn('cat', [join(dir, 'in')], {stdio: ['ignore', out.childEnd, err.childEnd]});
  out.closeChildEnd();
  err.closeChildEnd();
  const sink = openSync(join(dir, 'out'), 'w');
  const tail = new Tail(65_536);
  try {
    await Promise.all([pump(out.reader(child.stdout), sink, tail), pump(err.reader(child.stderr), sink, new Tail(0))]);
  } finally {
    closeSync(sink);
  }

  return {input, output: readFileSync(join(dir, 'out')), tail};
}

describe('pump', () => {
  it('copies a fast stream exactly and keeps its last 64 KiB, though it reads into one reused buffer', async () => {
    const {input, output, tail} = await pumpFile(20_000_003);
    expect(output.equals(input)).toBe(true);
    expect(tail.bytes).toBe(input.length);
    expect(tail.contents().equals(input.subarray(-65_536))).toBe(true);
  });

  it('keeps all of a short stream', async () => {
    const {input, output, tail} = await pumpFile(1000);
    expect(output.equals(input)).toBe(true);
    expect(tail.contents().equals(input)).toBe(true);
  });
});
