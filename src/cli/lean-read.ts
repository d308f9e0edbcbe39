// `guard history`, `show ID`, `stats` and `verify` without oclif, as src/cli/lean.ts does
// for run and check: loading @oclif/core and its ~300 files was most of their time. Only a
// plain reading of this host's log comes here; help and --fleet go to oclif, which words help
// and reads the fleet.
import {startLog} from '../log.js';
import {checkCommandWords, exclusivePairs, usageLineOf, type CommandGrammar, type CommandWords} from './argv.js';
import {exitStatusOf} from './failure.js';
import type {FlagSpecs} from './flag-spec.js';
import {historyFilter, localHistory} from './history.js';
import {historyFlags, type HistoryFlags} from './history-flags.js';
import {showArgs, showFlags, showLocalRun} from './show.js';
import {localStats, statsFlags, statsSince, type StatsFlags} from './stats.js';
import {verifyFlags, verifyLocal} from './verify.js';

/** The words by guard's grammar for the command, as its oclif twin reads them; `help` for oclif to answer. */
function wordsOf(command: string, words: readonly string[], specs: FlagSpecs, args: CommandGrammar['args'] = []): CommandWords | 'help' {
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
function flagsOf<F>(read: CommandWords, specs: FlagSpecs): F {
  const value = (name: string) => {
    const given = read.flags.get(name);
    return typeof given === 'string' ? given : undefined;
  };
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.kind === 'boolean' ? read.flags.has(name) : value(name)])) as F;
}

const readers = {
  history(words: readonly string[]) {
    const read = wordsOf('history', words, historyFlags);
    if (read === 'help') return read;
    const flags = flagsOf<HistoryFlags>(read, historyFlags);
    localHistory(flags, historyFilter(flags));
    return 0;
  },
  stats(words: readonly string[]) {
    const read = wordsOf('stats', words, statsFlags);
    if (read === 'help') return read;
    const flags = flagsOf<StatsFlags>(read, statsFlags);
    localStats(flags, statsSince(flags));
    return 0;
  },
  verify(words: readonly string[]) {
    const read = wordsOf('verify', words, verifyFlags);
    if (read === 'help') return read;
    verifyLocal(flagsOf<{db?: string; head?: string}>(read, verifyFlags));
    return 0;
  },
  show(words: readonly string[]) {
    const read = wordsOf('show', words, showFlags, showArgs);
    if (read === 'help') return read;
    showLocalRun(read.positional[0]!, flagsOf<{db?: string; json: boolean}>(read, showFlags));
    return 0;
  },
};

/** `guard history`, `show`, `stats` or `verify` on the lean path; `help` when oclif should answer instead. */
export function leanRead(command: keyof typeof readers, words: readonly string[]): number | 'help' {
  try {
    startLog();
    return readers[command](words);
  } catch (error) {
    return exitStatusOf(error);
  }
}
