// `read` from a here-string guard can see: each name gets what bash would give it.
import {spawnSync} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {analyze, spelled} from './fixture.js';

// What bash puts in a, b and c, printed as `[a] [b] [c]`.
const bash = (script: string) => spawnSync('bash', ['-c', `${script}\nprintf '[%s] ' "$a" "$b" "$c"`], {encoding: 'utf8'}).stdout.trim();

describe('read splits a here-string at IFS as bash does', () => {
  test.each([
    'IFS=: read -r a b c <<< "chown:deploy:./deploy.log"',
    'read -r a b c <<< "  one   two three four  "',
    'read -r a b <<< "only"',
    'IFS=, read -r a b c <<< "x,,z"',
    'IFS=", " read -r a b c <<< "x , y,z"',
    'IFS=: read -r a b <<< "a:b:c:d:"',
    'read -r a b c <<EOF\nfirst line here\nsecond\nEOF',
  ])('%j', async (script) => {
    // The values guard gives the names, through a command that prints them.
    const analysis = await analyze(`${script}\nprintf '[%s] ' "$a" "$b" "$c"`);
    const printed = analysis.commands.find((command) => command.program.value === 'printf' && command.argv.length === 5)!;
    expect(printed.argv.slice(2).every((word) => word.known)).toBe(true);
    expect(printed.argv.slice(2).map((word) => `[${word.value}]`).join(' ')).toBe(bash(script));
  });

  test.each([
    'read -r a b c <<< "$(cat x)"',
    'read a b c <<< "back\\\\slash here"',
    'read -r a b c < ./file',
    'read -a a <<< "x y"',
  ])('%j stays unknown', async (script) => {
    const analysis = await analyze(`${script}\nrm -rf "/srv/$a"`);
    const rm = analysis.commands.find((command) => command.program.value === 'rm');
    expect(rm?.argv.at(-1)?.known).toBe(false);
  });

  test('a program read so is that program', async () => {
    const analysis = await analyze('IFS=: read -r a b c <<< "chown:deploy:./deploy.log"; $a $b $c');
    expect(analysis.commands.map(spelled)).toContain('chown deploy ./deploy.log');
    expect(analysis.problems).toEqual([]);
  });
});
