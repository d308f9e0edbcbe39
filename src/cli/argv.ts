import {UsageError} from '../errors.js';
import type {FlagKind, FlagSpecs} from './flag-spec.js';

export interface SplitArgv {
  command: string[];
  flags: Map<string, string | true>;
  help: boolean;
}

/**
 * Whether a word can be a flag's value: guard's one rule for every value flag, on the lean
 * path and in the oclif commands alike. A word that begins with `-` (other than `-` itself)
 * is a flag or `--`, never a value, so `--name --json` is a missing name rather than a job
 * called `--json`; a value that begins with `-` is written `--name=-x`.
 */
export function isValueWord(word: string | undefined): word is string {
  return word !== undefined && (word === '-' || !word.startsWith('-'));
}

/** The usage error of a value flag given without its value. */
export function missingValue(flag: string, next: string | undefined): UsageError {
  const why = next === undefined ? '' : next === '--' ? ' before --' : `, not '${next}' (a value that begins with - is written ${flag}=VALUE)`;
  return new UsageError(`${flag} needs a value${why}`);
}

/** What the grammar needs to know of a flag: whether it takes a value, and which values it allows. */
export interface FlagShape {
  kind: FlagKind;
  options?: readonly string[];
}

/** One flag as read from the words: its name, its value (true for a switch), and where the next word is. */
export interface ReadFlag {
  name: string;
  next: number;
  value: string | true;
}

// Where to read more: the help of the command (or topic) as typed, or guard's own.
const helpOf = (command: string) => `see guard ${command ? `${command} ` : ''}--help`;

// guard's usage errors, one wording each, whichever parser meets them. `command` is the
// command as typed (`policy show`), for the pointer to its help.
export const usage = {
  conflicting: (a: string, b: string) => new UsageError(`--${a} and --${b} cannot both be given`),
  missing: (what: string, line: string) => new UsageError(`no ${what} given: ${line}`),
  repeated: (name: string) => new UsageError(`--${name} given twice: give it once`),
  unexpected: (word: string, command: string) => new UsageError(`unexpected argument '${word}'; ${helpOf(command)}`),
  unknownCommand: (words: string, topic: string) => new UsageError(`unknown command ${words}; ${helpOf(topic)}`),
  unknownFlag: (word: string, command: string, names: readonly string[]) => {
    const near = nearest(word.replace(/^-+/, '').replace(/=.*$/, ''), names);
    return new UsageError(`unknown flag ${word.replace(/=.*$/, '')}${near ? ` (did you mean --${near}?)` : ''}; ${helpOf(command)}`);
  },
  notAnOption: (name: string, value: string, options: readonly string[]) => new UsageError(`--${name}: '${value}' is not one of ${options.join(', ')}`),
};

// Edit distance, for the flag a typo most likely meant (at most two edits away).
function distance(a: string, b: string): number {
  let row = Array.from({length: b.length + 1}, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }

  return row[b.length]!;
}

function nearest(name: string, names: readonly string[]): string | undefined {
  const scored = names.map((candidate) => [candidate, distance(name, candidate)] as const).filter(([, score]) => score <= Math.min(2, name.length - 1));
  return scored.sort((a, b) => a[1] - b[1])[0]?.[0];
}

/**
 * Reads the flag at `words[index]` (a word that begins with `-`) by guard's grammar: an
 * unknown flag, a switch given a value, a value flag without its value or with a value its
 * options do not allow are usage errors, each in the one wording above.
 */
export function readFlag(words: readonly string[], index: number, flags: Record<string, FlagShape>, command: string): ReadFlag {
  const word = words[index]!;
  if (!word.startsWith('--')) throw usage.unknownFlag(word, command, Object.keys(flags));
  const equals = word.indexOf('=');
  const name = word.slice(2, equals === -1 ? undefined : equals);
  const shape = Object.hasOwn(flags, name) ? flags[name] : undefined;
  if (!shape) throw usage.unknownFlag(word, command, Object.keys(flags));
  const inline = equals === -1 ? undefined : word.slice(equals + 1);
  const following = words[index + 1];
  let read: ReadFlag;
  if (shape.kind === 'boolean') {
    if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
    read = {name, next: index + 1, value: true};
  } else if (inline !== undefined) {
    read = {name, next: index + 1, value: inline};
  } else if (isValueWord(following)) {
    read = {name, next: index + 2, value: following};
  } else if (shape.kind === 'optional') {
    read = {name, next: index + 1, value: true};
  } else {
    throw missingValue(`--${name}`, following);
  }

  if (shape.options && typeof read.value === 'string' && !shape.options.includes(read.value)) throw usage.notAnOption(name, read.value, shape.options);
  return read;
}

// A switch given twice is the same switch; a value given twice leaves which one counts to a guess.
function remember(flags: Map<string, string | true>, read: ReadFlag, shape: FlagShape): void {
  if (flags.has(read.name) && shape.kind !== 'boolean') throw usage.repeated(read.name);
  flags.set(read.name, read.value);
}

const shapeOf = (specs: FlagSpecs): Record<string, FlagShape> =>
  Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, {kind: spec.kind, options: spec.options}]),
  );

