// Shared machinery for guard's benchmarks: whole processes, timed from outside, with
// candidates interleaved so machine noise hits all of them alike. Node builtins only.
import {spawn, spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The dist/ files that `dir`/bin/run.js imports (the lean run path), found by reading it, so
 * the checks below follow the entry point when the bundle moves. dist/commands/ besides.
 */
function binImports(dir) {
  const text = readFileSync(join(dir, 'bin/run.js'), 'utf8');
  const found = [...text.matchAll(/['"](\.\.\/dist\/[^'"]+)['"]/g)].map((match) => join(dir, 'bin', match[1]));
  return [...found, join(dir, 'dist/commands')];
}

let snapshot;
/**
 * The guard entry point to measure: a copy of bin/, dist/, package.json and the oclif
 * manifest in the sandbox, with node_modules linked to the repository's. `npm test`
 * rebuilds dist/ from scratch (pretest), so a benchmark running beside it would otherwise
 * measure a missing or half-written build; the copy measures one build throughout.
 * Node resolves the link to the real path, so every module loaded is the repository's.
 */
export function guardBin() {
  if (!snapshot) {
    const problem = checkBuild();
    if (problem?.fatal) throw new Error(problem.message);
    const dir = join(sandboxDir(), 'guard');
    for (const entry of ['bin', 'dist', 'package.json', 'oclif.manifest.json']) {
      cpSync(join(root, entry), join(dir, entry), {recursive: true});
    }

    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (!binImports(dir).every((file) => existsSync(file))) throw new Error('dist/ changed while it was being copied: run the bench again');
    snapshot = join(dir, 'bin/run.js');
  }

  return snapshot;
}

/** Variables removed from every measured process's environment, and why (printed in the report). */
export const droppedEnv = {
  NODE_EXTRA_CA_CERTS: 'loads a certificate bundle into every Node process (+≈40 ms start-up)',
  NODE_OPTIONS: 'would change how every Node process starts',
};

let sandbox;
/**
 * One private folder per bench process for guard's state and configuration, so a benchmark
 * never reads the user's policy nor writes the user's audit log. Removed at exit.
 */
export function sandboxDir() {
  if (!sandbox) {
    sandbox = mkdtempSync(join(tmpdir(), 'guard-bench-'));
    process.on('exit', () => rmSync(sandbox, {force: true, recursive: true}));
  }

  return sandbox;
}

/**
 * The environment for every measured process: the caller's, minus `droppedEnv`, plus a
 * private GUARD_DB / XDG_STATE_HOME / XDG_CONFIG_HOME. `extra` overrides (a section with
 * its own database passes GUARD_DB).
 */
export function benchEnv(extra = {}) {
  const dir = sandboxDir();
  const env = {...process.env};
  for (const name of Object.keys(droppedEnv)) delete env[name];
  for (const sub of ['state', 'config']) mkdirSync(join(dir, sub), {recursive: true});
  return {
    ...env,
    GUARD_DB: join(dir, 'state/guard/audit.db'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    ...extra,
  };
}

/** Linear-interpolated percentile of an ascending array, p in [0, 1]. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 0.5),
    p10: percentile(sorted, 0.1),
    p90: percentile(sorted, 0.9),
    min: sorted[0],
    max: sorted.at(-1),
  };
}

const describe = (candidate) => [candidate.cmd, ...(candidate.args ?? [])].join(' ');

/**
 * Runs `candidate` once, synchronously, output discarded, and returns its wall time in ms
 * (fork to reap, as seen from here). A candidate is `{name, cmd, args, expectStatus?}`, or
 * `{name, run}` where `run(env, {warmup})` is async and returns `{ms, ...measures}` for
 * anything a plain spawn cannot express (pipelines, peak RSS); `warmup` is true on runs
 * whose figures are thrown away, a good place for extra checks.
 */
async function runOnce(candidate, env, warmup) {
  if (candidate.run) return candidate.run(env, {warmup});
  const start = process.hrtime.bigint();
  const result = spawnSync(candidate.cmd, candidate.args ?? [], {env, stdio: ['ignore', 'ignore', 'pipe'], cwd: candidate.cwd});
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const expected = candidate.expectStatus ?? 0;
  if (result.error || result.status !== expected) {
    const why = result.error?.message ?? `exit ${result.status ?? result.signal}`;
    throw new Error(`${candidate.name} (${describe(candidate)}): ${why}: ${String(result.stderr ?? '').trim()}`);
  }

  return {ms};
}

/**
 * Measures `candidates` `runs` times each after `warmup` rounds, round-robin: every round
 * runs each candidate once, starting one further along the list each round, so neither
 * noise nor position (caches warmed by the previous candidate) favours one of them.
 * Returns one result per candidate: {name, samples, ms: summary, ratio (of medians, against
 * the candidate named `baseline`), measures: {name: summary} for anything else `run` reported}.
 */
export async function compare({candidates, baseline, runs, warmup = 2, env = benchEnv()}) {
  const samples = candidates.map(() => []);
  const extras = candidates.map(() => ({}));
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const i = (round + k) % candidates.length;
      const {ms, ...measures} = await runOnce(candidates[i], env, round < warmup);
      if (round < warmup) continue;
      samples[i].push(ms);
      for (const [key, value] of Object.entries(measures)) (extras[i][key] ??= []).push(value);
    }
  }

  const results = candidates.map((candidate, i) => ({
    name: candidate.name,
    samples: samples[i],
    ms: summarize(samples[i]),
    measures: Object.fromEntries(Object.entries(extras[i]).map(([key, values]) => [key, summarize(values)])),
  }));
  const base = results.find((result) => result.name === baseline);
  if (!base) throw new Error(`baseline ${baseline} is not among the candidates`);
  for (const result of results) result.ratio = result.ms.median / base.ms.median;
  return results;
}

