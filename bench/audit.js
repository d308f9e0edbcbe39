// Audit queries: how `history` and `stats` grow with the log, 1,000 rows against 1,000,000.
//
// The logs come from scripts/fill-audit.js (chained rows over 90 days, ~50 jobs), filled once
// and cached in bench/.data/ (git-ignored). The cache key is a content hash of everything
// that decides what the generator writes: the generator and every built file it imports,
// directly or not (the schema's migrations, the columns, the chain, the rollups: the code
// that really runs, from the snapshot), the migrations in src/ (names and contents), the
// package version and the row count. Any change there is a new key, so a stale log is never
// measured (rebuilding unchanged sources gives the same files); files under other keys are
// removed. Contents, not mtimes: a checkout or rebuild alone does not refill. A fill writes to a
// temporary name and is renamed only once complete, with a sidecar JSON beside it: an
// interrupted fill leaves nothing that looks usable.
//
// Time: the generator dates its rows back from the moment it ran (Date.now()), so a cached log
// ages: a week after the fill, `--since 7d` would select nothing. Every query therefore passes
// `--since` as the ISO date 7 days before the log's own anchor (recorded at fill time), which
// is the same SQL `7d` produces and selects the same realistic slice (the newest 7 of 90
// days, ~7.8% of the rows) however old the cache is.
import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {benchEnv, compare, guardBin, root, sandboxDir, timeRow} from './lib.js';

export const title = 'Audit queries at 1,000 and 1,000,000 rows (`--since 7d` = the last 7 days of the generated 90)';

const sizes = [1000, 1_000_000];
const dataDir = join(root, 'bench/.data');
// A job name and a command substring the generator always produces (scripts/fill-audit.js).
const jobName = 'backup-00';
const grepText = 'pg_dump';
// Bump when this file changes how it fills or what the sidecar holds.
const cacheFormat = 'audit-cache-2';

const label = (rows) => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`);

/** Every file under `dir`, sorted, as [path relative to root, contents]. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {recursive: true})
    .map((file) => join(dir, String(file)))
    .filter((file) => statSync(file).isFile())
    .sort()
    .map((file) => [relative(root, file), readFileSync(file)]);
}

/**
 * The generator and every file of the build it imports, directly or not (relative imports,
 * followed through the snapshot): what decides the rows, the schema and the rollups it writes.
 */
function generatorClosure(build) {
  const seen = new Map();
  const visit = (file) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) visit(join(dirname(file), match[1]));
  };

  visit(join(build, 'scripts/fill-audit.js'));
  return [...seen.entries()].map(([file, text]) => [relative(build, file), text]).sort(([a], [b]) => a.localeCompare(b));
}

/** The cache key: see the header. `build` is the snapshot guardBin() measures. */
function cacheKey(build, rows) {
  const hash = createHash('sha256');
  const add = (name, content) => {
    const bytes = Buffer.from(content);
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  };

  add('format', cacheFormat);
  add('rows', String(rows));
  add('version', JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  for (const [name, content] of filesUnder(join(root, 'src/audit/migrations'))) add(name, content);
  for (const [name, content] of generatorClosure(build)) add(`built:${name}`, content);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Runs the generator from the snapshot (so it imports the same dist/ that is measured, and
 * `npm test` rebuilding dist/ meanwhile cannot break it), printing progress every 10 s.
 */
async function fill(build, path, rows) {
  const script = join(build, 'scripts/fill-audit.js');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, {force: true});
  const began = Date.now();
  const expectedMB = (rows * 760) / 1e6; // ≈ 750 bytes a row at 100k rows, indexes included
  const child = spawn(process.execPath, [script, path, String(rows)], {env: benchEnv(), stdio: ['ignore', 'inherit', 'pipe']});
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const size = () => ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(`${path}${suffix}`) ? statSync(`${path}${suffix}`).size : 0), 0);
  const timer = setInterval(() => {
    const mb = size() / 1e6;
    process.stderr.write(`  filling ${label(rows)} rows: ${mb.toFixed(0)} MB of ≈${expectedMB.toFixed(0)} MB, ${((Date.now() - began) / 1000).toFixed(0)} s\n`);
  }, 10_000);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearInterval(timer));
  if (code !== 0) throw new Error(`scripts/fill-audit.js ${rows}: exit ${code}: ${stderr.trim()}`);
  return {anchor: began, seconds: (Date.now() - began) / 1000};
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The cached log of `rows` rows, filled if needed: {path, anchor (ms), filled (ISO), seconds}. */
async function auditLog(rows) {
  const build = dirname(dirname(guardBin()));
  // The generator runs from the snapshot too, beside the dist/ it imports (see fill).
  const script = join(build, 'scripts/fill-audit.js');
  if (!existsSync(script)) {
    mkdirSync(dirname(script), {recursive: true});
    copyFileSync(join(root, 'scripts/fill-audit.js'), script);
  }

  const key = cacheKey(build, rows);
  const base = `audit-${rows}-`;
  const path = join(dataDir, `${base}${key}.db`);
  const sidecar = `${path}.json`;
  mkdirSync(dataDir, {recursive: true});
  if (existsSync(path) && existsSync(sidecar)) {
    const meta = JSON.parse(readFileSync(sidecar, 'utf8'));
    if (meta.key === key && meta.rows === rows) return {path, ...meta, cached: true};
  }

  // Files of this size under other keys, or left by an interrupted fill, are stale; a fill
  // still running in another bench process is left alone.
  for (const file of readdirSync(dataDir)) {
    if (!file.startsWith(base)) continue;
    const filler = /\.partial-(\d+)/.exec(file);
    if (filler && alive(Number(filler[1]))) continue;
    rmSync(join(dataDir, file), {force: true});
  }

  process.stderr.write(`  filling ${label(rows)} rows into ${relative(root, path)} (once; reused while the generator, schema and version stay the same)\n`);
  const partial = `${path}.partial-${process.pid}`;
  const {anchor, seconds} = await fill(build, partial, rows);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${partial}${suffix}`) && statSync(`${partial}${suffix}`).size > 0) throw new Error(`${partial}${suffix} is not empty after the fill`);
    rmSync(`${partial}${suffix}`, {force: true});
  }

  renameSync(partial, path);
  const meta = {key, rows, anchor, filled: new Date(anchor).toISOString(), seconds};
  writeFileSync(sidecar, `${JSON.stringify(meta, null, 2)}\n`);
  process.stderr.write(`  filled ${label(rows)} rows in ${seconds.toFixed(0)} s (${(statSync(path).size / 1e6).toFixed(0)} MB)\n`);
  return {path, ...meta, cached: false};
}

