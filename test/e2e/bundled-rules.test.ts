import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {builtinRules} from '../../src/policy/packs/index.js';
import {guard} from '../helpers/guard.js';
import {files} from '../policy/fixture.js';

// The built CLI holds the built-in rules as data and loads their checks from a bundle of their
// own, at the first command that names a program one of them judges: each rule with code of
// its own, through `guard check` as a user types it, refuses its first example and lets its
// first near-miss through, as the rule's own code does (test/policy/examples.test.ts).
let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'guard-home-'));
  mkdirSync(join(home, 'proj'));
  // The files the examples read as code (SQL, manifests), real this time.
  for (const [name, file] of Object.entries(files)) {
    if (typeof file === 'string') writeFileSync(join(home, 'proj', name), file);
    else mkdirSync(join(home, 'proj', name));
  }
});
afterAll(() => rmSync(home, {force: true, recursive: true}));

const coded = builtinRules().filter((rule) => (rule.check || rule.checkAll) && !rule.firedBy && !rule.examples().argv && !rule.examples().paths);
const cases = coded.flatMap((rule) => [[rule.id, 'refuse', rule.examples().refuse[0]!, rule.level] as const, [rule.id, 'allow', rule.examples().allow[0]!, rule.level] as const]);

describe.concurrent("the built-in rules' checks, through the built CLI", () => {
  it.each(cases)('%s: %s %j', async (id, expected, command, level) => {
    const env = {HOME: home, PATH: '/usr/bin:/bin', TMPDIR: '/tmp', USER: 'dev', XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config')};
    const result = await guard(['check', '--json', '--', 'sh', '-c', command], {cwd: join(home, 'proj'), env});
    const decision = JSON.parse(result.stdout) as {findings: Array<{level: string; rule: string}>};
    const fired = decision.findings.filter((finding) => finding.rule === id).map((finding) => finding.level);
    if (expected === 'refuse') expect(fired, result.stdout).toContain(level);
    else expect(fired, result.stdout).toEqual([]);
  });
});
