import {Command, type Interfaces} from '@oclif/core';
import {GuardError, UsageError} from '../errors.js';
import {log, startLog} from '../log.js';
import {isValueWord, missingValue} from './argv.js';
import {exitStatusOf} from './lean.js';

// oclif's own shapes of parsed flags and args (its interfaces do not export them).
type Parsed = Record<string, any>;
type OclifError = Error & {code?: string; oclif?: {exit?: number}};

// oclif's messages span lines ("The following error occurred:", the reasons, "See more help…"); guard's is one.
function oneLine(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.replaceAll(/\u001B\[[0-9;]*m/g, '').replaceAll(/\s+/g, ' ').trim())
    .filter((line) => line && !line.startsWith('See more help'));
  if (/^The following errors? occurred:$/.test(lines[0] ?? '')) return lines.slice(1).join('; ');
  return lines.join((lines[0] ?? '').endsWith(':') ? ' ' : '; ') || message;
}

/**
 * guard's grammar for a value flag, before oclif parses: the value is the next word unless
 * that begins with `-` (oclif would take `--name --jsn` as a name, and `--since --json` was
 * an internal error). The lean parser of `run` and `check` applies the same rule.
 */
function checkValues(argv: readonly string[], flags: Interfaces.FlagInput): void {
  for (let index = 0; index < argv.length && argv[index] !== '--'; index++) {
    const word = argv[index]!;
    if (!word.startsWith('--') || word.includes('=')) continue;
    if (flags[word.slice(2)]?.type !== 'option') continue;
    if (!isValueWord(argv[index + 1])) throw missingValue(word, argv[index + 1]);
    index++;
  }
}

/** What every guard command shares: a failure is one `guard: …` line and the contract's exit status. */
export abstract class GuardCommand extends Command {
  protected override async init(): Promise<void> {
    startLog();
    await super.init();
  }

  // Whatever oclif's parser refuses (a missing or bad value, a flag too many) is a usage error: 64.
  protected override async parse<F extends Parsed, B extends Parsed, A extends Parsed>(
    options?: Interfaces.Input<F, B, A>,
    argv: string[] = this.argv,
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    checkValues(argv, (options ?? (this.ctor as unknown as Interfaces.Input<F, B, A>)).flags ?? {});
    try {
      return await super.parse(options, argv);
    } catch (error) {
      if (error instanceof GuardError || (error as OclifError).code === 'EEXIT') throw error;
      throw new UsageError(oneLine((error as Error).message));
    }
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

    if (error.code !== 'EEXIT') log().error(oneLine(error.message));
    process.exitCode = frameworkExit;
  }
}
