// The time, for the few rules that judge by it (an expiry date already past, a seek to a time
// still to come). A decision that read it holds only at that moment: it is never kept for a
// later run (src/run/decision-cache.ts), so every read goes through here and is counted.
// The count is the process's, not this module's: the rules' checks are a bundle of their own
// on the lean path (dist/fast/packs.cjs), with a copy of this module.
const shared = globalThis as {[count]?: {reads: number}};
const count = Symbol.for('guard.clock.reads');
const reads = (shared[count] ??= {reads: 0});

/** Milliseconds since the epoch, as Date.now(). */
export function now(): number {
  reads.reads += 1;
  return Date.now();
}

/** How often the time has been read in this process: a decision that changed it read the time. */
export const clockReads = (): number => reads.reads;
