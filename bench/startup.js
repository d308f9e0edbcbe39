// Start-up: what `guard run -- true` and `guard check -- true` cost over starting Node itself
// (and `guard history` and `guard show 1`, which read the log on a lean path of their own),
// with the code cache (bin/run.js) as a user has it from the second run on; on the first run
// after an upgrade (no cache for this build: it is removed before each such run); and with a
// state folder guard cannot write (a file where the folder should be: no cache, ever).
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {benchEnv, compare, guardBin, sandboxDir, timeRow} from './lib.js';

export const title = 'Start-up: `guard run -- true` and `guard check -- true` against `node -e \'\'`';

export default async function startup({runs = 31} = {}) {
  const lock = join(sandboxDir(), 'startup.lock');
  const node = process.execPath;
  const env = benchEnv({GUARD_DB: join(sandboxDir(), 'startup/audit.db')});
  const unwritable = join(sandboxDir(), 'state-is-a-file');
  writeFileSync(unwritable, '');
  const timed = (args, runEnv) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(node, [guardBin(), ...args], {env: runEnv, stdio: ['ignore', 'ignore', 'pipe']});
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`guard ${args.join(' ')}: exit ${result.status ?? result.signal}: ${String(result.stderr).trim()}`);
    return {ms};
  };
  const results = await compare({
    baseline: "node -e ''",
    runs,
    env,
    candidates: [
      {name: "node -e ''", cmd: node, args: ['-e', '']},
      {name: 'guard run -- true', cmd: node, args: [guardBin(), 'run', '--', 'true']},
      {name: 'guard run --timeout 10s -- true', cmd: node, args: [guardBin(), 'run', '--timeout', '10s', '--', 'true']},
      {name: 'guard run -- sh -c true', cmd: node, args: [guardBin(), 'run', '--', 'sh', '-c', 'true']},
      {name: 'guard check -- true', cmd: node, args: [guardBin(), 'check', '--', 'true']},
      // The runs above fill the log first in every round: history shows its newest 20.
      {name: 'guard history', cmd: node, args: [guardBin(), 'history']},
      {name: 'guard show 1', cmd: node, args: [guardBin(), 'show', '1']},
      {
        name: 'guard run -- true, no cache yet',
        run: async (runEnv) => {
          // The run's cache only: the check candidate keeps its own.
          const caches = join(runEnv.XDG_STATE_HOME, 'guard/code-cache');
          for (const name of existsSync(caches) ? readdirSync(caches) : []) if (name.startsWith('lean-run-')) rmSync(join(caches, name));
          return timed(['run', '--', 'true'], runEnv);
        },
      },
      {name: 'guard run -- true, state folder unwritable', run: async (runEnv) => timed(['run', '--', 'true'], {...runEnv, XDG_STATE_HOME: unwritable})},
      {name: 'true', cmd: 'true'},
      {name: 'timeout 10 true', cmd: 'timeout', args: ['10', 'true']},
      {name: 'flock LOCK true', cmd: 'flock', args: [lock, 'true']},
    ],
  });
  const by = Object.fromEntries(results.map((result) => [result.name, result]));
  const over = (name) => `+${(by[name].ms.median - by['guard run -- true'].ms.median).toFixed(1)} ms over a run with the cache`;
  return [
    timeRow(by["node -e ''"], {note: 'baseline'}),
    timeRow(by['guard run -- true'], {budget: {max: 2.2, label: '≤ 2.2×'}, note: 'policy, audit log and all'}),
    timeRow(by['guard check -- true'], {budget: {max: 1.6, label: '≤ 1.6×'}, note: 'the policy decision alone'}),
    timeRow(by['guard run -- true, no cache yet'], {note: `the first run after an upgrade (writes the cache): ${over('guard run -- true, no cache yet')}`}),
    timeRow(by['guard run -- true, state folder unwritable'], {note: `no cache can be kept: ${over('guard run -- true, state folder unwritable')}`}),
    timeRow(by['guard run --timeout 10s -- true'], {
      note: `what replaces \`timeout 10 true\`: ${(by['guard run --timeout 10s -- true'].ms.median / by['timeout 10 true'].ms.median).toFixed(1)}× it, +${(by['guard run --timeout 10s -- true'].ms.median - by['timeout 10 true'].ms.median).toFixed(0)} ms`,
    }),
    timeRow(by['guard run -- sh -c true'], {budget: {max: 3, label: '≤ 3×'}, note: 'a code string of plain words: read without the shell parser'}),
    timeRow(by['guard history'], {note: 'the newest 20 runs as a table, without oclif'}),
    timeRow(by['guard show 1'], {note: 'one run in full, without oclif'}),
    timeRow(by.true, {note: 'reference: fork + exec floor'}),
    timeRow(by['timeout 10 true'], {note: 'reference'}),
    timeRow(by['flock LOCK true'], {note: 'reference'}),
  ];
}
