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
  const write = (message: string) => process.stderr.write(`guard: ${message}\n`);
  return {error: write, info() {}, warn: write};
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