/** The four queries, with `--since` anchored on the log's own "now" (see the header). */
function queries(log) {
  const since = new Date(log.anchor - 7 * 86_400_000).toISOString();
  return [
    {name: 'history --failed --since 7d --limit 50', args: ['history', '--failed', '--since', since, '--limit', '50'], budget: {max: 1.2, label: '≤ 1.2×'}},
    {name: `history --name ${jobName}`, args: ['history', '--name', jobName], budget: {max: 1.2, label: '≤ 1.2×'}},
    {name: `history --grep ${grepText}`, args: ['history', '--grep', grepText], budget: {max: 3, label: '≤ 3×'}},
    {name: 'stats --since 7d', args: ['stats', '--since', since], budget: {max: 1.2, label: '≤ 1.2×'}},
  ];
}

/** One --json run of a query before timing: it must find something, and says how much. */
function check(query, log, env) {
  const result = spawnSync(process.execPath, [guardBin(), ...query.args, '--json', '--db', log.path], {env, encoding: 'utf8', maxBuffer: 64 << 20});
  if (result.status !== 0) throw new Error(`${query.name} on ${label(log.rows)}: exit ${result.status ?? result.signal}: ${result.stderr.trim()}`);
  const found = JSON.parse(result.stdout);
  if (!Array.isArray(found) || found.length === 0) throw new Error(`${query.name} on ${label(log.rows)} found nothing: the benchmark would time an empty answer`);
  return found.length;
}

export default async function audit({runs = 15} = {}) {
  const logs = [];
  for (const rows of sizes) logs.push(await auditLog(rows));
  const env = benchEnv({GUARD_DB: join(sandboxDir(), 'audit-unused.db')});
  const node = process.execPath;
  const candidates = [{name: "node -e ''", cmd: node, args: ['-e', '']}];
  const found = {};
  for (const log of logs) {
    for (const query of queries(log)) {
      const name = `${query.name} @${label(log.rows)}`;
      found[name] = check(query, log, env);
      candidates.push({name, cmd: node, args: [guardBin(), ...query.args, '--db', log.path]});
    }
  }

  const results = await compare({baseline: "node -e ''", runs, env, candidates});
  const by = Object.fromEntries(results.map((result) => [result.name, result]));
  const nodeMs = by["node -e ''"].ms.median;
  const [small, large] = logs.map((log) => label(log.rows));
  const rows = [timeRow(by["node -e ''"], {note: 'process baseline: Node start-up alone'})];
  for (const query of queries(logs[0])) {
    const a = by[`${query.name} @${small}`];
    const b = by[`${query.name} @${large}`];
    const unit = (count) => (query.name.startsWith('stats') ? `${count} jobs` : `${count} rows`);
    rows.push({
      ...timeRow(a, {note: `${unit(found[a.name])}; ${(a.ms.median / nodeMs).toFixed(1)}× node -e ''`}),
      ratio: null,
    });
    // The ratio of whole processes includes Node's start-up twice; the note also gives the
    // growth of what is above it, the part the indexes are meant to keep flat.
    const above = (b.ms.median - nodeMs) / (a.ms.median - nodeMs);
    rows.push({
      ...timeRow({...b, ratio: b.ms.median / a.ms.median}, {budget: query.budget}),
      note: `${unit(found[b.name])}; ${large}/${small}; above node -e '': ${above.toFixed(2)}×`,
    });
  }

  for (const log of logs) {
    const how = log.cached ? `cached, filled ${log.filled}` : `filled now in ${log.seconds.toFixed(0)} s`;
    console.log(`${label(log.rows)} rows: ${relative(root, log.path)} (${how}); --since ${queries(log)[0].args[3]}`);
  }

  return rows;
}
