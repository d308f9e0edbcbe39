import {describe, expect, test} from 'vitest';
import {builtinRules} from '../../src/policy/packs/index.js';
import {decide} from './fixture.js';

const rules = builtinRules();

describe('every built-in rule refuses its examples and lets its near-misses through', () => {
  const refusals = rules.flatMap((rule) => rule.examples.refuse.map((example) => [rule.id, example, rule.level] as const));
  const allowed = rules.flatMap((rule) => rule.examples.allow.map((example) => [rule.id, example] as const));

  test.each(refusals)('%s refuses %j', async (id, example, level) => {
    const decision = await decide(example);
    expect(decision.findings.filter((finding) => finding.rule === id).map((finding) => finding.level), JSON.stringify(decision.findings, null, 1)).toContain(level);
  });

  test.each(allowed)('%s lets %j through', async (id, example) => {
    const decision = await decide(example);
    expect(decision.findings.filter((finding) => finding.rule === id), JSON.stringify(decision.findings, null, 1)).toEqual([]);
  });
});

describe('the packs as data', () => {
  test('rule ids are unique and named pack.what', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
  });

  test('every rule has a reason and at least one example each way', () => {
    for (const rule of rules) {
      expect(rule.reason, rule.id).not.toBe('');
      expect(rule.examples.refuse.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.allow.length, rule.id).toBeGreaterThan(0);
    }
  });
});
