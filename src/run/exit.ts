import {constants} from 'node:os';
import type {RunStatus} from '../audit/row.js';
import {exitStatus, signalStatus} from '../exit-status.js';
import type {Outcome} from '../runner/run-command.js';

/** How a command that guard started can end, as the audit row names it. */
export type CommandStatus = Extract<RunStatus, 'failed' | 'interrupted' | 'killed' | 'lock_lost' | 'succeeded' | 'timed_out'>;

/** How an attempt ended, in the contract's terms: its status and guard's exit status. */
export interface Exit {
  exitCode: number;
  /** Why it failed, when the exit code alone does not say (not found, not executable). */
  problem: string | null;
  status: CommandStatus;
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 0;
}

/** The contract's exit-status table applied to how the command ended. */
export function exitOf(outcome: Outcome, program: string): Exit {
  if (outcome.spawnError) {
    const missing = outcome.spawnError.code === 'ENOENT';
    return {
      exitCode: missing ? exitStatus.notFound : exitStatus.notExecutable,
      problem: missing
        ? `cannot run '${program}': command not found`
        : `cannot run '${program}': ${outcome.spawnError.code === 'EACCES' ? 'permission denied (not executable)' : outcome.spawnError.message}`,
      status: 'failed',
    };
  }

  if (outcome.interruptedBy) {
    return {exitCode: signalStatus(signalNumber(outcome.interruptedBy)), problem: null, status: 'interrupted'};
  }

  if (outcome.timedOut) return {exitCode: exitStatus.timedOut, problem: null, status: 'timed_out'};
  if (outcome.signal) return {exitCode: signalStatus(signalNumber(outcome.signal)), problem: null, status: 'killed'};
  const exitCode = outcome.exitCode ?? exitStatus.internal;
  return {exitCode, problem: null, status: exitCode === 0 ? 'succeeded' : 'failed'};
}
