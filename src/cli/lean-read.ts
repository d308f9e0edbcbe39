// `guard history`, `show ID`, `stats` and `verify` without oclif, as src/cli/lean.ts does
// for run and check: loading @oclif/core and its ~300 files was most of their time. Only a
// plain reading of this host's log comes here; help and --fleet go to oclif, which words help
// and reads the fleet.
import {startLog} from '../log.js';
export {outputWritten} from '../print.js';
import type {CommandGrammar, CommandWords} from './argv.js';
import {exitStatusOf} from './failure.js';
import type {FlagSpecs} from './flag-spec.js';
import {historyFilter, historyFlags, localHistory} from './history.js';
import {flagsOf, wordsOf} from './lean-words.js';
import {showArgs, showFlags, showLocalRun} from './show.js';
import {localStats, statsFlags, statsSince} from './stats.js';
import {verifyFlags, verifyLocal} from './verify.js';

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
export function leanRead(words: readonly string[], command: keyof typeof readers): number | 'help' {
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
