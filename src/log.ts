import {createRequire} from 'node:module';

type Fields = Record<string, unknown>;

/** guard's own diagnostics. Never stdout: during `run` that belongs to the command. */
export interface Log {
  error(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
}

// Readable lines for people: warnings and errors only, so a clean cron run prints nothing.
function humanLog(): Log {
  return {error: writeLine, info() {}, warn: (message) => (heldWarnings ? heldWarnings.push(message) : writeLine(message))};
}

const writeLine = (message: string) => process.stderr.write(`guard: ${message}\n`);

let heldWarnings: string[] | undefined;

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

export function dropWarnings(): void {
  heldWarnings = undefined;
}

// pino costs start-up time, so it is loaded only when JSON lines or a log file are asked for.
function pinoLog(env: NodeJS.ProcessEnv): Log {
  const require = createRequire(import.meta.url);
  const pino = require('pino') as typeof import('pino');
  const destination = env.GUARD_LOG_FILE
    ? pino.destination({dest: env.GUARD_LOG_FILE, sync: true, mkdir: true})
    : pino.destination({dest: 2, sync: true});
  const logger = pino.pino({base: {pid: process.pid}, name: 'guard'}, destination);
  const human = env.GUARD_LOG === 'json' ? undefined : humanLog();
  return {
    error(message, fields) {
      logger.error(fields ?? {}, message);
      human?.error(message);
    },
    info(message, fields) {
      logger.info(fields ?? {}, message);
    },
    warn(message, fields) {
      logger.warn(fields ?? {}, message);
      human?.warn(message);
    },
  };
}

let current: Log | undefined;

export function log(): Log {
  current ??= process.env.GUARD_LOG === 'json' || process.env.GUARD_LOG_FILE ? pinoLog(process.env) : humanLog();
  return current;
}
