import {randomFillSync} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {Tail} from '../../src/runner/tail.js';

describe('Tail', () => {
  it('keeps exactly the last bytes, however the stream is cut, while the caller reuses its buffer', () => {
    const sizes = [0, 1, 3, 4095, 65_536, 70_000, 200_000];
    for (const limit of [0, 1, 10, 4096, 65_536]) {
      const tail = new Tail(limit);
      const reused = Buffer.alloc(200_000);
      let last = Buffer.alloc(0);
      let bytes = 0;
      for (let i = 0; i < 120; i++) {
        const size = sizes[(i * 5 + limit) % sizes.length]!;
        const chunk = randomFillSync(reused.subarray(0, size));
        last = Buffer.concat([last, chunk]).subarray(-limit || Number.POSITIVE_INFINITY);
        bytes += size;
        tail.push(chunk);
        reused.fill(0);
        expect(tail.bytes).toBe(bytes);
        expect(tail.contents().equals(limit === 0 ? Buffer.alloc(0) : last)).toBe(true);
      }
    }
  });

  it('is empty before anything arrives', () => {
    expect(new Tail(65_536).contents().length).toBe(0);
  });
});
