import fc from 'fast-check';
import {expect, it} from 'vitest';
import {thousands} from '../../src/cli/output.js';

// guard writes counts as en-US does (`10,000 runs`), without loading ICU's number formatting.
it('writes every count as toLocaleString("en-US") does', () => {
  for (const count of [0, 1, 999, 1000, 10_000, 10_001, 123_456_789]) expect(thousands(count)).toBe(count.toLocaleString('en-US'));
  fc.assert(
    fc.property(fc.nat(), (count) => {
      expect(thousands(count)).toBe(count.toLocaleString('en-US'));
    }),
    {numRuns: 2000},
  );
});
