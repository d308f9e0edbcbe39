import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {analyzeArgv, isParserLoaded} from '../../src/shell/index.js';
import {context, shown, spelled} from './fixture.js';

// This file runs in its own process (vitest forks): nothing here may load the parser first.
describe('an argv is analysed without the parser', () => {
  test('pg_dump -Fc db is analysed synchronously and does not load web-tree-sitter', () => {
    const analysis = analyzeArgv(['pg_dump', '-Fc', 'db'], context);
    expect(analysis).not.toBeInstanceOf(Promise);
    expect(isParserLoaded()).toBe(false);
    if (analysis instanceof Promise) return;
    expect(analysis.commands.map(spelled)).toEqual(['pg_dump -Fc db']);
    expect(analysis.commands[0]).toMatchObject({cwd: {value: '/home/dev/proj'}, via: [], wrappers: [], feedsShell: false, location: {line: 1, column: 1, text: 'pg_dump -Fc db'}});
  });

  test.each([
    [['sudo', '-u', 'root', '/bin/rm', '-rf', '/'], 'rm -rf /'],
    [['env', '-i', 'X=1', 'nice', 'rm', '$HOME'], 'rm $HOME'],
    [['find', '/', '-exec', 'rm', '-rf', '{}', ';'], 'rm -rf ?'],
    [['xargs', 'rm'], 'rm ?'],
    [['rm', '-rf', '*'], 'rm -rf *'],
  ])('%j needs no parser and shows %j', (argv, expected) => {
    const analysis = analyzeArgv(argv, context);
    if (analysis instanceof Promise) throw new Error('loaded the parser');
    expect(analysis.commands.map(spelled)).toContain(expected);
    expect(isParserLoaded()).toBe(false);
  });

  test.each([
    [['sh', '-c', 'true'], 'true', ['sh -c']],
    [['sh', '-c', 'systemctl restart nginx'], 'systemctl restart nginx', ['sh -c']],
    [['sudo', 'bash', '-c', '  rm  -rf / '], 'rm -rf /', ['sudo bash -c']],
    [['su', '-c', 'rm -rf /'], 'rm -rf /', ['su -c']],
    [['eval', 'shutdown', 'now'], 'shutdown now', ['eval']],
    [['find', '.', '-exec', 'sh', '-c', 'rm -f x', ';'], 'rm -f x', ['find -exec', 'sh -c']],
  ])('code of plain words, %j, is read without the parser: it runs %j', (argv, expected, via) => {
    const analysis = analyzeArgv(argv, context);
    if (analysis instanceof Promise) throw new Error('loaded the parser');
    const command = analysis.commands.find((found) => spelled(found) === expected);
    expect(command?.via).toEqual(via);
    expect(analysis.problems).toEqual([]);
    expect(isParserLoaded()).toBe(false);
  });

  test('argv words are literal: no expansion, no glob', () => {
    const analysis = analyzeArgv(['rm', '-rf', '$HOME/*'], context);
    if (analysis instanceof Promise) throw new Error('loaded the parser');
    expect(analysis.commands[0]!.argv[2]).toEqual({value: '$HOME/*', known: true, raw: '$HOME/*'});
  });

  test('an argv that hands code to a shell loads the parser and parses it', async () => {
    const analysis = await analyzeArgv(['sudo', 'sh', '-c', 'cd / && rm -rf *'], context);
    expect(isParserLoaded()).toBe(true);
    const rm = analysis.commands.find((command) => command.program.value === 'rm')!;
    expect(spelled(rm)).toBe('rm -rf *');
    expect(shown(rm.cwd)).toBe('/');
    expect(rm.via).toEqual(['sudo sh -c']);
  });

  test.each([
    [['bash', '-c', 'rm -rf "$1"', 'me', '/srv'], 'rm -rf /srv'],
    [['eval', 'rm -rf /'], 'rm -rf /'],
    [['su', '-c', 'rm -rf /'], 'rm -rf /'],
    [['find', '.', '-exec', 'sh', '-c', 'rm -rf {}', ';'], 'rm -rf ?'],
  ])('%j runs %j', async (argv, expected) => {
    expect((await analyzeArgv(argv, context)).commands.map(spelled)).toContain(expected);
  });
});

const built = join(import.meta.dirname, '../../dist/shell/index.js');

// npm test builds first, so dist/ is there; a missing build is a failure, not a skip.
describe('in a fresh process (built dist/)', () => {
  test('analysing an argv leaves web-tree-sitter unloaded', () => {
    const script = `
      const {analyzeArgv, isParserLoaded} = await import(${JSON.stringify(built)});
      const result = analyzeArgv(['pg_dump', '-Fc', 'db'], {env: {}, cwd: '/', home: '/root'});
      console.log(JSON.stringify({sync: !(result instanceof Promise), loaded: isParserLoaded()}));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'});
    expect(JSON.parse(output)).toEqual({sync: true, loaded: false});
  });
});
