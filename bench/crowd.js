// A crowd of guards on one audit log: `node bench/crowd.js [--guards 200] [--runs 1000]
// [--max 4] [--seed 1] [--locks] [--json] [--bin PATH/bin/run.js]` (--locks: each run takes
// a lock of its own, `--lock crowd-N`; --bin: another build of guard, to compare; by default
// this repository's, copied as the other benches do). Keeps `--guards` guards running at once (a new one starts
// as one exits) until `--runs` have run, each `guard run -- sleep S` with S drawn from
// 0..`--max` seconds, all on one log; then reads what a user would see and prints:
//
// - runs, and guard's exit statuses;
// - finished rows: rows with a final status other than `abandoned`;
// - exit 74: runs refused because the log could not be written;
// - unrecorded ends: runs whose command ran (guard exited with its status) but whose row
//   is not final, or whose guard said the end is not recorded;
// - abandoned but finished: rows marked `abandoned` although their guard saw the command end;
// - the longest wait for the log: each guard's JSON log (GUARD_LOG=json) carries, on its
//   `run ended` line, `audit_wait_ms`, the longest any one write waited for the log; and,
//   seen from outside, each guard's wall time minus its command's sleep;
// - `guard verify` on the log at the end.
//
// Exits 1 when the contract's figure does not hold (a run not finished, an exit 74, an end
// unrecorded, a finished run abandoned, verify failing). A slow machine only makes it slower.
import {spawn, spawnSync} from 'node:child_process';
import {availableParallelism, loadavg} from 'node:os';
import {parseArgs} from 'node:util';
import {join} from 'node:path';
import {benchEnv, guardBin, sandboxDir, summarize} from './lib.js';

const {values} = parseArgs({
  options: {
    bin: {type: 'string'},
    guards: {type: 'string', default: '200'},
    json: {type: 'boolean', default: false},
    locks: {type: 'boolean', default: false},
    max: {type: 'string', default: '4'},
    runs: {type: 'string', default: '1000'},
    seed: {type: 'string', default: '1'},
  },
});
const guards = Number(values.guards);
const runs = Number(values.runs);
const maxSeconds = Number(values.max);

// mulberry32: the same durations for the same seed, so before and after meet the same crowd.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(Number(values.seed));
const sleeps = Array.from({length: runs}, () => Math.round(next() * maxSeconds * 1000) / 1000);
const env = {...benchEnv(), GUARD_LOG: 'json', HOME: join(sandboxDir(), 'home')};
const bin = values.bin ?? guardBin();

/** One guard: its exit status, wall time, stderr lines, and what its JSON log said. */
function runOne(index) {
  const started = process.hrtime.bigint();
  const lock = values.locks ? ['--lock', `crowd-${index}`] : [];
  const child = spawn(process.execPath, [bin, 'run', '--name', `crowd-${index}`, ...lock, '--', 'sleep', String(sleeps[index])], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const lines = stderr.split('\n').filter(Boolean);
      const records = lines.flatMap((line) => {
        try {
          return [JSON.parse(line)];
        } catch {
          return [];
        }
      });
      const ended = records.find((record) => record.msg === 'run ended');
      resolve({code: code ?? `signal ${signal}`, index, lines: records.length > 0 ? records.map((record) => record.msg) : lines, ended, wallMs});
    });
  });
}

const began = Date.now();
const results = [];
let started = 0;
async function worker() {
  while (started < runs) results.push(await runOne(started++));
}

await Promise.all(Array.from({length: Math.min(guards, runs)}, worker));
const elapsedMs = Date.now() - began;

// Read the log as sqlite3 does, before any guard opens it again (which would reconcile).
const query = spawnSync('sqlite3', ['-json', '-cmd', '.timeout 60000', env.GUARD_DB, 'SELECT id, name, status FROM runs'], {encoding: 'utf8'});
if (query.status !== 0) throw new Error(`sqlite3: ${query.stderr.trim()}`);
const rowsByName = new Map((query.stdout.trim() === '' ? [] : JSON.parse(query.stdout)).map((row) => [row.name, row]));
const verify = spawnSync(process.execPath, [bin, 'verify'], {env, encoding: 'utf8'});

