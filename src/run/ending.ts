import {constants} from 'node:os';
import type {RunStatus} from '../audit/row.js';
import {elapsed} from '../duration.js';

/** How an attempt ended, as the last line of a `--quiet` run that did not succeed tells it. */
export interface Ending {
  attempt: number;
  /** Attempts the run may make: retries + 1. */
  attempts: number;
  durationMs: number;
  exitCode: number;
  /** The audit row, or null when the end could not be recorded. */
  id: number | null;
  name: string;
  status: RunStatus;
  /** For an attempt that never started its command: what it was waiting for (`waiting for lock 'backup'`). */
  waiting?: string;
}

const signalNames = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));
const signalOf = (exitCode: number) => signalNames.get(exitCode - 128) ?? `signal ${exitCode - 128}`;

/**
 * `backup failed with exit status 3 after 2m10s (run 812)`: under `--quiet` a failure is
 * mailed by cron, and its output alone may not say how the run ended, nor which row to
 * `guard show`.
 */
export function endingLine(ending: Ending): string {
  const {exitCode, status} = ending;
  const how =
    status === 'timed_out'
      ? 'timed out'
      : status === 'killed'
        ? `was killed by ${signalOf(exitCode)}`
        : status === 'interrupted'
          ? `was interrupted by ${signalOf(exitCode)}${ending.waiting ? ` while ${ending.waiting}` : ''}`
          : status === 'failed'
            ? 'failed'
            : `ended ${status.replaceAll('_', ' ')}`;
  const attempt = ending.attempts > 1 ? `, attempt ${ending.attempt} of ${ending.attempts}` : '';
  const row = ending.id === null ? 'not recorded' : `run ${ending.id}`;
  return `${ending.name} ${how} with exit status ${exitCode} after ${elapsed(ending.durationMs)} (${row}${attempt})`;
}
