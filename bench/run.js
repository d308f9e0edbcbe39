// `npm run bench` (or `node bench/run.js [SECTION...]`): runs the sections in order, prints
// one report and, when every section ran, writes bench/RESULTS.md with the same tables.
// A section is a module whose default export is an async function returning table rows
// (see lib.js timeRow); adding one is one line in `sections`.
import {writeFileSync} from 'node:fs';
import {availableParallelism, cpus, loadavg} from 'node:os';
import {join} from 'node:path';
import {checkBuild, droppedEnv, guardBin, root} from './lib.js';

const sections = {
  startup: () => import('./startup.js'),
  stream: () => import('./stream.js'),
  audit: () => import('./audit.js'),
  lock: () => import('./lock.js'),
  policy: () => import('./policy.js'),
  fleet: () => import('./fleet.js'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`bench: unknown section ${unknown.join(', ')}; sections: ${Object.keys(sections).join(', ')}`);
  process.exit(64);
}

const chosen = wanted.length > 0 ? wanted : Object.keys(sections);
// Copies the build now, so every section measures the same one (see guardBin).
let stale = null;
try {
  stale = checkBuildAndCopy();
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(70);
}

function checkBuildAndCopy() {
  const problem = checkBuild();
  guardBin();
  return problem?.message ?? null;
}

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '');
const digitsFor = (value) => (value >= 100 ? 0 : 1);
function cells(row) {
  const d = digitsFor(row.median);
  return [
    row.candidate,
    `${fixed(row.median, d)} ${row.unit}`,
    `${fixed(row.p10, d)}–${fixed(row.p90, d)}`,
    row.ratio == null ? '' : `${row.ratio.toFixed(2)}×`,
    row.budget,
    row.pass == null ? '' : row.pass ? 'PASS' : 'OVER',
    row.note,
  ];
}

const header = ['candidate', 'median', 'p10–p90', 'ratio', 'budget', 'result', 'note'];

function textTable(rows) {
  const lines = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  return lines.map((line) => line.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

function markdownTable(rows) {
  const escape = (cell) => cell.replaceAll('|', '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
  ].join('\n');
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const about = [
  `date: ${new Date().toISOString()}`,
  `node: ${process.version} (${process.platform} ${process.arch})`,
  `CPUs: ${availableParallelism()} × ${cpu}; load average at start ${loadavg()[0].toFixed(2)}` +
    (loadavg()[0] > availableParallelism() ? ' (above the CPU count: other work is competing, widen your trust in the ratios accordingly)' : ''),
  `environment of every measured process: the caller's minus ${Object.keys(droppedEnv).join(' and ')}, ` +
    'plus a private temporary GUARD_DB, XDG_STATE_HOME and XDG_CONFIG_HOME',
];
console.log(about.join('\n'));
if (stale) console.log(`warning: ${stale}`);

const started = performance.now();
const done = [];
for (const name of chosen) {
  const section = await sections[name]();
  const began = performance.now();
  process.stdout.write(`\n== ${name}: ${section.title}\n`);
  const rows = await section.default();
  const seconds = (performance.now() - began) / 1000;
  console.log(textTable(rows));
  console.log(`(${seconds.toFixed(1)} s)`);
  done.push({name, title: section.title, rows});
}

const over = done.flatMap((section) => section.rows.filter((row) => row.pass === false).map((row) => `${section.name}: ${row.candidate}`));
console.log(`\n${over.length === 0 ? 'all budgets met' : `over budget: ${over.join('; ')}`} (${((performance.now() - started) / 1000).toFixed(0)} s)`);

if (wanted.length === 0) {
  const markdown = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.js); medians of whole-process wall times, candidates',
    'interleaved round-robin, each ratio against the baseline measured in the same run.',
    '',
    ...about.map((line) => `- ${line}`),
    ...(stale ? [`- warning: ${stale}`] : []),
    ...done.flatMap((section) => ['', `## ${section.name}: ${section.title}`, '', markdownTable(section.rows)]),
    '',
  ].join('\n');
  writeFileSync(join(root, 'bench/RESULTS.md'), markdown);
  console.log('wrote bench/RESULTS.md');
} else {
  console.log('(a partial run: bench/RESULTS.md left as it was)');
}
