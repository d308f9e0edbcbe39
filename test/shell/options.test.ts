import {describe, expect, test} from 'vitest';
import {type OptionSpec, type Word, normalizeOptions} from '../../src/shell/index.js';

const words = (line: string): Word[] => line.split(' ').filter(Boolean).map((value) => ({value, known: true, raw: value}));
const rm: OptionSpec = {short: 'dfirRv', long: ['force', 'interactive', 'recursive', 'dir', 'verbose', 'no-preserve-root', 'preserve-root', 'one-file-system'], aliases: {'-R': '-r', '--recursive': '-r', '--force': '-f'}};

describe('clustered, separate, long and abbreviated options mean the same', () => {
  test.each(['-rf /', '-fr /', '-r -f /', '-R -f /', '--recursive --force /', '--rec --forc /', '/ -rf', '/ --force -r'])('rm %s', (line) => {
    const {flags, operands} = normalizeOptions(words(line), rm);
    expect(flags.has('-r') && flags.has('-f')).toBe(true);
    expect(operands.map((word) => word.value)).toEqual(['/']);
  });
});

describe('option values and the end of options', () => {
  test('-- ends options', () => {
    const {flags, operands} = normalizeOptions(words('-f -- -r x'), rm);
    expect([...flags]).toEqual(['-f']);
    expect(operands.map((word) => word.value)).toEqual(['-r', 'x']);
  });

  test('a value is attached, separate or after =', () => {
    const spec: OptionSpec = {long: ['lines'], takesValue: ['-n', '--lines']};
    expect(normalizeOptions(words('-n5 f'), spec).values.get('-n')?.value).toBe('5');
    expect(normalizeOptions(words('-n 5 f'), spec).values.get('-n')?.value).toBe('5');
    expect(normalizeOptions(words('--lin=5 f'), spec).values.get('--lines')?.value).toBe('5');
    expect(normalizeOptions(words('--lines 5 f'), spec).operands.map((word) => word.value)).toEqual(['f']);
    expect(normalizeOptions(words('-vn5 f'), spec).flags).toEqual(new Set(['-v', '-n']));
  });

  test('an ambiguous abbreviation stays as typed', () => {
    const {flags} = normalizeOptions(words('--forc'), {long: ['force', 'force-with-lease']});
    expect(flags).toEqual(new Set(['--forc']));
  });

  test('a single - is an operand, and so is an unknown word', () => {
    const unknown: Word = {value: null, known: false, raw: '$X', why: 'x'};
    const {operands} = normalizeOptions([...words('-'), unknown], rm);
    expect(operands).toHaveLength(2);
  });

  test('POSIX programs stop at the first operand', () => {
    const {flags, operands} = normalizeOptions(words('-n 1 rm -rf /'), {takesValue: ['-n'], stopAtOperand: true});
    expect([...flags]).toEqual(['-n']);
    expect(operands.map((word) => word.value)).toEqual(['rm', '-rf', '/']);
  });
});
