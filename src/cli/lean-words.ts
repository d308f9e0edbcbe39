// How the lean path reads a command's words, by the same grammar its oclif twin uses
// (src/cli/argv.ts): a usage error is the same line and exit 64 on both paths.
import {checkCommandWords, exclusivePairs, usageLineOf, type CommandGrammar, type CommandWords} from './argv.js';
import type {FlagSpecs, ParsedFlags} from './flag-spec.js';

/** The words by guard's grammar for the command, as its oclif twin reads them; `help` for oclif to answer (help, and --fleet, which oclif's command reads). */
export function wordsOf(command: string, words: readonly string[], specs: FlagSpecs, args: CommandGrammar['args'] = []): CommandWords | 'help' {
  if (words.some((word) => word === '-h' || word === '--help')) return 'help';
  const shapes = Object.entries(specs);
  const found = checkCommandWords(words, {
    args,
    command,
    exclusive: exclusivePairs(shapes),
    flags: Object.fromEntries(shapes),
    strict: true,
    usageLine: () => usageLineOf(command, args, shapes),
  });
  return found.flags.has('fleet') ? 'help' : found;
}

/** The flags as oclif gives them: a switch true or false, a value or undefined. */
export function flagsOf<S extends FlagSpecs>(read: CommandWords, specs: S): ParsedFlags<S> {
  const value = (name: string) => {
    const given = read.flags.get(name);
    return typeof given === 'string' ? given : undefined;
  };
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.kind === 'boolean' ? read.flags.has(name) : value(name)])) as ParsedFlags<S>;
}
