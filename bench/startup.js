// Start-up: what `guard run -- true` costs over starting Node itself.
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {benchEnv, compare, guardBin, sandboxDir, timeRow} from './lib.js';

export const title = 'Start-up: `guard run -- true` against `node -e \'\'`';

export default async function startup({runs = 31} = {}) {
  const lock = join(sandboxDir(), 'startup.lock');
  const node = process.execPath;
  const env = benchEnv({GUARD_DB: join(sandboxDir(), 'startup/audit.db')});
  const results = await compare({
    baseline: "node -e ''",
    runs,
    env,
    candidates: [
      {name: "node -e ''", cmd: node, args: ['-e', '']},
      {name: 'guard run -- true', cmd: node, args: [guardBin(), 'run', '--', 'true']},
      {name: 'guard run --timeout 10s -- true', cmd: node, args: [guardBin(), 'run', '--timeout', '10s', '--', 'true']},
      {name: 'guard run -- sh -c true', cmd: node, args: [guardBin(), 'run', '--', 'sh', '-c', 'true']},
      {name: 'true', cmd: 'true'},
      {name: 'timeout 10 true', cmd: 'timeout', args: ['10', 'true']},
      {name: 'flock LOCK true', cmd: 'flock', args: [lock, 'true']},
    ],
  });
  const by = Object.fromEntries(results.map((result) => [result.name, result]));
  // The core alone has 2.5×; once `guard run` records to the audit log (issue 3), the same
  // path has 3× for core + audit (+ policy). Whether this build records is judged by what it
  // did: an audit database in the sandbox.
  const recording = existsSync(env.GUARD_DB);
  const budget = recording ? {max: 3, label: '≤ 3× (core + audit)'} : {max: 2.5, label: '≤ 2.5× (core)'};
  return [
    timeRow(by["node -e ''"], {note: 'baseline'}),
    timeRow(by['guard run -- true'], {
      budget,
      note: recording ? 'records to the audit log; the core alone had ≤ 2.5×' : 'with policy + audit (later issues): ≤ 3×',
    }),
    timeRow(by['guard run --timeout 10s -- true'], {
      note: `what replaces \`timeout 10 true\`: ${(by['guard run --timeout 10s -- true'].ms.median / by['timeout 10 true'].ms.median).toFixed(1)}× it, +${(by['guard run --timeout 10s -- true'].ms.median - by['timeout 10 true'].ms.median).toFixed(0)} ms`,
    }),
    timeRow(by['guard run -- sh -c true'], {budget: {max: 3, label: '≤ 3×'}, note: 'a code string of plain words: read without the shell parser'}),
    timeRow(by.true, {note: 'reference: fork + exec floor'}),
    timeRow(by['timeout 10 true'], {note: 'reference'}),
    timeRow(by['flock LOCK true'], {note: 'reference'}),
  ];
}
