import {Command} from '@oclif/core';
import {GuardError} from '../errors.js';
import {log, startLog} from '../log.js';
import {exitStatusOf} from './lean.js';

type OclifError = Error & {code?: string; oclif?: {exit?: number}};

// oclif's messages span lines ("The following error occurred:", the reasons, "See more help…"); guard's is one.
function oneLine(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.replaceAll(/\u001B\[[0-9;]*m/g, '').trim())
    .filter((line) => line && !line.startsWith('See more help'));
  return /^The following errors? occurred:$/.test(lines[0] ?? '') ? lines.slice(1).join('; ') : (lines[0] ?? message);
}

/** What every guard command shares: a failure is one `guard: …` line and the contract's exit status. */
export abstract class GuardCommand extends Command {
  protected override async init(): Promise<void> {
    startLog();
    await super.init();
  }

  protected override async catch(error: OclifError): Promise<void> {
    // A failure stays one line: under NODE_ENV=development or test oclif would add a warning
    // that a command which failed before or while parsing "did not parse its arguments".
    this.parsed = true;
    const frameworkExit = error instanceof GuardError ? undefined : error.oclif?.exit;
    if (frameworkExit === undefined) {
      process.exitCode = exitStatusOf(error);
      return;
    }

    // oclif's own parse errors (exit codes remapped to 64 in package.json), through guard's log like every other line.
    if (error.code !== 'EEXIT') log().error(oneLine(error.message));
    process.exitCode = frameworkExit;
  }
}
