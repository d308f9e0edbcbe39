import {createRequire} from 'node:module';
import {createRedactor, redactStrings, type Redactor} from './redact/redactor.js';

type Fields = Record<string, unknown>;

/** guard's own diagnostics. Never stdout: during `run` that belongs to the command. */
export interface Log {
  error(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
}

let redactor: Redactor | undefined;

/** From now on, log lines mask the secrets of this redactor (the run's policy patterns too). */
export function redactLogWith(runRedactor: Redactor): void {
  redactor = runRedactor;
}

// Before a policy is loaded, the built-in patterns: a line may quote the command from the start.
const masked = (): Redactor => (redactor ??= createRedactor([]));

// Readable lines for people: warnings and errors only, so a clean cron run prints nothing.
function humanLog(): Log {
  const write = (message: string) => process.stderr.write(`guard: ${masked().text(message)}\n`);
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

export function log(): Log {
  current ??= process.env.GUARD_LOG === 'json' || process.env.GUARD_LOG_FILE ? pinoLog(process.env) : humanLog();
  return current;
}