const live = ['starting', 'running'];
const exits = {};
let finished = 0;
let unrecorded = 0;
let abandonedFinished = 0;
let busy = 0;
const waits = [];
const overheads = [];
const examples = {};
const example = (kind, result) => (examples[kind] ??= `crowd-${result.index}: exit ${result.code}: ${result.lines.join(' | ')}`);
for (const result of results) {
  exits[result.code] = (exits[result.code] ?? 0) + 1;
  const row = rowsByName.get(`crowd-${result.index}`);
  if (row && !live.includes(row.status) && row.status !== 'abandoned') finished++;
  if (result.code === 74) {
    busy++;
    example('exit 74', result);
  }

  // Exit 0 is the command's own status (sleep succeeds): it ran to its end.
  const ran = result.code === 0 || result.lines.some((line) => line.includes('not recorded as ended'));
  if (ran && (!row || live.includes(row.status) || row.status === 'abandoned' || result.lines.some((line) => line.includes('not recorded')))) {
    unrecorded++;
    example('unrecorded end', result);
  }

  if (ran && row?.status === 'abandoned') abandonedFinished++;
  if (typeof result.ended?.audit_wait_ms === 'number') waits.push(result.ended.audit_wait_ms);
  overheads.push(result.wallMs - sleeps[result.index] * 1000);
}

const wait = summarize(waits);
const overhead = summarize(overheads);
const report = {
  machine: {cores: availableParallelism(), load: loadavg().map((value) => Number(value.toFixed(2)))},
  crowd: {guards, runs, maxSeconds, seed: Number(values.seed), locks: values.locks, elapsedMs},
  exits,
  finishedRows: finished,
  rowsInLog: rowsByName.size,
  exit74: busy,
  unrecordedEnds: unrecorded,
  abandonedButFinished: abandonedFinished,
  logWaitMs: waits.length > 0 ? {max: wait.max, p50: wait.median, p90: wait.p90, reported: waits.length} : 'not reported by this guard',
  overheadMs: {max: overhead.max, p50: overhead.median, p90: overhead.p90},
  verify: {status: verify.status, stderr: verify.stderr.trim()},
  examples,
};

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const ms = (value) => `${Math.round(value)} ms`;
  console.log(`crowd: ${runs} runs, ${guards} guards at once, sleep 0-${maxSeconds} s (seed ${values.seed})${values.locks ? ', a lock each' : ''}, ${(elapsedMs / 1000).toFixed(1)} s`);
  console.log(`machine: ${report.machine.cores} cores, load ${report.machine.load.join(' ')} at the end`);
  console.log(`exit statuses: ${Object.entries(exits).map(([code, n]) => `${code}×${n}`).join(', ')}`);
  console.log(`finished rows: ${finished} of ${runs} (${rowsByName.size} rows in the log)`);
  console.log(`exit 74: ${busy}`);
  console.log(`unrecorded ends: ${unrecorded}`);
  console.log(`abandoned but finished: ${abandonedFinished}`);
  console.log(
    waits.length > 0
      ? `longest wait for the log (audit_wait_ms): max ${ms(wait.max)}, p90 ${ms(wait.p90)}, p50 ${ms(wait.median)} (${waits.length} guards reported)`
      : 'longest wait for the log: not reported by this guard',
  );
  console.log(`guard's time around the command (wall - sleep): max ${ms(overhead.max)}, p90 ${ms(overhead.p90)}, p50 ${ms(overhead.median)}`);
  console.log(`guard verify: exit ${verify.status}${verify.stderr.trim() ? `: ${verify.stderr.trim()}` : ''}`);
  for (const [kind, text] of Object.entries(examples)) console.log(`first ${kind}: ${text}`);
}

const holds = finished === runs && busy === 0 && unrecorded === 0 && abandonedFinished === 0 && verify.status === 0;
process.exitCode = holds ? 0 : 1;
