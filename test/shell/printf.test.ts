// guard's echo and printf against bash's own, word for word: what guard says they print is what
// bash prints, or guard says it does not know.
import {spawnSync} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {decoded} from '../../src/shell/decoders.js';
import {echoOutput, printfOutput} from '../../src/shell/printf.js';
import {analyze, spelled} from './fixture.js';


// What every printf prints alike (bash's builtin, dash's, coreutils'), against each that is here.
const printfs = [
  ['bash', (format: string, args: string[]) => spawnSync('bash', ['-c', 'printf "$@"', '_', format, ...args], {encoding: 'latin1'}).stdout],
  ['dash', (format: string, args: string[]) => spawnSync('dash', ['-c', 'printf "$@"', '_', format, ...args], {encoding: 'latin1'}).stdout],
  ['coreutils', (format: string, args: string[]) => spawnSync('/usr/bin/printf', [format, ...args], {encoding: 'latin1'}).stdout],
] as const;

describe('printf prints what bash, dash and coreutils print', () => {
  const cases: Array<[string, string[]]> = [
    ['%s%s', ['mk', 'fs.xfs']],
    ['DROP %s orders', ['DATABASE']],
    ['rm -rf %s\\n', ['/usr/lib']],
    ['%s\\n', ['a', 'b', 'c']],
    ['%s-%s\\n', ['a', 'b', 'c']],
    ['%d items, %5s|%-4s|', ['42', 'ab', 'c']],
    ['%x %X %o %u %+d %05d', ['255', '255', '8', '7', '3', '42']],
    ['%.2s', ['abcdef']],
    ['%c%c', ['xyz', 'q']],
    ['100%%\\t\\101\\\\', []],
    ['no conversions', ['ignored', 'args']],
    ['%s', []],
    ['%d', ['']],
    ['%b', ['plain']],
  ];
  test.each(printfs.flatMap(([shell, run]) => cases.map(([format, args]) => [shell, format, args, run] as const)))('%s: printf %j %j', (_, format, args, run) => {
    expect(printfOutput(format, args)).toBe(run(format, [...args]));
  });

  test.each([
    ['%q', ['a b']],
    ['%(%F)T', ['-1']],
    ['%*s', ['5', 'a']],
    ['%d', ['12abc']],
    // Read differently by bash, dash or coreutils, or by the shell around it.
    ['\\x72m', []],
    ['\\u0072m', []],
    ['\\0162m', []],
    ['%b', ['\\162m']],
    ['rm%.0d', ['0']],
    ['%d', ['026']],
    ['%d', ['0x1A']],
    ['r\\000m', []],
    ['-q', []],
    ['%100000000s', ['a']],
  ])('printf %j %j is not worked out', (format, args) => {
    expect(printfOutput(format, args)).toBeUndefined();
  });
});

describe('echo prints what bash and dash print', () => {
  test.each([[['FLUSHALL']], [['-n', 'a', 'b']], [['a', 'b']], [['-x', 'y']], [['python3 -c "print(\\"x\\")"']], [['cost \\$5', '\\.']]])('echo %j', (words) => {
    for (const shell of ['bash', 'dash']) expect(echoOutput(words)).toBe(spawnSync(shell, ['-c', 'echo "$@"', '_', ...words], {encoding: 'utf8'}).stdout);
  });

  test.each([[['-e', '\\x73hutdown']], [['a\\tb']], [['-E', 'x']], [['-ne', 'x']], [['a\\\\b']], [['a\\0101']], [['end\\']], [['\\c']]])('echo %j is not worked out: its escapes differ from shell to shell', (words) => {
    expect(echoOutput(words)).toBeUndefined();
  });
});

describe('a command spelled out by echo or printf is that command', () => {
  test.each([
    ['redis-cli $(echo FLUSHALL)', 'redis-cli FLUSHALL'],
    ["q=$(printf 'DROP %s orders' DATABASE); psql -c \"$q\"", 'psql -c DROP DATABASE orders'],
    ["c=$(printf '\\163hutdown'); $c -h now", 'shutdown -h now'],
    ['sysctl -w "kernel.randomize_va_space=$(printf 0)"', 'sysctl -w kernel.randomize_va_space=0'],
    ['kill -9 $(echo 1)', 'kill -9 1'],
    ["printf -v cmd '%s%s' mk fs.xfs; \"$cmd\" /dev/sdc", 'mkfs.xfs /dev/sdc'],
    ["printf 'rm -rf %s\\n' /usr/lib | sh", 'rm -rf /usr/lib'],
    ["echo 'rm -rf /etc' | sh", 'rm -rf /etc'],
  ])('%j runs %s', async (script, command) => {
    const analysis = await analyze(script);
    expect(analysis.commands.map(spelled)).toContain(command);
  });

  test.each([
    'rm -rf $(echo "$DIR")',
    "rm -rf $(printf '%s' \"$X\")",
    'rm -rf $(echo $(cat list))',
    "rm -rf `printf '/e\\\\164c'`",
    "echo() { command echo /tmp/x; }; rm -rf $(echo /etc)",
    "shopt -s expand_aliases; alias printf='printf /tmp/%s'; rm -rf $(printf /etc)",
  ])('%j stays unknown: a word of the printer is not written out', async (script) => {
    const analysis = await analyze(script);
    const rm = analysis.commands.find((command) => command.program.value === 'rm');
    expect(rm?.argv.at(-1)?.known).toBe(false);
  });
});

describe('what a decoder prints for text guard knows', () => {
  test.each([
    [['base64', '-d'], 'cm0gLXJmIC9ldGM=', 'rm -rf /etc'],
    [['base64', '--decode'], 'cm0gLXJm\nIC9ldGM=\n', 'rm -rf /etc'],
    [['xxd', '-r', '-p'], '726d202d7266202f657463\n', 'rm -rf /etc'],
  ] as const)('%j of %j is what base64 and xxd print', (words, input, output) => {
    expect(decoded(words, input)).toBe(output);
    expect(spawnSync(words[0], words.slice(1), {input, encoding: 'utf8'}).stdout).toBe(output);
  });

  test.each([
    [['base64'], 'cm0gLXJmIC9ldGM='],
    [['base64', '-d'], 'not base64!'],
    [['base64', '-d'], '/////w=='],
    [['xxd', '-r'], '726d'],
  ] as const)('%j of %j is not worked out', (words, input) => {
    expect(decoded(words, input)).toBeUndefined();
  });
});
