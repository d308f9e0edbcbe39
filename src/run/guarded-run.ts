import {constants} from 'node:os';
import {claimLease, releaseLease} from '../audit/leases.js';
import {redactFields} from '../audit/redaction.js';
import type {RunStatus, StartFields} from '../audit/row.js';
import {openAuditStore, type AuditStore} from '../audit/store.js';
import {formatDuration} from '../duration.js';
import {exitStatus, signalStatus} from '../exit-status.js';
import {lockDir} from '../lock/index.js';
import {log} from '../log.js';
import {auditDbPath, stateDir} from '../paths.js';
import {openOutputPipes} from '../runner/pipes.js';
import {runCommand, type Outcome} from '../runner/run-command.js';
import {SignalWatch} from '../runner/signals.js';
import {loadPolicy} from '../policy-files/index.js';
import type {Decision} from '../policy/types.js';
import {redactStrings, type Redactor} from '../redact/redactor.js';
import {refuses} from './check.js';
import {canAsk, confirmOnTerminal} from './confirm.js';
import {decide} from './decide.js';
import {holdLock} from './lock-step.js';
import {runRedactor} from './redaction.js';
import {decisive, refusalLine, warningLine} from './verdict.js';
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
 * decide → record the start → lock → run → record the end → exit status. Nothing runs
 * unless the policy allows it and its start is committed to the audit log, and every
 * attempt, run or not, leaves a row.
 */
export async function guardedRun(request: RunRequest, context: RunContext): Promise<number> {
  const signals = new SignalWatch();
  const {policy, settings} = await loadPolicy({cwd: context.cwd, env: context.env, policyFlag: request.policy});
  const redactor = runRedactor(settings);
  const decision = await decide({argv: request.command, cwd: context.cwd, env: context.env, policy});
  const shown = {...decision, findings: redactStrings(redactor, decision.findings)};
  const confirmed = decision.verdict !== 'confirm' || request.yes || (canAsk() && (await confirmOnTerminal(shown, request.name)));
  const startedAt = new Date();
  const start = {...startFields(request, context, startedAt), decision: decision.verdict, rules: decision.findings.map((finding) => finding.rule)};
  if (refuses(decision, confirmed)) return refuse(request, context, {signals, start, startedAt}, decision, redactor);
  for (const finding of decision.findings.filter((finding) => finding.level === 'warn')) log().warn(warningLine(finding));

  const pipes = request.dryRun ? undefined : openOutputPipes();
  const store = openAuditStore(auditDbPath({env: context.env, flag: request.db}), {redactor});
  try {
    const notes = decision.verdict === 'confirm' ? [request.yes ? 'confirm rules accepted with --yes' : 'confirmed at the terminal'] : [];
    const attempt = {context, request, signals, start, startedAt, store};
    if (request.dryRun) {
      log().warn(`dry run: ${decision.verdict === 'allow' ? 'allowed' : decision.verdict === 'warn' ? 'allowed, with warnings' : 'allowed once confirmed'}; nothing was run`);
      return recordNotRun(attempt, 'dry_run', 0, 'dry run: nothing was run', notes);
    }

    return request.lock ? await runLocked(attempt, pipes!, notes) : await runRecorded(attempt, {env: {}, inheritFds: [], notes, pipes: pipes!});
  } finally {
    store.close();
  }
}

/** A refusal runs nothing, and is recorded when the audit log can be written. */
function refuse(request: RunRequest, context: RunContext, attempt: Omit<Attempt, 'context' | 'request' | 'store'>, decision: Decision, redactor: Redactor): number {
  const line = refusalLine(decisive(decision)!, decision.findings.filter((finding) => finding.level !== 'warn').length - 1);
  log().error(line);
  let store: AuditStore | undefined;
  try {
    store = openAuditStore(auditDbPath({env: context.env, flag: request.db}), {redactor});
    recordNotRun({...attempt, context, request, store}, 'blocked', exitStatus.refused, line, []);
  } catch (error) {
    log().error(`${(error as Error).message}; the refusal is not recorded`);
  } finally {
    store?.close();
  }

  return exitStatus.refused;
}

async function runLocked(attempt: Attempt, pipes: ReturnType<typeof openOutputPipes>, notes: string[]): Promise<number> {
  const {context, request, signals, start, store} = attempt;
  const lock = request.lock!;
  const step = await holdLock(lock, lockDir(stateDir(context.env)), store, start, signals);
  if ('busy' in step) {
    // flock's -E 0 is a quiet skip: the line goes to the log and the row, not to cron's mail.
    if (lock.conflictExitCode === 0) log().info(step.busy);
    else log().error(step.busy);
    return recordNotRun(attempt, 'lock_busy', lock.conflictExitCode, step.busy, notes);
  }

  if ('interrupted' in step) {
    const status = signalStatus(constants.signals[step.interrupted]);
    return recordNotRun(attempt, 'interrupted', status, `interrupted by ${step.interrupted} while waiting for lock '${lock.name}'`, notes);
  }

  const epoch = step.lease.epoch;
  let released = false;
  const release = () => {
    releaseLease(store, lock.name, epoch);
    released = true;
  };

  try {
    return await runRecorded(
      {...attempt, start: {...start, lock_epoch: epoch}},
      {
        env: {GUARD_LOCK: lock.name, GUARD_LOCK_EPOCH: String(epoch)},
        // The command holds the lock too, so it outlives a killed guard.
        inheritFds: [step.held.fd],
        lock: {
          claimed: (id) => claimLease(store, lock.name, epoch, id),
          // Leftovers allowed to outlive the run inherited the lock: it stays theirs.
          ended: (outcome) => {
            if (!(request.leaveOrphans && outcome.orphans > 0)) release();
            else released = true;
          },
        },
        notes: [...notes, ...step.notes],
        pipes,
      },
    );
  } finally {
    step.held.release();
    // A run that failed before it ended (the log became unwritable) lets its lease go too,
    // so the next holder is not told it cleared a stale one.
    if (!released) {
      try {
        release();
      } catch {}
    }
  }
}

interface LockHooks {
  claimed(id: number): void;
  ended(outcome: Outcome): void;
}

/** What a run adds to the command's surroundings, and the lock it runs under, if any. */
interface RunExtras {
  env: Record<string, string>;
  inheritFds: number[];
  lock?: LockHooks;
  notes: string[];
  pipes: ReturnType<typeof openOutputPipes>;
}

async function runRecorded(attempt: Attempt, extras: RunExtras): Promise<number> {
  const {context, request, signals, start, startedAt, store} = attempt;
  const {inheritFds, lock, notes, pipes} = extras;
  const id = store.recordStart(start);
  lock?.claimed(id);
  const outcome = await runCommand({
    argv: request.command,
    cwd: context.cwd,
    env: {...context.env, ...extras.env, GUARD_RUN_ID: String(id)},
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
    process.stderr.write(JSON.stringify(printedRecord(row ?? redactFields(store.redactor, {id, ...start, ...end}), kept)) + '\n');
  }

  return settlement.exitCode;
}

/** An attempt that never started its command still leaves a final row. */
function recordNotRun(attempt: Attempt, status: RunStatus, exitCode: number, error: string, notes: string[]): number {
  const row = attempt.store.recordFinished({...attempt.start, ...notRunFields(status, exitCode, error, attempt.startedAt), notes});
  log().info('run ended', {exit_code: row.exit_code, head: row.hash, id: row.id, status: row.status});
  if (attempt.request.json) process.stderr.write(JSON.stringify(printedRecord(row, {stderr: 0, stdout: 0})) + '\n');
  return exitCode;
}