/**
 * Splits `[flags] [--] CMD [ARGS...]`: guard's flags end at `--` or at the first word that
 * is neither a flag nor a flag's value; everything after reaches the command untouched.
 * With `--` present, every word before it must be a flag or a flag's value, so a typo such
 * as `--timeout 5 mins -- job` is a usage error rather than a command named `mins`.
 */
export function splitArgv(words: readonly string[], specs: FlagSpecs, command = 'run'): SplitArgv {
  const shapes = shapeOf(specs);
  const flags = new Map<string, string | true>();
  const separator = words.indexOf('--');
  let help = false;
  let index = 0;
  while (index < words.length) {
    const word = words[index]!;
    if (word === '--') {
      index++;
      break;
    }

    if (word === '-h' || word === '--help') {
      help = true;
      index++;
      continue;
    }

    if (!word.startsWith('-') || word === '-') {
      if (separator !== -1 && !help) {
        throw new UsageError(`unexpected word '${word}' before --: only guard's flags and their values go there, the command after it`);
      }

      break;
    }

    const read = readFlag(words, index, shapes, command);
    remember(flags, read, shapes[read.name]!);
    index = read.next;
  }

  const rest = words.slice(index);
  if (!help && rest.length === 0) throw usage.missing('command', `guard ${command} [flags] -- CMD [ARGS...]`);
  if (!help && rest[0] === '') throw new UsageError('the command is an empty word');
  return {command: rest, flags, help};
}

/** What guard's grammar needs of an oclif command: its flags and positional arguments. */
export interface CommandGrammar {
  args: ReadonlyArray<{name: string; required: boolean}>;
  /** The command as typed: `history`, `policy show`. */
  command: string;
  exclusive: ReadonlyArray<readonly [string, string]>;
  flags: Record<string, FlagShape & {required?: boolean}>;
  strict: boolean;
  /** Its usage line, for the errors that need it: `guard show ID [--db FILE] [--json]`. */
  usageLine(): string;
}

/** Each pair of flags that exclude each other, once, from what each flag says it excludes. */
export function exclusivePairs(flags: Iterable<readonly [string, {exclusive?: readonly string[]}]>): Array<readonly [string, string]> {
  const pairs = new Map<string, readonly [string, string]>();
  for (const [name, flag] of flags) {
    for (const other of flag.exclusive ?? []) {
      const pair = [name, other].sort() as [string, string];
      pairs.set(pair.join(' '), pair);
    }
  }

  return [...pairs.values()];
}

/** A flag as a usage line shows it. */
export interface UsageFlag {
  helpValue?: string;
  kind: FlagKind;
  options?: readonly string[];
  required?: boolean;
}

/** `guard show ID [--db FILE] [--json]`: arguments, then required flags, then the others. */
export function usageLineOf(command: string, args: CommandGrammar['args'], flags: ReadonlyArray<readonly [string, UsageFlag]>): string {
  const argWords = args.map((arg) => (arg.required ? arg.name.toUpperCase() : `[${arg.name.toUpperCase()}]`));
  const flagWords = [...flags]
    .sort(([a, one], [b, other]) => Number(Boolean(other.required)) - Number(Boolean(one.required)) || a.localeCompare(b))
    .map(([name, flag]) => {
      const value = flag.kind === 'boolean' ? '' : ` ${flag.options?.join('|') ?? flag.helpValue ?? 'VALUE'}`;
      return flag.required ? `--${name}${value}` : `[--${name}${value}]`;
    });
  return ['guard', command, ...argWords, ...flagWords].join(' ');
}

/** The words of a command read by guard's grammar: its flags, and its arguments in order. */
export interface CommandWords {
  flags: Map<string, string | true>;
  positional: string[];
}

/**
 * Reads the words of a command other than run and check by guard's grammar, so each kind of
 * usage error has one wording whichever command meets it: an unknown flag, a value missing
 * or not allowed, a value flag given twice, two flags that exclude each other, a required
 * flag or argument missing, an argument too many. The oclif commands check their words with
 * it before oclif parses them; the lean path (lean-read.ts) takes what it read.
 */
export function checkCommandWords(words: readonly string[], grammar: CommandGrammar): CommandWords {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index]!;
    if (word === '--') {
      positional.push(...words.slice(index + 1));
      break;
    }

    if (!word.startsWith('-') || word === '-') {
      positional.push(word);
      index++;
      continue;
    }

    const read = readFlag(words, index, grammar.flags, grammar.command);
    remember(flags, read, grammar.flags[read.name]!);
    index = read.next;
  }

  for (const [a, b] of grammar.exclusive) if (flags.has(a) && flags.has(b)) throw usage.conflicting(a, b);
  const required = Object.entries(grammar.flags).find(([name, shape]) => shape.required && !flags.has(name));
  if (required) throw usage.missing(`--${required[0]}`, grammar.usageLine());
  const missingArg = grammar.args.find((arg, position) => arg.required && positional[position] === undefined);
  if (missingArg) throw usage.missing(missingArg.name.toUpperCase(), grammar.usageLine());
  if (grammar.strict && positional.length > grammar.args.length) throw usage.unexpected(positional[grammar.args.length]!, grammar.command);
  return {flags, positional};
}
