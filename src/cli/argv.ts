import {UsageError} from '../errors.js';
import type {FlagSpecs} from './flag-spec.js';

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

/**
 * Splits `[flags] [--] CMD [ARGS...]`: guard's flags end at `--` or at the first word that
 * is neither a flag nor a flag's value; everything after reaches the command untouched.
 * With `--` present, every word before it must be a flag or a flag's value, so a typo such
 * as `--timeout 5 mins -- job` is a usage error rather than a command named `mins`.
 */
export function splitArgv(words: readonly string[], specs: FlagSpecs, command = 'run'): SplitArgv {
  const flags = new Map<string, string | true>();
  const separator = words.indexOf('--');
  let help = false;
  let index = 0;
  for (; index < words.length; index++) {
    const word = words[index]!;
    if (word === '--') {
      index++;
      break;
    }

    if (word === '-h' || word === '--help') {
      help = true;
      continue;
    }

    if (!word.startsWith('-') || word === '-') {
      if (separator !== -1 && !help) {
        throw new UsageError(`unexpected word '${word}' before --: only guard's flags and their values go there, the command after it`);
      }

      break;
    }

    if (!word.startsWith('--')) throw new UsageError(`unknown flag ${word}`);
    const equals = word.indexOf('=');
    const name = word.slice(2, equals === -1 ? undefined : equals);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown flag --${name}`);
    const inline = equals === -1 ? undefined : word.slice(equals + 1);
    const next = words[index + 1];
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (inline !== undefined) {
      flags.set(name, inline);
    } else if (isValueWord(next)) {
      flags.set(name, next);
      index++;
    } else if (spec.kind === 'optional-string') {
      flags.set(name, true);
    } else {
      throw missingValue(`--${name}`, next);
    }
  }

  const rest = words.slice(index);
  if (!help && rest.length === 0) throw new UsageError(`no command given: guard ${command} [flags] -- CMD [ARGS...]`);
  if (!help && rest[0] === '') throw new UsageError('the command is an empty word');
  return {command: rest, flags, help};
}