/**
 * A table row from a result: the section's report shows median, p10–p90, ratio and, when
 * `budget` is given, whether the ratio is within it. `budget` = {max, label}.
 */
export function timeRow(result, {budget, note} = {}) {
  return {
    candidate: result.name,
    unit: 'ms',
    ...result.ms,
    ratio: result.ratio,
    budget: budget?.label ?? '',
    pass: budget ? result.ratio <= budget.max : null,
    note: note ?? '',
  };
}

/**
 * Peak resident set size, in KiB, of the process `child` itself (not its children).
 *
 * Why this way: `process.resourceUsage().maxRSS` is the bench process's own. The kernel's
 * `ru_maxrss` for children (wait4, `getrusage(RUSAGE_CHILDREN)`, what GNU time(1) prints as
 * %M) is the largest of the child *and every descendant it reaped*, so a wrapper would be
 * charged for the command it wraps; Node exposes neither anyway, and /usr/bin/time is not
 * on every CI machine. `/proc/PID/status` field VmHWM is the high-water mark of that one
 * process's RSS, kept by the kernel, and it only grows: polling it every few ms and
 * keeping the last value read is exact except for growth in the final few ms of the
 * process's life. It is read until 'exit' fires: libuv reaps the child and emits 'exit'
 * in the same turn of the event loop, so no poll can see a recycled pid; a zombie's status
 * has no Vm lines, and those reads are skipped. Linux only.
 */
export function peakRss(child, intervalMs = 2) {
  let peak = 0;
  const path = `/proc/${child.pid}/status`;
  const poll = () => {
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(path, 'utf8'));
      if (match) peak = Math.max(peak, Number(match[1]));
    } catch {
      // Gone between the check and the read: the last value stands.
    }
  };

  poll();
  const timer = setInterval(poll, intervalMs);
  return new Promise((resolve) => {
    child.once('exit', () => {
      clearInterval(timer);
      resolve(peak);
    });
  });
}

/** Resolves with {code, signal} once `child` has exited and its stdio is closed. */
export function exited(child) {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({code, signal}));
  });
}

/**
 * Whether dist/ can be measured: null when it is up to date, {fatal, message} when it is
 * missing (fatal) or older than src/ (a warning for the report).
 */
export function checkBuild() {
  const entry = binImports(root).find((file) => !existsSync(file));
  if (entry) return {fatal: true, message: `${entry} is missing: run \`npm run build\` first`};
  const newest = (dir) =>
    readdirSync(dir, {recursive: true})
      .map((file) => join(dir, file))
      .filter((file) => statSync(file).isFile())
      .reduce((latest, file) => Math.max(latest, statSync(file).mtimeMs), 0);
  const srcTime = newest(join(root, 'src'));
  const distTime = newest(join(root, 'dist'));
  return srcTime > distTime ? {fatal: false, message: 'src/ has changed since dist/ was built: these figures may be stale (npm run build)'} : null;
}
