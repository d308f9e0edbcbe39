import {expect, test} from 'vitest';
import {analyze, context} from './fixture.js';

// The walk's work, counted in simple commands walked (a loop body or a function walked again
// counts again), must grow with the script, never multiply with its nesting. Counted, not
// timed: a slow machine changes no count.
async function walked(script: string) {
  const work = {commands: 0};
  const analysis = await analyze(script, {...context, work});
  return {analysis, commands: work.commands};
}

const backupLines = (count: number) =>
  Array.from({length: count}, (_, i) =>
    [
      `DIR=/srv/backup/${i}`,
      `cd "$DIR" || exit 1`,
      `for f in a b; do gzip "$f" && echo "$f"; done`,
      `pg_dump -Fc db${i} | gzip > "$DIR/db.gz"`,
      `[ -d old ] && rm -rf "$DIR/old"`,
    ][i % 5],
  ).join('\n');

test('a script ten times longer costs ten times the walk, not more', async () => {
  const hundred = await walked(backupLines(100));
  const thousand = await walked(backupLines(1000));
  expect(thousand.analysis.problems).toEqual([]);
  expect(thousand.analysis.commands.length).toBeGreaterThan(1000);
  expect(hundred.commands).toBeGreaterThan(100);
  expect(thousand.commands).toBe(10 * hundred.commands);
});

test('loops nested twenty deep do not multiply the work', async () => {
  const nested = (depth: number) => {
    let script = 'X=$((X+1)); rm -rf "$X"';
    for (let i = 0; i < depth; i++) script = `for i${i} in a b; do ${script}; done`;
    return script;
  };

  const one = await walked(nested(1));
  const twenty = await walked(nested(20));
  expect(twenty.analysis.commands.map((command) => command.program.value)).toContain('rm');
  // Each level may walk its body a bounded number of times, but never twice per level all the way down (2^20).
  expect(twenty.commands).toBeLessThanOrEqual(20 * one.commands);
});

test('the count sees a body walked again: a loop whose body changes what it reads', async () => {
  // The same one command in each body; only the second body assigns what it reads.
  const once = await walked('for d in "$@"; do rm -rf "/srv/$d"; done');
  const again = await walked('prev=; for d in "$@"; do rm -rf "/srv/$prev"; prev=$d; done');
  expect(once.commands).toBeGreaterThan(0);
  expect(again.commands).toBeGreaterThan(once.commands);
});
