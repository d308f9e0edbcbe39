// guard's echo and printf against bash's own, word for word: what guard says they print is what
// bash prints, or guard says it does not know.
import {spawnSync} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {echoOutput, printfOutput} from '../../src/shell/printf.js';
import {analyze, spelled} from './fixture.js';

const bash = (script: string, args: string[]) => spawnSync('bash', ['-c', script, '_', ...args], {encoding: 'latin1'}).stdout;

describe('printf prints what bash prints', () => {
  test.each([
    ['%s%s', ['mk', 'fs.xfs']],
    ['DROP %s orders', ['DATABASE']],
    ['rm -rf %s\\n', ['/usr/lib']],
    ['%s\\n', ['a', 'b', 'c']],
    ['%s-%s\\n', ['a', 'b', 'c']],
    ['%d items, %5s|%-4s|', ['42', 'ab', 'c']],
    ['%x %X %o %u %+d %05d', ['255', '255', '8', '7', '3', '42']],
    ['%.2s', ['abcdef']],
    ['%b', ['a\\tb\\x41\\0101']],
    ['%c%c', ['xyz', 'q']],
    ['100%%\\t\\x41\\101\\\\', []],
    ['no conversions', ['ignored', 'args']],
    ['%s', []],
    ['%d', ['']],
  ])('printf %j %j', (format, args) => {
    expect(printfOutput(format, args)).toBe(bash('printf "$@"', [format, ...args]));
  });

  test.each([
    ['%q', ['a b']],
    ['%(%F)T', ['-1']],
    ['%*s', ['5', 'a']],
    ['%d', ['12abc']],
  ])('printf %j %j is not worked out', (format, args) => {
    expect(printfOutput(format, args)).toBeUndefined();
  });
});

describe('echo prints what bash prints', () => {
  test.each([
    [['FLUSHALL']],
    [['-n', 'a', 'b']],
    [['-e', '\\x73\\x68\\x75\\x74\\x64\\x6f\\x77\\x6e']],
    [['-e', 'a\\tb\\0101\\cignored']],
    [['-E', 'a\\tb']],
    [['-ne', 'x\\ny']],
    [['a\\tb']],
    [['-x', 'y']],
  ])('echo %j', (words) => {
    expect(echoOutput(words)).toBe(bash('echo "$@"', words));
  });
});

describe('a command spelled out by echo or printf is that command', () => {
  test.each([
    ['redis-cli $(echo FLUSHALL)', 'redis-cli FLUSHALL'],
    ["q=$(printf 'DROP %s orders' DATABASE); psql -c \"$q\"", 'psql -c DROP DATABASE orders'],
    ["c=$(echo -e '\\x73\\x68\\x75\\x74\\x64\\x6f\\x77\\x6e'); $c -h now", 'shutdown -h now'],
    ["printf -v cmd '%s%s' mk fs.xfs; \"$cmd\" /dev/sdc", 'mkfs.xfs /dev/sdc'],
    ["printf 'rm -rf %s\\n' /usr/lib | sh", 'rm -rf /usr/lib'],
    ["echo -e 'rm -rf /\\x65tc' | sh", 'rm -rf /etc'],
  ])('%j runs %s', async (script, command) => {
    const analysis = await analyze(script);
    expect(analysis.commands.map(spelled)).toContain(command);
  });

  test.each([
    'rm -rf $(echo "$DIR")',
    "rm -rf $(printf '%s' \"$X\")",
    'rm -rf $(echo $(cat list))',
  ])('%j stays unknown: a word of the printer is not written out', async (script) => {
    const analysis = await analyze(script);
    const rm = analysis.commands.find((command) => command.program.value === 'rm');
    expect(rm?.argv.at(-1)?.known).toBe(false);
  });
});
