import type {EndFields, RunRow, RunStatus, StartFields} from '../audit/row.js';
import type {AuditStore} from '../audit/store.js';
import {log} from '../log.js';
import {printJson} from '../print.js';
import {endingLine, type Ending} from './ending.js';
import type {LogWaits} from './log-wait.js';
import type {EndedRun, RunMonitor} from './monitor-step.js';
import {notRunFields, printedRecord} from './record.js';
import type {Run} from './run-state.js';

/** An attempt's final row as the log holds it, or, when the log could not take it, the fields it would hold. */
export type EndedRow = Omit<Partial<RunRow>, 'id'> & EndFields & EndedRun;

export interface AttemptEnd {
  /** Set for an attempt that ran its command; a row that never started one has none. */
  attempt?: number;
  /** Bytes of each output tail the row keeps. */
  kept: {stderr: number; stdout: number};
  /** The run's last attempt: the monitors hear of it (with the store, when the row is in it). */
  last: {monitor: RunMonitor; store: AuditStore | undefined} | null;
  /** The error that kept the row from the log, if one did. */
  notRecorded?: {error: unknown; what: string};
  row: EndedRow;
}

/**
 * The end of an attempt, said once: to guard's log (or why it is not recorded), as the run
 * record under --json, and, for the last attempt, to the monitors.
 */
export function endAttempt({json, waits}: {json: boolean; waits: LogWaits}, end: AttemptEnd): void {
  const {row} = end;
  if (end.notRecorded) log().error(`${(end.notRecorded.error as Error).message}; ${end.notRecorded.what}`);
  else {
    const attempt = end.attempt === undefined ? {} : {attempt: end.attempt};
    log().info('run ended', {...attempt, audit_wait_ms: Math.round(waits.longestMs), exit_code: row.exit_code, head: row.hash, id: row.id, status: row.status});
  }

  if (json) printJson('stderr', printedRecord(row, end.kept), {oneLine: true});
  end.last?.monitor.ended(row, end.last.store);
}

const noTails = {stderr: 0, stdout: 0};

/**
 * An attempt that never started its command still leaves a final row. `waiting`: what a
 * signal interrupted, for the last line of a --quiet run (a busy lock and a dry run say
 * their own line; a signal has none).
 */
export async function recordNotRun(run: Run, start: StartFields, status: RunStatus, exitCode: number, error: string, notes: string[], waiting?: string): Promise<number> {
  const row = await run.waits.before(run.store.writes.recordFinished({...start, ...notRunFields(status, exitCode, error, new Date(start.started_at)), notes}));
  if (run.plan.quiet && waiting) run.ending.line = endingLine(endingOf(run, row, exitCode, start.attempt, waiting));
  endAttempt({json: run.request.json, waits: run.waits}, {kept: noTails, last: {monitor: run.monitor, store: run.store}, row});
  return exitCode;
}

/** How the run ended, for the last line of a --quiet run. */
export function endingOf(run: Run, row: Pick<EndedRun, 'duration_ms' | 'id' | 'status'>, exitCode: number, attempt: number, waiting?: string): Ending {
  const attempts = run.plan.retry.retries + 1;
  return {attempt, attempts, durationMs: row.duration_ms ?? 0, exitCode, id: row.id, name: run.request.name, status: row.status, ...(waiting ? {waiting} : {})};
}
