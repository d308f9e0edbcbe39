import type {Word} from './types.js';

/** How a program reads its options; names are spelled as typed: `-r`, `--recursive`. */
export interface OptionSpec {
  /** The short letters it knows (documentation for readers; unknown letters are still recorded). */
  short?: string;
  /** Its long options, without `=`: abbreviations are resolved against these, as getopt does. */
  long?: string[];
  /** Options that take a value: `-n 5`, `-n5`, `--lines 5`, `--lines=5`. */
  takesValue?: string[];
  /** Other spellings of one option: `{'-R': '-r', '--recursive': '-r'}`. */
  aliases?: Record<string, string>;
  /** POSIX programs stop at the first operand; GNU ones read options after operands. */
  stopAtOperand?: boolean;
}

export interface Options {
  flags: Set<string>;
  operands: Word[];
  values: Map<string, Word>;
}

/** `-rf` ≡ `-r -f` ≡ `-fr`, `--rec` ≡ `--recursive`, options after operands, `--` ends options. */
export function normalizeOptions(args: Word[], spec: OptionSpec): Options {
  return scanOptions(args, spec).options;
}

/** An option as given, in order: repeated options (`-o A -o B`) each appear. */
export interface GivenOption {
  name: string;
  value?: Word;
}

/** normalizeOptions, where the operands start when options stop at the first one, and every option as given. */
export function scanOptions(args: Word[], spec: OptionSpec): {options: Options; firstOperand: number; given: GivenOption[]} {
  const options: Options = {flags: new Set(), operands: [], values: new Map()};
  const given: GivenOption[] = [];
  const takesValue = valueSet(spec.takesValue);
  const name = (spelled: string) => spec.aliases?.[spelled] ?? spelled;
  let firstOperand = -1;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.value;
    if (text === '--' || (text !== null && firstOperand === -1 && !isOption(text)) || text === null) {
      const start = text === '--' ? i + 1 : i;
      if (text === '--' || spec.stopAtOperand) {
        firstOperand = start;
        options.operands.push(...args.slice(start));
        break;
      }

      options.operands.push(word);
      continue;
    }

    if (text.startsWith('--')) {
      const [spelled, value] = splitLong(text);
      const long = name(resolveLong(spelled, spec.long ?? []));
      options.flags.add(long);
      if (value !== undefined) {
        options.values.set(long, {...word, value} as Word);
        given.push({name: long, value: {...word, value} as Word});
      } else if (takesValue.has(long) || takesValue.has(spelled)) {
        const next = args[++i];
        if (next) options.values.set(long, next);
        given.push({name: long, ...(next ? {value: next} : {})});
      } else given.push({name: long});

      continue;
    }

    for (let k = 1; k < text.length; k++) {
      const short = name(`-${text[k]}`);
      options.flags.add(short);
      if (!takesValue.has(short) && !takesValue.has(`-${text[k]}`)) {
        given.push({name: short});
        continue;
      }

      const attached = text.slice(k + 1);
      if (attached) {
        options.values.set(short, {value: attached, known: true, raw: word.raw});
        given.push({name: short, value: {value: attached, known: true, raw: word.raw}});
      } else {
        const next = args[++i];
        if (next) options.values.set(short, next);
        given.push({name: short, ...(next ? {value: next} : {})});
      }

      break;
    }
  }

  return {options, firstOperand: firstOperand === -1 ? args.length - options.operands.length : firstOperand, given};
}

const isOption = (text: string) => text.length > 1 && text.startsWith('-');

function splitLong(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq === -1 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

// Specs are data shared by every call (a wrapper's, a tool's): their sets are made once.
const valueSets = new WeakMap<string[], Set<string>>();
const longNames = new WeakMap<string[], string[]>();
const none = new Set<string>();

function valueSet(takesValue: string[] | undefined): Set<string> {
  if (!takesValue) return none;
  let set = valueSets.get(takesValue);
  if (!set) valueSets.set(takesValue, (set = new Set(takesValue)));
  return set;
}

function resolveLong(spelled: string, long: string[]): string {
  let names = longNames.get(long);
  if (!names) longNames.set(long, (names = long.map((option) => (option.startsWith('--') ? option : `--${option}`))));
  if (names.includes(spelled)) return spelled;
  const matches = names.filter((option) => option.startsWith(spelled));
  return matches.length === 1 ? matches[0]! : spelled;
}
