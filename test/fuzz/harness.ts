// Runs a fuzz target's properties: a small sample inside `npm test`; under `npm run fuzz`,
// FUZZ_RUNS cases for the whole target, shared evenly by its properties. A failure saves its seed, path and counterexample to
// seeds/<target>.json, and every saved one is replayed as a test of its own, so a crash stays
// a failing test until fixed. The replay runs the saved value itself: a seed and path only
// reproduce it while the arbitraries stay as they were (`fc.assert(p, {seed, path})` by hand).
import {appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import fc from 'fast-check';
import {describe, test} from 'vitest';

export interface Fuzz {
  /** Cases inside `npm test`; `npm run fuzz` runs the property's share of FUZZ_RUNS instead. */
  sample: number;
  property: () => fc.IAsyncPropertyWithHooks<unknown[]>;
}

interface Seed {
  property: string;
  seed: number;
  path: string;
  counterexample: string;
  /** The counterexample as JSON, replayed as is. */
  value: unknown;
  found: string;
}

const seedsDir = join(dirname(fileURLToPath(import.meta.url)), 'seeds');
const targetRuns = Number(process.env.FUZZ_RUNS) || 0;
// A day: a full run of one property takes minutes, and vitest's own timeout would end it.
const timeout = targetRuns > 0 ? 86_400_000 : 60_000;

let slowest = 0;

/** The predicate, timed: the report names the slowest case, the evidence that each one ends. */
export function timed<A extends unknown[]>(predicate: (...args: A) => unknown): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const start = performance.now();
    try {
      await predicate(...args);
    } finally {
      slowest = Math.max(slowest, performance.now() - start);
    }
  };
}

/** A property over `arbitraries`, timed. */
export function fuzz<T extends unknown[]>(sample: number, arbitraries: {[K in keyof T]: fc.Arbitrary<T[K]>}, predicate: (...args: T) => unknown): Fuzz {
  return {sample, property: () => fc.asyncProperty(...(arbitraries as unknown as [fc.Arbitrary<unknown>]), timed(predicate as (...args: unknown[]) => unknown)) as never};
}

function seedsOf(target: string): Seed[] {
  const file = join(seedsDir, `${target}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Seed[]) : [];
}

function save(target: string, found: Seed): void {
  const seeds = seedsOf(target);
  if (seeds.some((seed) => seed.property === found.property && seed.counterexample === found.counterexample)) return;
  mkdirSync(seedsDir, {recursive: true});
  writeFileSync(join(seedsDir, `${target}.json`), `${JSON.stringify([...seeds, found], null, 2)}\n`);
}

function report(line: Record<string, unknown>): void {
  if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(line)}\n`);
}

/** One test per property, then one per saved seed of this target. */
export function fuzzTarget(target: string, properties: Record<string, Fuzz>): void {
  describe(`fuzz ${target}`, () => {
    const share = Math.ceil(targetRuns / Object.keys(properties).length);
    for (const [name, {sample, property}] of Object.entries(properties)) {
      test(
        name,
        async () => {
          const numRuns = share || sample;
          slowest = 0;
          const start = performance.now();
          const details = await fc.check(property(), {numRuns});
          const line = {target, property: name, runs: details.numRuns, ms: Math.round(performance.now() - start), slowestMs: Math.round(slowest * 10) / 10, failed: details.failed ? 1 : 0, seed: details.seed};
          report(line);
          if (details.failed) {
            const counterexample = fc.stringify(details.counterexample);
            save(target, {property: name, seed: details.seed, path: details.counterexamplePath ?? '', counterexample, value: details.counterexample, found: new Date().toISOString()});
            throw new Error(`${fc.defaultReportMessage(details) ?? 'failed'}\nsaved to test/fuzz/seeds/${target}.json: seed ${details.seed}, path ${details.counterexamplePath}`);
          }
        },
        timeout,
      );
    }

    for (const seed of seedsOf(target)) {
      const fuzzed = properties[seed.property];
      test(`replays ${seed.property} (seed ${seed.seed}, path ${seed.path}): ${seed.counterexample.slice(0, 80)}`, async () => {
        // A seed is never dropped quietly: a renamed property must take its seeds along.
        if (!fuzzed) throw new Error(`test/fuzz/seeds/${target}.json names no property of this target: ${seed.property}`);
        await fc.assert(fuzzed.property(), {examples: [seed.value as unknown[]], numRuns: 1, endOnFailure: true});
      });
    }
  });
}
