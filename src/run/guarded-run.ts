import {constants} from 'node:os';
import {claimLease, releaseLease} from '../audit/leases.js';
import type {RunStatus, StartFields} from '../audit/row.js';
import {openAuditStore, type AuditStore} from '../audit/store.js';
import {formatDuration} from '../duration.js';
import {signalStatus} from '../exit-status.js';
import {lockDir} from '../lock/index.js';
import {log} from '../log.js';
import {auditDbPath, stateDir} from '../paths.js';
import {openOutputPipes} from '../runner/pipes.js';
import {runCommand, type Outcome} from '../runner/run-command.js';
import {SignalWatch} from '../runner/signals.js';
import {holdLock} from './lock-step.js';
import {endFields, notRunFields, printedRecord, startFields} from './record.js';
import {defaultTailBytes, type RunContext, type RunRequest} from './request.js';
import {settle} from './settle.js';

interface Attempt {
  context: RunContext;
  request: RunRequest;
  signals: SignalWatch;
  start: StartFields;
  startedAt: Date;
  store: AuditStore;
}

/**
 * record the start → lock → run → record the end → exit status. Nothing runs unless its
 * start is committed to the audit log, and every attempt, run or not, leaves a row.
 */
export async function guardedRun(request: RunRequest, context: RunContext): Promise<number> {
  const signals = new SignalWatch();
  const pipes = openOutputPipes();
  const store = openAuditStore(auditDbPath({env: context.env, flag: request.db}));
  try {
    const startedAt = new Date();
    const attempt = {context, request, signals, start: startFields(request, context, startedAt), startedAt, store};
    return request.lock ? await runLocked(attempt, pipes) : await runRecorded(attempt, pipes, {}, [], []);
  } finally {
    store.close();
  }
}

async function runLocked(attempt: Attempt, pipes: ReturnType<typeof openOutputPipes>): Promise<number> {
  const {context, request, signals, start, store} = attempt;
  const lock = request.lock!;
  const step = await holdLock(lock, lockDir(stateDir(context.env)), store, start, signals);
  if ('busy' in step) {
    // flock's -E 0 is a quiet skip: the line goes to the log and the row, not to cron's mail.
    if (lock.conflictExitCode === 0) log().info(step.busy);
    else log().error(step.busy);
    return recordNotRun(attempt, 'lock_busy', lock.conflictExitCode, step.busy);
  }

  if ('interrupted' in step) {
    const status = signalStatus(constants.signals[step.interrupted]);
    return recordNotRun(attempt, 'interrupted', status, `interrupted by ${step.interrupted} while waiting for lock '${lock.name}'`);
  }

  const epoch = step.lease.epoch;
  try {
    return await runRecorded(
      {...attempt, start: {...start, lock_epoch: epoch}},
      pipes,
      {GUARD_LOCK: lock.name, GUARD_LOCK_EPOCH: String(epoch)},
      [step.held.fd],
      step.notes,
      {
        claimed: (id) => claimLease(store, lock.name, epoch, id),
        // Leftovers allowed to outlive the run inherited the lock: it stays theirs.
        ended: (outcome) => {
          if (!(request.leaveOrphans && outcome.orphans > 0)) releaseLease(store, lock.name, epoch);
        },
      },
    );
  } finally {
    step.held.release();
  }
}

interface LockHooks {
  claimed(id: number): void;
  ended(outcome: Outcome): void;
}

async function runRecorded(
  attempt: Attempt,
  pipes: ReturnType<typeof openOutputPipes>,
  extraEnv: Record<string, string>,
  inheritFds: number[],
  notes: string[],
  lock?: LockHooks,
): Promise<number> {
  const {context, request, signals, start, startedAt, store} = attempt;
  const id = store.recordStart(start);
  lock?.claimed(id);
  const outcome = await runCommand({
    argv: request.command,
    cwd: context.cwd,
    env: {...context.env, ...extraEnv, GUARD_RUN_ID: String(id)},
    inheritFds,
    killAfterMs: request.killAfterMs,
    leaveOrphans: request.leaveOrphans,
    onSpawn: (child) => {
      try {
        store.markRunning(id, {child_pid: child.pid, child_start: child.startTime});
      } catch (error) {
        notes.push(`not marked running: ${(error as Error).message}`);
        log().warn(`${(error as Error).message}; the command runs on`);
      }
    },
    pipes,
    signals,
    stopSignal: 'SIGTERM',
    tailBytes: defaultTailBytes,
    timeoutMs: request.timeoutMs,
  });
  const settlement = settle(outcome, request.command[0]!);
  if (settlement.problem) log().error(settlement.problem);
  if (settlement.status === 'timed_out') {
    log().warn(`timed out after ${formatDuration(request.timeoutMs)}; stopped its process group${outcome.killed ? ' (SIGKILL was needed)' : ''}`);
  }

  if (settlement.status === 'interrupted') log().warn(`interrupted by ${outcome.interruptedBy}; passed it on to the command`);

  const end = endFields(outcome, settlement, startedAt, notes);
  let row;
  try {
    lock?.ended(outcome);
    row = store.recordEnd(id, end);
    log().info('run ended', {exit_code: row.exit_code, head: row.hash, id, status: row.status});
  } catch (error) {
    // The command has run: its status is still the truth a scheduler needs.
    log().error(`${(error as Error).message}; the run ended with status ${settlement.exitCode} but is not recorded as ended`);
  }

  if (request.json) {
    const kept = {stderr: outcome.stderr.tail.length, stdout: outcome.stdout.tail.length};
    process.stderr.write(JSON.stringify(printedRecord(row ?? {id, ...start, ...end}, kept)) + '\n');
  }

  return settlement.exitCode;
}

/** An attempt that never started its command still leaves a final row. */
function recordNotRun(attempt: Attempt, status: RunStatus, exitCode: number, error: string): number {
  const row = attempt.store.recordFinished({...attempt.start, ...notRunFields(status, exitCode, error, attempt.startedAt)});
  log().info('run ended', {exit_code: row.exit_code, head: row.hash, id: row.id, status: row.status});
  if (attempt.request.json) process.stderr.write(JSON.stringify(printedRecord(row, {stderr: 0, stdout: 0})) + '\n');
  return exitCode;
}
