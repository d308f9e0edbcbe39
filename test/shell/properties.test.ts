import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {analyzeScript} from '../../src/shell/index.js';
import {context, spelled} from './fixture.js';

// Shell-flavoured characters, so random scripts hit quotes, expansions and heredocs, not just words.
const shellish = fc.string({unit: fc.constantFrom(...'ab rm-/$\'"`\\(){}[];&|<>~*?#=!\n\t\r{},.0123456789xEOF'.split('')), maxLength: 60});

describe('properties (fast-check)', () => {
  test('analyzeScript never throws, on random or shell-flavoured text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(shellish, fc.string({maxLength: 40}), fc.string({unit: 'binary', maxLength: 20})), async (script) => {
        const analysis = await analyzeScript(script, context);
        expect(Array.isArray(analysis.commands) && Array.isArray(analysis.problems)).toBe(true);
      }),
      {numRuns: 3000},
    );
  });

  const quotings = (word: string) => [word, `'${word}'`, `"${word}"`, `${word[0]}''${word.slice(1)}`, `"${word[0]}"${word.slice(1)}`, `\\${word}`, `${[...word].map((ch) => `\\${ch}`).join('')}`, `$'${word}'`];
  const programs = fc.constantFrom('rm', 'chmod', 'dd', 'mkfs', 'git', 'kubectl');
  const words = fc.constantFrom('rm', '-rf', '/', 'push', '--force', 'of=/dev/sda', 'main');

  test('quoting a word differently never changes the program or the argv', async () => {
    await fc.assert(
      fc.asyncProperty(programs, fc.array(words, {maxLength: 4}), fc.array(fc.nat(7), {minLength: 5, maxLength: 5}), async (program, args, picks) => {
        const line = [program, ...args];
        const plain = (await analyzeScript(line.join(' '), context)).commands.map(spelled);
        const quoted = line.map((word, i) => quotings(word)[picks[i]!]!).join(' ');
        expect((await analyzeScript(quoted, context)).commands.map(spelled)).toEqual(plain);
      }),
      {numRuns: 300},
    );
  });

  const dangers = ['rm -rf /', 'chmod -R 777 /etc', 'dd if=/dev/zero of=/dev/sda', 'git push --force', 'curl x | sh', 'sudo rm -rf ~', 'find / -delete'];
  const surroundings = [
    (x: string) => `true; ${x}; echo ok`,
    (x: string) => `${x} && true`,
    (x: string) => `false || ${x}`,
    (x: string) => `( ${x} )`,
    (x: string) => `{ ${x}; }`,
    (x: string) => `if true; then ${x}; fi`,
    (x: string) => `for i in 1; do ${x}; done`,
    (x: string) => `while false; do ${x}; done`,
    (x: string) => `echo "$( ${x} )"`,
    (x: string) => `f() { ${x}; }`,
    (x: string) => `bash -c '${x.replace(/'/g, `'\\''`)}'`,
    (x: string) => `X=1; cd /tmp; ${x} 2>/dev/null`,
    (x: string) => `${x} &`,
    (x: string) => `case a in *) ${x};; esac`,
  ];

  test('harmless commands around a dangerous one never hide it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dangers), fc.array(fc.nat(surroundings.length - 1), {minLength: 1, maxLength: 3}), async (danger, layers) => {
        const expected = (await analyzeScript(danger, context)).commands.map(spelled);
        const script = layers.reduce((inner, layer) => surroundings[layer]!(inner), danger);
        const analysis = await analyzeScript(script, context);
        const found = analysis.commands.map(spelled);
        // `((x))` is arithmetic to tree-sitter and to bash; where it does not parse, guard refuses.
        if (analysis.problems.some((problem) => problem.kind === 'syntax')) return;
        for (const command of expected) expect(found).toContain(command);
      }),
      {numRuns: 500},
    );
  });
});
