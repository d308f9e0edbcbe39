import {startLog} from '../log.js';
import {exitStatusOf} from './failure.js';
export {changedV8Flags, walkedParsedCode, whenV8FlagsChange} from '../shell/parser.js';
export {packsFrom} from './packs-bundle.js';
export {buildFrom} from '../version.js';
export {outputWritten} from '../print.js';
import {checkCommand} from '../run/check.js';
import {parseCheckArgv} from './check-request.js';
import {flagsOf, wordsOf} from './lean-words.js';
import {locksFlags} from './locks-flags.js';
import {parseRunArgv} from './run-request.js';

/**
 * `guard run` without oclif: start-up is part of the product, and this path loads only
 * what a run needs. Returns `help` when oclif should answer instead.
 */
export async function leanRun(words: readonly string[]): Promise<number | 'help'> {
  try {
    startLog();
    const request = parseRunArgv(words);
    if (request === 'help') return 'help';
    // Loaded here, not at the top: in the bundle that keeps the runner (child_process, net,
    // tty) and the audit log out of `guard check`'s start-up.
    const {guardedRun} = await import('../run/guarded-run.js');
    return await guardedRun(request, {cwd: process.cwd(), env: process.env});
  } catch (error) {
    return exitStatusOf(error);
  }
}

/** `guard check` on the same lean path: the policy's decision, without running anything. */
export async function leanCheck(words: readonly string[]): Promise<number | 'help'> {
  try {
    startLog();
    const request = parseCheckArgv(words);
    if (request === 'help') return 'help';
    return await checkCommand(request, {cwd: process.cwd(), env: process.env});
  } catch (error) {
    return exitStatusOf(error);
  }
}

/** `guard locks` on this host on the same lean path; help and --fleet go to oclif. */
export async function leanLocks(words: readonly string[]): Promise<number | 'help'> {
  try {
    startLog();
    const found = wordsOf('locks', words, locksFlags);
    if (found === 'help') return 'help';
    // Loaded here, as the runner is: the audit log and the lock folder stay out of check's
    // start-up, and out of a usage error's or help's.
    const {localLocks} = await import('./locks.js');
    await localLocks(flagsOf(found, locksFlags));
    return 0;
  } catch (error) {
    return exitStatusOf(error);
  }
}
