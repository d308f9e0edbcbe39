import {format} from 'node:util';
import {Command, type Interfaces} from '@oclif/core';
import {GuardError, UsageError} from '../errors.js';
import {log, startLog} from '../log.js';
import {print} from '../print.js';
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

// No argv word can hold NUL: it marks a value oclif would otherwise take for a flag.
const mark = '\u0000';

/**
 * guard's grammar for value flags, applied before oclif parses: the value is the next word
 * unless that begins with `-` (oclif took `--name --jsn` as a name, and `--since --json` was
 * an internal error), and `--flag=VALUE` takes VALUE as it is (oclif refused `--grep=--json`).
 * The lean parser of `run` and `check` follows the same rule.
 */
function valueWords(argv: readonly string[], flags: Interfaces.FlagInput): string[] {
  const words = [...argv];
  for (let index = 0; index < words.length && words[index] !== '--'; index++) {
    const word = words[index]!;
    if (!word.startsWith('--')) continue;
    const equals = word.indexOf('=');
    const name = word.slice(2, equals === -1 ? undefined : equals);
    if (flags[name]?.type !== 'option') continue;
    if (equals === -1) {
      if (!isValueWord(words[index + 1])) throw missingValue(word, words[index + 1]);
      index++;
    } else if (word[equals + 1] === '-') {
      words[index] = `${word.slice(0, equals + 1)}${mark}${word.slice(equals + 1)}`;
    }
  }

  return words;
}

// Each value flag's parse takes the mark off again.
function unmarking(flags: Interfaces.FlagInput): Interfaces.FlagInput {
  return Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => {
      if (flag.type !== 'option') return [name, flag];
      const parse = flag.parse as (input: string, ...rest: unknown[]) => Promise<unknown>;
      return [name, {...flag, parse: (input: string, ...rest: unknown[]) => parse(input.replace(mark, ''), ...rest)}];
    }),
  );
}

/** What every guard command shares: a failure is one `guard: …` line and the contract's exit status. */
export abstract class GuardCommand extends Command {
  protected override async init(): Promise<void> {
    startLog();
    await super.init();
  }

  // What a command prints goes through guard's one door to the terminal, control characters spelled out.
  public override log(message = '', ...args: unknown[]): void {
    print('stdout', `${format(message, ...args)}\n`);
  }

  public override logToStderr(message = '', ...args: unknown[]): void {
    print('stderr', `${format(message, ...args)}\n`);
  }

  public override warn(input: Error | string): Error | string {
    log().warn(typeof input === 'string' ? input : input.message);
    return input;
  }

  // Whatever oclif's parser refuses (a missing or bad value, a flag too many) is a usage error: 64.
  protected override async parse<F extends Parsed, B extends Parsed, A extends Parsed>(
    options?: Interfaces.Input<F, B, A>,
    argv: string[] = this.argv,
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const input = options ?? (this.ctor as unknown as Interfaces.Input<F, B, A>);
    const words = valueWords(argv, input.flags ?? {});
    const marked = words.some((word, index) => word !== argv[index]);
    try {
      return await super.parse(marked ? {...input, flags: unmarking(input.flags ?? {}) as typeof input.flags} : options, words);
    } catch (error) {
      if (error instanceof GuardError || (error as OclifError).code === 'EEXIT') throw error;
      throw new UsageError(oneLine((error as Error).message.replaceAll(mark, '')));
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
