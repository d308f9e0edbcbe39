// `guard history`, `show ID`, `stats` and `verify` without oclif, as src/cli/lean.ts does
// for run and check: loading @oclif/core and its ~300 files was most of their time. Only a
// plain reading of this host's log comes here; help and --fleet go to oclif, which words help
// and reads the fleet.
import {startLog} from '../log.js';
import {checkCommandWords, exclusivePairs, usageLineOf, type CommandGrammar, type CommandWords} from './argv.js';
import {exitStatusOf} from './failure.js';
import type {FlagSpecs, ParsedFlags} from './flag-spec.js';
import {historyFilter, historyFlags, localHistory} from './history.js';
import {showArgs, showFlags, showLocalRun} from './show.js';
import {localStats, statsFlags, statsSince} from './stats.js';
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
function flagsOf<S extends FlagSpecs>(read: CommandWords, specs: S): ParsedFlags<S> {
  const value = (name: string) => {
    const given = read.flags.get(name);
    return typeof given === 'string' ? given : undefined;
  };
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.kind === 'boolean' ? read.flags.has(name) : value(name)])) as ParsedFlags<S>;
}

/** A reading command: its flags and arguments, and what it does with them once read. */
interface Reader {
  args?: CommandGrammar['args'];
  specs: FlagSpecs;
  read(found: CommandWords): void;
}

const readers = {
  history: {
    specs: historyFlags,
    read(found) {
      const flags = flagsOf(found, historyFlags);
      localHistory(flags, historyFilter(flags));
    },
  },
  show: {args: showArgs, specs: showFlags, read: (found) => showLocalRun(found.positional[0]!, flagsOf(found, showFlags))},
  stats: {
    specs: statsFlags,
    read(found) {
      const flags = flagsOf(found, statsFlags);
      localStats(flags, statsSince(flags));
    },
  },
  verify: {specs: verifyFlags, read: (found) => verifyLocal(flagsOf(found, verifyFlags))},
} satisfies Record<string, Reader>;

/** `guard history`, `show`, `stats` or `verify` on the lean path; `help` when oclif should answer instead. */
export function leanRead(command: keyof typeof readers, words: readonly string[]): number | 'help' {
  try {
    startLog();
    const reader: Reader = readers[command];
    const found = wordsOf(command, words, reader.specs, reader.args);
    if (found === 'help') return 'help';
    reader.read(found);
    return 0;
  } catch (error) {
    return exitStatusOf(error);
  }
}
