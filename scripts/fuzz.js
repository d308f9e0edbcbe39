#!/usr/bin/env node
// `npm run fuzz [-- TARGET...]`: every fuzz target under test/fuzz, one at a time, with
// FUZZ_RUNS cases per target (100,000 unless set; its properties share them evenly), then
// per property and per target the cases run, the time, the slowest case and the failures. A failure's seed is saved under test/fuzz/seeds
// and replayed by `npm test` from then on.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = process.env.FUZZ_RUNS ?? '100000';
const wanted = process.argv.slice(2);
const targets = readdirSync(join(root, 'test/fuzz'))
  .filter((file) => file.endsWith('.test.ts') && file !== 'found.test.ts')
  .map((file) => file.replace(/\.test\.ts$/, ''))
  .filter((target) => wanted.length === 0 || wanted.includes(target));

const dir = mkdtempSync(join(tmpdir(), 'guard-fuzz-'));
const report = join(dir, 'report.jsonl');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
let failed = false;
for (const target of targets) {
  console.log(`fuzz ${target}: ${runs} cases`);
  const result = spawnSync(process.execPath, [vitest, 'run', `test/fuzz/${target}.test.ts`], {cwd: root, env: {...process.env, FUZZ_RUNS: runs, FUZZ_REPORT: report}, stdio: 'inherit'});
  if (result.status !== 0) failed = true;
}

let lines = [];
try {
  lines = readFileSync(report, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
} catch {}
rmSync(dir, {force: true, recursive: true});

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
console.log(`\n${'TARGET'.padEnd(10)}${'CASES'.padStart(14)}${'TIME'.padStart(9)}${'SLOWEST CASE'.padStart(14)}${'FAILURES'.padStart(10)}  PROPERTY`);
for (const target of targets) {
  const mine = lines.filter((line) => line.target === target);
  for (const line of mine) {
    console.log(`${target.padEnd(10)}${String(line.runs).padStart(14)}${seconds(line.ms).padStart(9)}${`${line.slowestMs}ms`.padStart(14)}${String(line.failed).padStart(10)}  ${line.property}`);
  }

  const total = mine.reduce((sum, line) => ({runs: sum.runs + line.runs, ms: sum.ms + line.ms, failed: sum.failed + line.failed}), {runs: 0, ms: 0, failed: 0});
  console.log(`${target.padEnd(10)}${String(total.runs).padStart(14)}${seconds(total.ms).padStart(9)}${''.padStart(14)}${String(total.failed).padStart(10)}  (all ${mine.length} properties)\n`);
}

process.exitCode = failed ? 1 : 0;
