import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {compileRegex, maxProgramSize, regexProblem} from '../../src/linear-regex.js';

type Spans = Array<[number, number] | undefined>;

// Patterns whose meaning RE2 and JavaScript share: leftmost-first alternation, greedy and
// lazy repeats, groups that take part or not (none inside a repeat, where JavaScript forgets
// a group's earlier iterations and RE2 keeps them).
const shared = ['a', 'ab*', '(a+)(b?)', 'a|ab', '(a|ab)(c|bcd)', '^a', 'b$', '(?:ab)+', 'x*', '(a)?b', 'a.c', '[^a]+', 'a+?b', '(b)|(c)'];

const jsSpans = (source: string, text: string): Spans[] =>
  [...text.matchAll(new RegExp(source, 'gd'))].map((match) => match.indices!.map((span) => (span ? [span[0], span[1]] : undefined)));

describe('the linear-time engine, seen through compileRegex', () => {
  test.each(shared)('%s finds the same matches and group spans as RegExp with the d flag', (source) => {
    const pattern = compileRegex(source);
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom('a', 'b', 'c', 'd', '\n'), maxLength: 12}), (text) => {
        expect([...pattern.matches(text)]).toEqual(jsSpans(source, text));
      }),
      {numRuns: 300},
    );
  });

  test('spans are UTF-16 indices, as guard slices strings, and . takes a whole code point', () => {
    expect([...compileRegex('t=(.)').matches('😀 t=😀 t=é')]).toEqual([
      [[3, 7], [5, 7]],
      [[8, 11], [10, 11]],
    ]);
  });

  test('compiles a pattern once, whoever asks', () => {
    expect(compileRegex('key=(\\w+)')).toBe(compileRegex('key=(\\w+)'));
  });

  test('says why it refuses, and refuses a program past the size limit', () => {
    expect(regexProblem('key=(\\w+)')).toBeUndefined();
    expect(regexProblem('(?!x)')).toBe('lookahead and lookbehind are not supported (RE2 never backtracks)');
    expect(regexProblem('([a-z])\\1')).toBe('backreferences are not supported (RE2 never backtracks)');
    expect(regexProblem('a(b')).toBe('missing closing ): `a(b`');
    expect(regexProblem('x'.repeat(4097))).toBe('longer than 4096 characters');
    expect(compileRegex('a{990}').programSize).toBeLessThanOrEqual(maxProgramSize);
    expect(regexProblem('a{999}b{999}')).toMatch(/^too large: it compiles to \d+ instructions, at most 1000 are allowed$/);
  });
});
