import {format} from 'node:util';
import {Command, type Interfaces} from '@oclif/core';
import {GuardError, UsageError} from '../errors.js';
import {log, startLog} from '../log.js';
import {print, printJson, printPieceLines, type Piece} from '../print.js';
import {checkCommandWords, exclusivePairs, usageLineOf, type CommandGrammar, type UsageFlag} from './argv.js';
import type {Look} from './look.js';
import {exitStatusOf} from './failure.js';

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

// `--flag=VALUE` takes VALUE as it is (oclif refused `--grep=--json`): a value that begins
// with - travels marked past oclif's own check.
function markedValues(argv: readonly string[], flags: Interfaces.FlagInput): string[] {
  const separator = argv.indexOf('--');
  return argv.map((word, index) => {
    if ((separator !== -1 && index >= separator) || !word.startsWith('--')) return word;
    const equals = word.indexOf('=');
    if (equals === -1 || word[equals + 1] !== '-' || flags[word.slice(2, equals)]?.type !== 'option') return word;
    return `${word.slice(0, equals + 1)}${mark}${word.slice(equals + 1)}`;
  });
}

// An oclif command as guard's grammar sees it (argv.ts).
function grammarOf(input: Interfaces.Input<Parsed, Parsed, Parsed>, command: string): CommandGrammar {
  const flags = input.flags ?? {};
  const args = Object.entries(input.args ?? {}).map(([name, arg]) => ({name, required: Boolean(arg.required)}));
  const shapes = Object.entries(flags).map(([name, flag]): [string, UsageFlag] =>
    flag.type === 'boolean' ? [name, {kind: 'boolean', required: Boolean(flag.required)}] : [name, {helpValue: flag.helpValue?.toString(), kind: 'value', options: flag.options, required: Boolean(flag.required)}],
  );
  return {
    args,
    command,
    exclusive: exclusivePairs(Object.entries(flags)),
    flags: Object.fromEntries(shapes),
    strict: input.strict !== false,
    usageLine: () => usageLineOf(command, args, shapes),
  };
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

  /** A command's `--json` answer on stdout, indented, control characters escaped: one way for every command. */
  public override logJson(value: unknown): void {
    printJson('stdout', value);
  }

  /** Lines of pieces (a table with its marks), in colour when the look says so. */
  protected logLines(lines: readonly Piece[][], look: Look): void {
    printPieceLines('stdout', lines, look.colour);
  }

  public override warn(input: Error | string): Error | string {
    log().warn(typeof input === 'string' ? input : input.message);
    return input;
  }

  /** The command as typed: `policy show`. */
  protected typed(): string {
    return this.id?.replaceAll(':', ' ') ?? '';
  }

  // Whatever oclif's parser refuses (a missing or bad value, a flag too many) is a usage error: 64.
  protected override async parse<F extends Parsed, B extends Parsed, A extends Parsed>(
    options?: Interfaces.Input<F, B, A>,
    argv: string[] = this.argv,
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const input = options ?? (this.ctor as unknown as Interfaces.Input<F, B, A>);
    checkCommandWords(argv, grammarOf(input as never, this.typed()));
    const words = markedValues(argv, input.flags ?? {});
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
