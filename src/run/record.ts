import type {Outcome} from '../runner/run-command.js';
import type {RunRequest} from './request.js';
import type {Settlement} from './settle.js';

/** The run as `--json` prints it, with the audit log's field names. */
export function runRecord(request: RunRequest, outcome: Outcome, settlement: Settlement) {
  return {
    name: request.name,
    argv: request.command,
    reason: request.reason,
    pid: process.pid,
    child_pid: outcome.pid,
    status: settlement.status,
    exit_code: settlement.exitCode,
    command_exit_code: outcome.exitCode,
    signal: outcome.signal,
    timed_out: outcome.timedOut,
    killed: outcome.killed,
    orphans: outcome.orphans,
    duration_ms: outcome.durationMs,
    stdout_bytes: outcome.stdout.bytes,
    stderr_bytes: outcome.stderr.bytes,
    stdout_kept: outcome.stdout.tail.length,
    stderr_kept: outcome.stderr.tail.length,
    error: settlement.problem,
  };
}
