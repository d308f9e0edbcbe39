import {hostname} from 'node:os';
import type {EndFields, RunRow, RunStatus, StartFields} from '../audit/row.js';
import {readProcessStat} from '../proc.js';
import type {Redactor} from '../redact/redactor.js';
import type {Outcome} from '../runner/run-command.js';
import {guardVersion} from '../version.js';
import {displayCommand} from './display.js';
import type {RunContext, RunPlan, RunRequest} from './request.js';
import type {Exit} from './exit.js';
import {userLabel} from '../user.js';

/** What the audit log learns before the command starts; the command column shows the masked argv. */
export function startFields(request: RunRequest, plan: RunPlan, context: RunContext, startedAt: Date, redactor: Redactor): StartFields {
  const argv = redactor.argv(request.command);
  return {
    argv,
    attempt: 1,
    command: displayCommand(argv),
    cwd: context.cwd,
    decision: null,
    group_id: null,
    guard_version: guardVersion(),
    host: hostname(),
    lock: plan.lock?.name ?? null,
    lock_epoch: null,
    lock_scope: null,
    name: request.name,
    pid: process.pid,
    pid_start: readProcessStat(process.pid)?.startTime ?? 0,
    reason: request.reason,
    rules: null,
    started_at: startedAt.toISOString(),
    user: userLabel(),
  };
}

// A tail cut by the size limit starts inside a line, and a secret cut there has lost the
// shape a pattern knows (`EN=hunter2`, the last 30 characters of a token): that piece of a
// line is dropped. A tail that is one single cut line is kept whole.
function tailText({bytes, tail}: {bytes: number; tail: Buffer}): string {
  const text = tail.toString('utf8');
  const newline = bytes > tail.length ? text.indexOf('\n') : -1;
  return newline === -1 ? text : text.slice(newline + 1);
}

// The row says how to read its tails when they are one stream.
export const mergedNote = "stdout and stderr were one file, so the command wrote both to one pipe: stdout_tail holds both, in the order written";

/** What the audit log learns once the command has ended. */
export function endFields(outcome: Outcome, exit: Exit, startedAt: Date, notes: string[]): EndFields {
  return {
    duration_ms: outcome.durationMs,
    ended_at: new Date(startedAt.getTime() + outcome.durationMs).toISOString(),
    error: exit.problem,
    exit_code: exit.exitCode,
    killed: outcome.killed,
    notes: outcome.merged ? [...notes, mergedNote] : notes,
    orphans: outcome.orphans,
    signal: outcome.signal,
    status: exit.status,
    stderr_bytes: outcome.stderr.bytes,
    stderr_tail: tailText(outcome.stderr),
    stdout_bytes: outcome.stdout.bytes,
    stdout_tail: tailText(outcome.stdout),
    timed_out: outcome.timedOut,
  };
}

/** The end of an attempt that never started its command (a busy lock, a signal while waiting). */
export function notRunFields(status: RunStatus, exitCode: number, error: string, startedAt: Date): EndFields {
  return {
    duration_ms: Date.now() - startedAt.getTime(),
    ended_at: new Date().toISOString(),
    error,
    exit_code: exitCode,
    killed: false,
    notes: [],
    orphans: 0,
    signal: null,
    status,
    stderr_bytes: 0,
    stderr_tail: '',
    stdout_bytes: 0,
    stdout_tail: '',
    timed_out: false,
  };
}

/**
 * The run as `run --json` prints it: the audit row with the audit log's field names, the
 * tails replaced by how many bytes of each were kept (`guard show ID` prints the tails).
 */
export function printedRecord(row: Omit<Partial<RunRow>, 'id'> & EndFields & {id?: number | null}, kept: {stderr: number; stdout: number}) {
  const {stdout_tail: _stdout, stderr_tail: _stderr, ...rest} = row;
  return {...rest, stdout_kept: kept.stdout, stderr_kept: kept.stderr};
}
