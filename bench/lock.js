// Locking: what `--lock x` adds to `guard run -- true`, in units of Node's own start-up.
//
// Both guard candidates share one sandbox audit log and state folder, so they differ only by
// the lock (the lock file, its row in `locks`, the epoch). The added cost is the median of
// the per-round differences: candidates are interleaved, so each round's pair ran under the
// same machine conditions, and its p10–p90 says how much of it is noise.
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {benchEnv, compare, guardBin, sandboxDir, summarize, timeRow} from './lib.js';

export const title = "Locking: `guard run --lock x -- true` against `guard run -- true` (added cost in `node -e ''`)";

export default async function lock({runs = 41} = {}) {
  const node = process.execPath;
  const env = benchEnv({GUARD_DB: join(sandboxDir(), 'lock/audit.db')});
  const lockFile = join(sandboxDir(), 'lock-reference.lock');
  // Before timing: with --lock x the command holds lock x; without, it holds none.
  for (const [flags, test] of [[['--lock', 'x'], 'test "$GUARD_LOCK" = x'], [[], 'test -z "$GUARD_LOCK"']]) {
    const result = spawnSync(node, [guardBin(), 'run', ...flags, '--', 'sh', '-c', test], {env, encoding: 'utf8'});
    if (result.status !== 0) throw new Error(`guard run ${flags.join(' ')} -- sh -c '${test}': exit ${result.status ?? result.signal}: ${result.stderr.trim()}`);
  }

  const results = await compare({
    baseline: 'guard run -- true',
    runs,
    env,
    candidates: [
      {name: "node -e ''", cmd: node, args: ['-e', '']},
      {name: 'guard run -- true', cmd: node, args: [guardBin(), 'run', '--', 'true']},
      {name: 'guard run --lock x -- true', cmd: node, args: [guardBin(), 'run', '--lock', 'x', '--', 'true']},
      {name: 'flock LOCK true', cmd: 'flock', args: [lockFile, 'true']},
    ],
  });
  const by = Object.fromEntries(results.map((result) => [result.name, result]));
  const nodeMs = by["node -e ''"].ms.median;
  const plain = by['guard run -- true'];
  const locked = by['guard run --lock x -- true'];
  // compare() keeps samples in round order, so index k of each is the same round.
  const added = summarize(locked.samples.map((ms, k) => ms - plain.samples[k]));
  const differenceOfMedians = locked.ms.median - plain.ms.median;
  return [
    timeRow({...by["node -e ''"], ratio: 1}, {note: 'unit of the budget: Node start-up alone'}),
    timeRow({...plain, ratio: plain.ms.median / nodeMs}, {note: "baseline; ratio against node -e ''"}),
    timeRow(locked, {note: 'ratio against guard run -- true'}),
    {
      candidate: 'added by --lock x',
      unit: 'ms',
      ...added,
      ratio: added.median / nodeMs,
      budget: "≤ 0.3× node -e ''",
      pass: added.median / nodeMs <= 0.3,
      note: `median of per-round differences; difference of medians ${differenceOfMedians.toFixed(1)} ms (${(differenceOfMedians / nodeMs).toFixed(2)}×)`,
    },
    timeRow({...by['flock LOCK true'], ratio: by['flock LOCK true'].ms.median / nodeMs}, {note: "reference; ratio against node -e ''"}),
  ];
}
