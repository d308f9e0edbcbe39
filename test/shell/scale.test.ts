import {expect, test} from 'vitest';
import {analyze} from './fixture.js';

// Generous bounds: they catch a walk that turns quadratic or exponential, not a slow machine.
test('a 1,000-line script is analysed in well under the budget of a slow machine', async () => {
  const lines = Array.from({length: 1000}, (_, i) =>
    [
      `DIR=/srv/backup/${i}`,
      `cd "$DIR" || exit 1`,
      `for f in a b; do gzip "$f" && echo "$f"; done`,
      `pg_dump -Fc db${i} | gzip > "$DIR/db.gz"`,
      `[ -d old ] && rm -rf "$DIR/old"`,
    ][i % 5],
  ).join('\n');
  const started = performance.now();
  const analysis = await analyze(lines);
  expect(analysis.problems).toEqual([]);
  expect(analysis.commands.length).toBeGreaterThan(1000);
  expect(performance.now() - started).toBeLessThan(5000);
});

test('loops nested twenty deep do not multiply the work', async () => {
  let script = 'X=$((X+1)); rm -rf "$X"';
  for (let i = 0; i < 20; i++) script = `for i${i} in a b; do ${script}; done`;
  const started = performance.now();
  const analysis = await analyze(script);
  expect(analysis.commands.map((command) => command.program.value)).toContain('rm');
  expect(performance.now() - started).toBeLessThan(5000);
});
