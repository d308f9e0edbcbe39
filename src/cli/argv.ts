import {UsageError} from '../errors.js';
import type {FlagSpecs} from './flag-spec.js';

export interface SplitArgv {
  command: string[];
  flags: Map<string, string | true>;
  help: boolean;
}

/**
 * Splits `[flags] [--] CMD [ARGS...]`: guard's flags end at `--` or at the first word that
 * is neither a flag nor a flag's value; everything after reaches the command untouched.
 */
export function splitArgv(words: readonly string[], specs: FlagSpecs, command = 'run'): SplitArgv {
  const flags = new Map<string, string | true>();
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

    if (!word.startsWith('-') || word === '-') break;
    if (!word.startsWith('--')) throw new UsageError(`unknown flag ${word}`);
    const equals = word.indexOf('=');
    const name = word.slice(2, equals === -1 ? undefined : equals);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown flag --${name}`);
    const inline = equals === -1 ? undefined : word.slice(equals + 1);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (spec.kind === 'optional-string') {
      const next = words[index + 1];
      if (inline !== undefined) flags.set(name, inline);
      else if (next !== undefined && !next.startsWith('-')) flags.set(name, words[++index]!);
      else flags.set(name, true);
    } else {
      const value = inline ?? words[++index];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }

  const rest = words.slice(index);
  if (!help && rest.length === 0) throw new UsageError(`no command given: guard ${command} [flags] -- CMD [ARGS...]`);
  if (!help && rest[0] === '') throw new UsageError('the command is an empty word');
  return {command: rest, flags, help};
}
