import {describe, expect, test} from 'vitest';
import {defaultPolicy} from '../../src/policy/defaults.js';
import {builtinRules} from '../../src/policy/packs/index.js';
import {compileRegex} from '../../src/linear-regex.js';
import type {BuiltinRule, Decision, Policy} from '../../src/policy/types.js';
import {decide as decideRun} from '../../src/run/decide.js';
import {decide} from './fixture.js';

const rules = builtinRules();

/** The default policy, with the paths a rule's examples are given under. */
function policyFor(rule: BuiltinRule): Policy {
  const policy = defaultPolicy();
  const {confine, protect = []} = rule.examples().paths ?? {};
  const globs = [...protect, ...(confine ?? [])];
  return {...policy, paths: {...policy.paths, confine: confine ?? null, protect, sources: Object.fromEntries(globs.map((glob) => [glob, '/examples.yaml']))}};
}

// An example a file decides runs as `guard run` decides it: argv, real files, the process's PATH.
function decideExample(rule: BuiltinRule, example: string): Promise<Decision> {
  if (!rule.examples().argv) return decide(example, policyFor(rule));
  return decideRun({argv: example.split(' '), cwd: '/', env: {HOME: '/nonexistent-home', PATH: '/usr/bin:/bin'}, policy: policyFor(rule)});
}

describe('every built-in rule refuses its examples and lets its near-misses through', () => {
  const refusals = rules.flatMap((rule) => rule.examples().refuse.map((example) => [rule.id, example, rule] as const));
  const allowed = rules.flatMap((rule) => rule.examples().allow.map((example) => [rule.id, example, rule] as const));

  test.each(refusals)('%s refuses %j', async (id, example, rule) => {
    const decision = await decideExample(rule, example);
    expect(decision.findings.filter((finding) => finding.rule === id).map((finding) => finding.level), JSON.stringify(decision.findings, null, 1)).toContain(rule.level);
  });

  test.each(allowed)('%s lets %j through', async (id, example, rule) => {
    const decision = await decideExample(rule, example);
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
      expect(rule.examples().refuse.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples().allow.length, rule.id).toBeGreaterThan(0);
    }
  });
});

describe('the built-in rules’ patterns', () => {
  // A pattern the linear-time engine cannot compile matches everything (it fails closed): a
  // built-in rule written that way would refuse every command of its programs.
  test.each(builtinRules().filter((rule) => rule.match.regex !== undefined).map((rule) => [rule.id, rule.match.regex!] as const))('%s compiles', (_id, source) => {
    expect(() => compileRegex(source)).not.toThrow();
  });
});
