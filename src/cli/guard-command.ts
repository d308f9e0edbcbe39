import {Command} from '@oclif/core';
import {GuardError} from '../errors.js';
import {exitStatusOf} from './lean.js';

type OclifError = Error & {code?: string; oclif?: {exit?: number}};

/** What every guard command shares: a failure is one `guard: …` line and the contract's exit status. */
export abstract class GuardCommand extends Command {
  protected override async catch(error: OclifError): Promise<void> {
    const frameworkExit = error instanceof GuardError ? undefined : error.oclif?.exit;
    if (frameworkExit === undefined) {
      process.exitCode = exitStatusOf(error);
      return;
    }

    // oclif's own parse errors (exit codes remapped to 64 in package.json), on one line.
    if (error.code !== 'EEXIT') process.stderr.write(`guard: ${error.message.split('\n')[0]}\n`);
    process.exitCode = frameworkExit;
  }
}
