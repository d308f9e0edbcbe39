import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {applyEnvironment} from '../../src/policy/environment.js';

const removing = (globs: string[]) => ({remove: globs.map((value) => ({source: 'policy.yaml', value})), require: []});

// The shell's meaning of a glob, as a regular expression: fine for the short texts below.
const asRegex = (glob: string) => new RegExp(`^${glob.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

describe('env.remove globs', () => {
  test('match as the shell would: * any run of characters, ? exactly one, the rest literally', () => {
    const text = (chars: string, maxLength: number) => fc.string({unit: fc.constantFrom(...chars.split('')), maxLength});
    fc.assert(
      fc.property(text('AB_*?', 8), fc.array(text('AB_', 8), {maxLength: 6}), (glob, names) => {
        const env = Object.fromEntries(names.map((name) => [name, 'x']));
        expect(applyEnvironment(env, removing([glob])).removed).toEqual(Object.keys(env).filter((name) => asRegex(glob).test(name)));
      }),
      {numRuns: 2000},
    );
  });

  test('decide at once on a glob that made a backtracking matcher run for minutes', () => {
    const name = 'LONG_VARIABLE_NAME_FOR_TESTING_GLOBS_AB';
    const glob = `${'*?'.repeat(15)}Z`;
    expect(applyEnvironment({[name]: '1', PATH: '/usr/bin'}, removing([glob, 'LONG_*_AB'])).removed).toEqual([name]);
    expect(applyEnvironment({[name]: '1'}, removing([glob])).removed).toEqual([]);
  });
});
