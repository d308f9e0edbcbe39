// Every case of the development corpus, decided as the case expects; the few guard still
// gets wrong are listed in misses.ts with why, and a test fails as soon as one is mended,
// so the list only shrinks. (A third of the corpus, holdout.jsonl, was kept apart while
// guard was built against this one, as an honest check of what generalizes.)
import {describe, expect, test} from 'vitest';
import {check, readCorpus} from './cases.js';
import {knownMisses} from './misses.js';

const dev = readCorpus('./dev.jsonl');

describe('the development corpus', () => {
  test.each(dev.map((item) => [item.id, item.expect, item.command, item] as const))('%s: %s %s', async (id, expected, _command, item) => {
    const {decision, refused} = await check(item);
    const right = refused === (expected === 'refuse');
    const why = JSON.stringify({verdict: decision.verdict, findings: decision.findings.map((finding) => `${finding.rule}: ${finding.reason}`)});
    if (id in knownMisses) expect(right, `${id} is decided right now: remove it from misses.ts`).toBe(false);
    else expect(right, why).toBe(true);
  });

  test('every known miss names a case of the corpus and says why', () => {
    const ids = new Set(dev.map((item) => item.id));
    for (const [id, why] of Object.entries(knownMisses)) {
      expect(ids.has(id), id).toBe(true);
      expect(why.length, id).toBeGreaterThan(10);
    }
  });
});
