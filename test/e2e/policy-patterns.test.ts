// The regular expressions a policy supplies run on RE2 (src/linear-regex.ts): time linear in
// the text, whatever the pattern. `(a+)+$` took JavaScript's engine minutes on 40 characters.
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {policySandbox, type PolicySandbox} from '../policy-files/fixture.js';

let box: PolicySandbox;
beforeEach(() => {
  box = policySandbox();
});
afterEach(() => box.remove());

const hostile = '(a+)+$';
// Ten thousand characters that make a backtracking engine try every way to split them.
const word = `${'a'.repeat(10_000)}!`;
// A guard that spins is ended here, so a failure is an assertion, never a hung test run.
const bounded = {timeout: 20_000};

function policy(content: object): void {
  box.write('project/.guardrc.json', JSON.stringify(content));
}

function lastRow(): {status: string; stdout_tail: string; exit_code: number} {
  const db = new Database(box.env.GUARD_DB, {readonly: true});
  try {
    return db.prepare('SELECT status, stdout_tail, exit_code FROM runs ORDER BY id DESC LIMIT 1').get() as never;
  } finally {
    db.close();
  }
}

describe('policy patterns run in time linear in the text', () => {
  it('masks output with a redact pattern that backtracks for ever in JavaScript, 10,000 characters of it at once', async () => {
    policy({redact: [hostile, 'key=(\\w+)']});
    // The a's come from the command's output, not its words: the pattern meets them in the tail.
    const result = await box.guard(['run', '--', 'sh', '-c', 'head -c 10000 /dev/zero | tr "\\000" a; echo "!"; echo key=hunter2'], bounded);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
    expect(lastRow()).toEqual({exit_code: 0, status: 'succeeded', stdout_tail: `${word}\nkey=***\n`});
  });

  it('decides on a command word of 10,000 characters with a rule regex that backtracks for ever in JavaScript', async () => {
    policy({rules: [{id: 'local.a-run', level: 'deny', reason: 'a run of a', match: {regex: hostile}}]});
    const allowed = await box.guard(['check', '--', 'echo', word], bounded);
    expect(allowed.timedOut).toBe(false);
    expect(allowed.exitCode).toBe(0);
    const refused = await box.guard(['run', '--', 'echo', 'a'.repeat(10_000)], bounded);
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr).toBe('guard: refused by rule local.a-run: echo: a run of a');
  });

  it('takes RE2 syntax: (?i) for case, \\x{…} for a code point', async () => {
    policy({redact: ['(?i)ticket=(\\w+)', 'caf\\x{e9}-(\\d+)']});
    const result = await box.guard(['run', '--', 'echo', 'TICKET=abc café-42'], bounded);
    expect(result.stdout).toBe('TICKET=abc café-42');
    expect(lastRow().stdout_tail).toBe('TICKET=*** café-***\n');
  });
});

describe('a pattern the engine cannot take is 78, naming the field', () => {
  const cases: Array<[string, object, string]> = [
    ['a lookahead in a redact pattern', {redact: ['key=(\\w+)', 'token=(?=\\w)(\\w+)']}, 'redact[1]: invalid regular expression (lookahead and lookbehind are not supported (RE2 never backtracks))'],
    ['a lookbehind in a rule regex', {rules: [{id: 'x', level: 'deny', reason: 'r', match: {regex: '(?<=sudo )rm'}}]}, 'rules[0].match.regex: invalid regular expression (lookahead and lookbehind are not supported (RE2 never backtracks))'],
    ['a backreference', {redact: ['(["\'])(.*)\\1']}, 'redact[0]: invalid regular expression (backreferences are not supported (RE2 never backtracks))'],
    ['JavaScript\'s \\u escape', {redact: ['caf\\u00e9']}, 'redact[0]: invalid regular expression (write a code point as \\x{00e9}, not \\u00e9)'],
    ['a repeat above RE2\'s 1,000', {redact: ['(?:a{100}){11}']}, 'redact[0]: invalid regular expression (invalid repeat count: `{11}`)'],
    ['a pattern that compiles to a large program', {redact: ['[a-z]{600}[0-9]{600}']}, 'redact[0]: invalid regular expression (too large: it compiles to 1202 instructions, at most 1000 are allowed)'],
  ];

  it.each(cases)('%s: at load, for run and check, and in policy validate', async (_, content, message) => {
    policy(content);
    const path = `${box.project}/.guardrc.json`;
    for (const args of [['run', '--', 'true'], ['check', '--', 'true'], ['policy', 'validate']]) {
      const result = await box.guard(args, bounded);
      expect(result.stderr, args[0]).toBe(`guard: ${path}: ${message}`);
      expect(result.exitCode, args[0]).toBe(78);
    }
  });
});

describe('the engine loads only for a policy that has a pattern', () => {
  // Node names every CommonJS module it loads under NODE_DEBUG=module; re2js is one.
  const loadsEngine = async (args: string[]) => {
    const result = await box.guard(args, {...bounded, env: {NODE_DEBUG: 'module'}});
    expect(result.exitCode).toBe(0);
    return /node_modules\/re2js\//.test(result.stderr);
  };

  it('loads nothing new for guard run -- true and guard check -- true, with or without a policy file', async () => {
    expect(await loadsEngine(['run', '--', 'true'])).toBe(false);
    expect(await loadsEngine(['check', '--', 'true'])).toBe(false);
    policy({rules: [{id: 'local.no-reboot', level: 'deny', reason: 'r', match: {program: 'reboot'}}], defaults: {timeout: '1h'}});
    expect(await loadsEngine(['run', '--', 'true'])).toBe(false);
    expect(await loadsEngine(['check', '--', 'true'])).toBe(false);
  });

  it('loads it when the policy has a redact pattern or a regex rule that the command reaches', async () => {
    policy({redact: ['key=(\\w+)']});
    expect(await loadsEngine(['run', '--', 'true'])).toBe(true);
    policy({rules: [{id: 'local.publish', level: 'warn', reason: 'r', match: {program: 'npm', regex: 'publish'}}]});
    expect(await loadsEngine(['check', '--', 'npm', 'test'])).toBe(true);
  });
});
