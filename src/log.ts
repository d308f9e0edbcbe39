// guard's own diagnostics: readable `guard: …` lines on stderr, or pino JSON lines when
// GUARD_LOG=json, or JSON lines appended to GUARD_LOG_FILE (stderr keeps the readable
// lines). The JSON log carries what the readable lines leave out, such as each run's new
// audit head hash, which is worth something only when a copy lives apart from the audit
// log: so a log file guard cannot open stops it before anything runs (startLog, exit 64),
// and one that fails later sends the rest of the JSON lines to stderr, saying so.
import {openSync, writeSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {systemCause, UsageError} from './errors.js';
import {makeFolders} from './paths.js';
import {escapeJsonControls, print, printLine} from './print.js';
import {createRedactor, redactStrings, type Redactor} from './redact/redactor.js';

type Fields = Record<string, unknown>;
type Env = Readonly<Record<string, string | undefined>>;

/** guard's own diagnostics. Never stdout: during `run` that belongs to the command. */
export interface Log {
  error(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
}

interface Sink {
  write(line: string): void;
}

const stderrSink: Sink = {write: (line) => print('stderr', line)};

// Readable lines for people: warnings and errors only, so a clean cron run prints nothing.
function humanLog(): Log {
  return {
    error: writeLine,
    info() {},
    warn(message) {
      if (silenced) return;
      if (heldWarnings) heldWarnings.push(message);
      else writeLine(message);
    },
  };
}

let redactor: Redactor | undefined;

/** From now on, log lines mask the secrets of this redactor (the run's policy patterns too). */
export function redactLogWith(runRedactor: Redactor): void {
  redactor = runRedactor;
}

// Before a policy is loaded, the built-in patterns: a line may quote the command from the start.
const masked = (): Redactor => (redactor ??= createRedactor([]));

const writeLine = (message: string) => printLine('stderr', `guard: ${masked().text(message)}`);

let heldWarnings: string[] | undefined;
let silenced = false;

/**
 * `--quiet`: guard's warnings wait with the command's output, to be dropped if the run
 * succeeds. Errors still print at once. Whatever was neither released nor dropped prints
 * when guard exits: a warning may be late, never lost.
 */
export function holdWarnings(): void {
  if (heldWarnings) return;
  heldWarnings = [];
  process.once('exit', releaseWarnings);
}

/** Prints the held warnings, in order; from now on warnings print at once. */
export function releaseWarnings(): void {
  const lines = heldWarnings ?? [];
  heldWarnings = undefined;
  for (const line of lines) writeLine(line);
}

/**
 * A `--quiet` run that succeeded prints nothing at all, since cron mails whatever is printed:
 * the held warnings are dropped, and so is every later one (a ping that fails after the run).
 * The JSON log and GUARD_LOG_FILE still get them.
 */
export function silenceWarnings(): void {
  heldWarnings = undefined;
  silenced = true;
}

/** Appends to the file (made 0600 in a 0700 folder when missing: it names commands and hashes); throws UsageError when it cannot be opened. */
function fileSink(path: string): Sink {
  let fd: number;
  try {
    makeFolders(dirname(path), 0o700);
    fd = openSync(path, 'a', 0o600);
  } catch (error) {
    throw new UsageError(`GUARD_LOG_FILE ${path}: cannot open it: ${systemCause(error)}`);
  }

  let failed = false;
  return {
    write(line) {
      if (!failed) {
        try {
          writeSync(fd, line);
          return;
        } catch (error) {
          failed = true;
          printLine('stderr', `guard: GUARD_LOG_FILE ${path}: cannot write to it: ${systemCause(error)}; the JSON log lines follow on stderr`);
        }
      }

      stderrSink.write(line);
    },
  };
}

// pino costs start-up time, so it is loaded only when JSON lines or a log file are asked for.
function pinoLog(sink: Sink, human: Log | undefined): Log {
  const require = createRequire(import.meta.url);
  const pino = require('pino') as typeof import('pino');
  // Lines for a file or stderr alike: whoever reads them later reads them on a terminal.
  const logger = pino.pino({base: {pid: process.pid}, name: 'guard'}, {write: (line: string) => sink.write(escapeJsonControls(line))});
  const line = (level: 'error' | 'info' | 'warn', message: string, fields: Fields = {}) =>
    logger[level](redactStrings(masked(), fields), masked().text(message));
  return {
    error(message, fields) {
      line('error', message, fields);
      human?.error(message);
    },
    info(message, fields) {
      line('info', message, fields);
    },
    warn(message, fields) {
      line('warn', message, fields);
      human?.warn(message);
    },
  };
}

let current: Log | undefined;
let problem: UsageError | undefined;

function chooseLog(env: Env): Log {
  const json = env.GUARD_LOG === 'json';
  if (!env.GUARD_LOG_FILE) return json ? pinoLog(stderrSink, undefined) : humanLog();
  try {
    return pinoLog(fileSink(env.GUARD_LOG_FILE), json ? undefined : humanLog());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    problem = error;
    return json ? pinoLog(stderrSink, undefined) : humanLog();
  }
}

/** The log, made on first use; when GUARD_LOG_FILE cannot be opened it is stderr's, and startLog says why. */
export function log(): Log {
  current ??= chooseLog(process.env);
  return current;
}

/** Opens the log before a command does anything; throws UsageError (64) when GUARD_LOG_FILE cannot be opened. */
export function startLog(): void {
  log();
  if (problem) throw problem;
}
