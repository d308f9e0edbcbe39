// `guard history` without oclif, as src/cli/lean.ts does for run and check: loading
// @oclif/core and its ~300 files was most of the command's time. Only a plain reading of
// this host's log comes here; help, --fleet and anything oclif should word go to oclif.
import {startLog} from '../log.js';
import {checkCommandWords, exclusivePairs, type CommandGrammar} from './argv.js';
import {exitStatusOf} from './failure.js';
import type {FlagSpecs} from './flag-spec.js';
import {historyFilter, localHistory} from './history.js';
import {historyFlags, type HistoryFlags} from './history-flags.js';

/** guard's grammar for a command with flags and no arguments, from its flag data. */
function grammarOf(command: string, specs: FlagSpecs): CommandGrammar {
  return {
    args: [],
    command,
    exclusive: exclusivePairs(Object.entries(specs)),
    flags: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, {kind: spec.kind, options: spec.options, required: spec.required}])),
    strict: true,
    // No flag of these is required and there are no arguments: no error needs the line.
    usageLine: () => `guard ${command}`,
  };
}

/** The words as flags by guard's grammar; `help` for oclif to answer: help, --fleet. */
function historyFlagsOf(words: readonly string[]): HistoryFlags | 'help' {
  if (words.some((word) => word === '-h' || word === '--help')) return 'help';
  checkCommandWords(words, grammarOf('history', historyFlags));
  const flags: HistoryFlags = {all: false, csv: false, failed: false, fleet: false, json: false};
  const values = flags as unknown as Record<string, string | boolean | undefined>;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (word === '--') break;
    const equals = word.indexOf('=');
    const name = word.slice(2, equals === -1 ? undefined : equals);
    if (historyFlags[name as keyof typeof historyFlags].kind === 'boolean') values[name] = true;
    else values[name] = equals === -1 ? words[++index] : word.slice(equals + 1);
  }

  return flags.fleet ? 'help' : flags;
}

/** `guard history` on the lean path; `help` when oclif should answer instead. */
export async function leanHistory(words: readonly string[]): Promise<number | 'help'> {
  try {
    startLog();
    const flags = historyFlagsOf(words);
    if (flags === 'help') return 'help';
    localHistory(flags, historyFilter(flags));
    return 0;
  } catch (error) {
    return exitStatusOf(error);
  }
}
