import {randomUUID} from 'node:crypto';
import {constants} from 'node:os';
import {stalledMs, WaitStop} from '../audit/busy.js';
import {claimLease, releaseLease} from '../audit/leases.js';
import {redactFields} from '../audit/redaction.js';
import type {EndFields, RunStatus, StartFields} from '../audit/row.js';
import {openingAuditStore, openInMemoryStore, type AuditStore, type Child} from '../audit/store.js';
import {formatDuration} from '../duration.js';
import {AuditError} from '../errors.js';
import {exitStatus, signalStatus} from '../exit-status.js';
import {lockFolder, type LockFolder} from '../lock/index.js';
import {holdWarnings, log, releaseWarnings, silenceWarnings} from '../log.js';
import {auditDbPath, stateDir} from '../paths.js';
import {PolicyError, loadPolicy, type PolicySettings} from '../policy-files/index.js';
import {jsonText, print} from '../print.js';
import {applyEnvironment} from '../policy/environment.js';
import {redactStrings, type Redactor} from '../redact/redactor.js';
import {openOutputPipes, outputsShareFile} from '../runner/pipes.js';
import {runCommand, type Outcome} from '../runner/run-command.js';
import {SignalWatch} from '../runner/signals.js';
import {refuses} from './check.js';
import {canAsk, confirmOnTerminal, type Answer} from './confirm.js';
import {decide} from './decide.js';
import {endingLine, type Ending} from './ending.js';
import {holdLock} from './lock-step.js';
import {LogWaits} from './log-wait.js';
import {runMonitor, type EndedRun, type RunMonitor} from './monitor-step.js';
import {planRun} from './plan.js';
import {runRedactor, type RunRedactor} from './redaction.js';
import {endFields, notRunFields, printedRecord, startFields} from './record.js';
import {heldMemoryBytes, type RunContext, type RunPlan, type RunRequest} from './request.js';
import {backoffMs, retryable} from './retry.js';
import {settle, type Settlement} from './settle.js';
import {decisive, refusalLine, warningLine} from './verdict.js';

/** One run of guard: what was asked, how it will happen, and where it is recorded. */
interface Run {
  context: RunContext;
  /** Under --quiet, how a run that did not succeed ended: guard's last line. */
  ending: {line: string | null};
  lockFolder: LockFolder;
  monitor: RunMonitor;
  /** guard's stdout and stderr are one file: each attempt gets one pipe for both. */
  mergedOutputs: boolean;
  /** The first attempt's output pipes, made while the audit log opens (null: --foreground). */
  pipes: ReturnType<typeof openOutputPipes> | null;
  plan: RunPlan;
  redactor: RunRedactor;
  request: RunRequest;
  signals: SignalWatch;
  /** The first attempt's start fields; later attempts renumber them. */
  start: StartFields;
  startedAt: Date;
  store: AuditStore;
  waits: LogWaits;
}

/**
 * policy → settings → environment → decide → record the start → lock → run (and retry) →
 * record the end → exit status. Nothing runs unless the policy allows it and its start is
 * committed to the audit log, and every attempt, run or not, leaves a row.
 */
export async function guardedRun(request: RunRequest, context: RunContext): Promise<number> {
  const signals = new SignalWatch();
  const loaded = await loadPolicy({cwd: context.cwd, env: context.env, policyFlag: request.policy});
  const plan = planRun(request, loaded.settings);
  // Secrets are masked in everything guard stores or prints, with the policy's patterns too.
  const redactor = runRedactor(loaded.settings);
  const monitor = await runMonitor({metricsDir: request.metricsDir, ping: plan.ping}, (text) => redactor.text(text));
  const ending: Run['ending'] = {line: null};
  try {
    return await monitoredRun(request, context, {...loaded, ending, monitor, plan, redactor, signals});
  } finally {
    // The run is recorded and nothing is held: a signal from here on simply ends guard.
    signals.disarm();
    // Last, once the lock is let go and the log closed: a slow monitor holds nothing up.
    await monitor.settled();
    // Under --quiet a run that did not succeed ends with its warnings (a failed ping's
    // too), then how it ended; one that succeeded has printed nothing and prints nothing.
    releaseWarnings();
    if (ending.line) log().error(ending.line);
  }
}

interface Prepared {
  ending: Run['ending'];
  monitor: RunMonitor;
  plan: RunPlan;
  policy: Awaited<ReturnType<typeof loadPolicy>>['policy'];
  redactor: RunRedactor;
  settings: PolicySettings;
  signals: SignalWatch;
}

async function monitoredRun(request: RunRequest, context: RunContext, {ending, monitor, plan, policy, redactor, settings, signals}: Prepared): Promise<number> {
  const environment = applyEnvironment(context.env, settings.env);
  if (environment.missing.length > 0) throw missingVariables(environment.missing, settings);
  // The decision expands variables as the command will: in the environment it will get.
  const runContext: RunContext = {cwd: context.cwd, env: environment.env};
  const {programs, ...decision} = await decide({argv: request.command, cwd: context.cwd, env: environment.env, policy});
  redactor.protect(programs);
  const shown = {...decision, findings: redactStrings(redactor, decision.findings)};
  const answer: Answer = decision.verdict !== 'confirm' || request.yes ? 'confirmed' : canAsk() ? await confirmOnTerminal(shown, request.name) : 'refused';
  const startedAt = new Date();
  const waits = new LogWaits(signals);
  const start: StartFields = {
    ...startFields(request, plan, runContext, startedAt, redactor),
    decision: decision.verdict,
    group_id: plan.retry.retries > 0 ? randomUUID() : null,
    rules: decision.findings.map((finding) => finding.rule),
  };
  // guard's own settings (GUARD_DB, XDG_STATE_HOME) come from the caller's environment, not the command's.
  const unrun = {monitor, redactor, start, startedAt, waits};
  // Ctrl-C at the prompt: the person stopped guard, as a signal during the run would (128+N).
  if (typeof answer === 'object') {
    const rule = decisive(decision)!.rule;
    const line = `interrupted by ${answer.interrupted} at the confirm prompt of rule ${rule}; nothing was run`;
    return await endUnrun(request, context, unrun, {exitCode: signalStatus(constants.signals[answer.interrupted]), line, status: 'interrupted'});
  }

  if (refuses(decision, answer === 'confirmed')) {
    const line = refusalLine(decisive(decision)!, decision.findings.filter((finding) => finding.level !== 'warn').length - 1);
    return await endUnrun(request, context, unrun, {exitCode: exitStatus.refused, line, status: 'blocked'});
  }

  // Under --quiet guard's own warnings wait with the output: printed only if the run fails.
  if (plan.quiet) holdWarnings();
  for (const finding of decision.findings.filter((finding) => finding.level === 'warn')) log().warn(warningLine(finding));

  const notes = decision.verdict === 'confirm' ? [request.yes ? 'confirm rules accepted with --yes' : 'confirmed at the terminal'] : [];
  if (environment.removed.length > 0) notes.push(`removed from the environment by the policy: ${environment.removed.join(', ')}`);
  // Up to here guard has only read and decided, and a signal simply ends it. It now takes
  // the signals over, to record and clean up, and must answer them within a second: the
  // start row's texts (a command can be megabytes, the policy's patterns slow) are masked
  // first, once, and the redactor remembers them for the row, the lease and any retry.
  redactFields(redactor, start);
  signals.arm();
  // Making the FIFOs costs a fork: it overlaps with opening the audit log.
  const mergedOutputs = outputsShareFile();
  const pipes = request.dryRun || request.foreground ? null : openOutputPipes(mergedOutputs);
  const store = await openStore(request, context, {notes, redactor, settings, waits});
  try {
    const folder = lockFolder(stateDir(context.env), settings.locks.dir?.value);
    const run: Run = {context: runContext, ending, lockFolder: folder, mergedOutputs, monitor, pipes, plan, redactor, request, signals, start, startedAt, store, waits};
    if (request.dryRun) {
      log().warn(`dry run: ${decision.verdict === 'allow' ? 'allowed' : decision.verdict === 'warn' ? 'allowed, with warnings' : 'allowed once confirmed'}; nothing was run`);
      return await recordNotRun(run, start, 'dry_run', 0, 'dry run: nothing was run', notes);
    }

    return plan.lock ? await runLocked(run, notes) : await runAttempts(run, {env: {}, inheritFds: [], notes});
  } finally {
    store.close();
  }
}

function missingVariables(missing: string[], settings: PolicySettings): PolicyError {
  const sources = [...new Set(settings.env.require.filter((item) => missing.includes(item.value)).map((item) => item.source))];
  const names = missing.join(', ');
  return new PolicyError(`${names} must be set for this run (env.require in ${sources.join(', ')}); nothing was run`);
}

/**
 * The audit log, or, when it is unusable and the policy says `audit.onError: run`, a log
 * in memory that keeps nothing: the run goes on, and says so loudly.
 */
async function openStore(
  request: RunRequest,
  context: RunContext,
  {notes, redactor, settings, waits}: {notes: string[]; redactor: Redactor; settings: PolicySettings; waits: LogWaits},
): Promise<AuditStore> {
  try {
    return await waits.before(openingAuditStore(auditDbPath({env: context.env, flag: request.db}), {redactor}));
  } catch (error) {
    const onError = settings.audit.onError;
    if (!(error instanceof AuditError) || onError?.value !== 'run') throw error;
    log().error(`${error.message}; running WITHOUT an audit record because audit.onError is run in ${onError.source}`);
    notes.push('not recorded: the audit log was unusable');
    return openInMemoryStore(redactor);
  }
}

/**
 * A refusal, or a prompt interrupted, runs nothing: one line says so, and the attempt is
 * recorded when the audit log can be written.
 */
async function endUnrun(
  request: RunRequest,
  context: RunContext,
  attempt: {monitor: RunMonitor; redactor: Redactor; start: StartFields; startedAt: Date; waits: LogWaits},
  {exitCode, line, status}: {exitCode: number; line: string; status: 'blocked' | 'interrupted'},
): Promise<number> {
  const {redactor} = attempt;
  log().error(line);
  let store: AuditStore | undefined;
  try {
    store = await attempt.waits.before(openingAuditStore(auditDbPath({env: context.env, flag: request.db}), {redactor}));
    const row = await attempt.waits.before(store.writes.recordFinished({...attempt.start, ...notRunFields(status, exitCode, line, attempt.startedAt)}));
    log().info('run ended', {audit_wait_ms: Math.round(attempt.waits.longestMs), exit_code: row.exit_code, head: row.hash, id: row.id, status: row.status});
    if (request.json) print('stderr', jsonText(printedRecord(row, {stderr: 0, stdout: 0})) + '\n');
    attempt.monitor.ended(row, store);
  } catch (error) {
    log().error(`${(error as Error).message}; ${status === 'blocked' ? 'the refusal' : 'the interruption'} is not recorded`);
    attempt.monitor.ended(redactFields(redactor, {...attempt.start, ...notRunFields(status, exitCode, line, attempt.startedAt), id: null}), undefined);
  } finally {
    store?.close();
  }

  return exitCode;
}

async function runLocked(run: Run, notes: string[]): Promise<number> {
  const {plan, request, signals, start, store, waits} = run;
  const lock = plan.lock!;
  const step = await holdLock(lock, run.lockFolder, {signals, start, store, waits});
  if ('busy' in step) {
    // flock's -E 0 is a quiet skip: the line goes to the log and the row, not to cron's mail.
    if (lock.conflictExitCode === 0) {
      if (plan.quiet) silenceWarnings();
      log().info(step.busy);
    } else {
      // Under --quiet, what guard said while it waited comes first: this line ends the run.
      releaseWarnings();
      log().error(step.busy);
    }
    return recordNotRun(run, start, 'lock_busy', lock.conflictExitCode, step.busy, notes);
  }

  if ('interrupted' in step) {
    const status = signalStatus(constants.signals[step.interrupted]);
    return recordNotRun(run, start, 'interrupted', status, `interrupted by ${step.interrupted} while waiting for lock '${lock.name}'`, notes, `waiting for lock '${lock.name}'`);
  }

  const epoch = step.lease.epoch;
  let released = false;
  const release = async () => {
    await waits.before(releaseLease(store, lock.name, epoch));
    released = true;
  };

  try {
    // Retries hold the lock across every attempt and the waits between them.
    return await runAttempts(
      {...run, start: {...start, lock_epoch: epoch}},
      {
        env: {GUARD_LOCK: lock.name, GUARD_LOCK_EPOCH: String(epoch)},
        // The command holds the lock too, so it outlives a killed guard.
        inheritFds: [step.held.fd],
        lock: {
          claimed: (id) => waits.before(claimLease(store, lock.name, epoch, id)),
          // Leftovers allowed to outlive the run inherited the lock: it stays theirs.
          ended: async (outcome) => {
            if (!(request.leaveOrphans && outcome.orphans > 0)) await release();
            else released = true;
          },
        },
        notes: [...notes, ...step.notes],
      },
    );
  } finally {
    step.held.release();
    // A run that failed before it ended (the log became unwritable) lets its lease go too,
    // so the next holder is not told it cleared a stale one.
    if (!released) {
      try {
        await release();
      } catch {}
    }
  }
}

interface LockHooks {
  claimed(id: number): Promise<void>;
  ended(outcome: Outcome): Promise<void>;
}

/** What a run adds to the command's surroundings, and the lock it runs under, if any. */
interface RunExtras {
  env: Record<string, string>;
  inheritFds: number[];
  lock?: LockHooks;
  notes: string[];
}

/**
 * The first attempt, then a retry after each retryable failure while retries are left,
 * each its own row in the run's group. Exits with the last attempt's status; a signal
 * during a wait ends the run at once, recorded as an attempt that never started.
 */
async function runAttempts(run: Run, extras: RunExtras): Promise<number> {
  const {plan, signals, start} = run;
  for (let attempt = 1; ; attempt++) {
    const startedAt = attempt === 1 ? run.startedAt : new Date();
    const fields = {...start, attempt, started_at: startedAt.toISOString()};
    const pipes = attempt === 1 || run.request.foreground ? run.pipes : openOutputPipes(run.mergedOutputs);
    const {ended, outcome, settlement} = await runRecorded({...run, pipes, start: fields, startedAt}, {...extras, notes: [...extras.notes]});
    if (attempt > plan.retry.retries || !retryable(settlement, plan.retry.on) || signals.received) {
      await endLock(extras, outcome);
      if (plan.quiet) await printHeld(outcome, settlement);
      if (plan.quiet && settlement.status !== 'succeeded') run.ending.line = endingLine(endingOf(run, ended, settlement.exitCode, attempt));
      // The monitors hear of the run once: started with its first attempt, ended with its last.
      run.monitor.ended(ended, run.store);
      return settlement.exitCode;
    }

    // An attempt to be retried keeps its tails in its row; under --quiet only the last attempt's output is printed.
    outcome.held?.discard();
    const waitMs = backoffMs(attempt, plan.retry.delayMs);
    const how = settlement.status === 'timed_out' ? 'timed out' : `failed with status ${settlement.exitCode}`;
    log().warn(`attempt ${attempt} of ${plan.retry.retries + 1} ${how}; retrying in ${formatDuration(waitMs)}`);
    const interrupted = await pause(waitMs, signals);
    if (interrupted) {
      await endLock(extras, outcome);
      const next = {...start, attempt: attempt + 1, started_at: new Date().toISOString()};
      return recordNotRun(run, next, 'interrupted', signalStatus(constants.signals[interrupted]), `interrupted by ${interrupted} while waiting to retry`, extras.notes, 'waiting to retry');
    }
  }
}

// --quiet: nothing at all for a success; for anything else the command's output, then
// (once the run is over) guard's held lines and how it ended.
async function printHeld(outcome: Outcome, settlement: Settlement): Promise<void> {
  if (settlement.status === 'succeeded') {
    outcome.held?.discard();
    silenceWarnings();
  } else {
    await outcome.held?.replay();
  }
}

function endingOf(run: Run, row: Pick<EndedRun, 'duration_ms' | 'id' | 'status'>, exitCode: number, attempt: number, waiting?: string): Ending {
  const attempts = run.plan.retry.retries + 1;
  return {attempt, attempts, durationMs: row.duration_ms ?? 0, exitCode, id: row.id, name: run.request.name, status: row.status, ...(waiting ? {waiting} : {})};
}

// The lease ends with the run's last attempt. When the log cannot take that, the kernel lock
// is still let go; the next holder finds the lease on record and notes it cleared a stale one.
// The log's failure has already been said once, for the run's end.
async function endLock(extras: RunExtras, outcome: Outcome): Promise<void> {
  try {
    await extras.lock?.ended(outcome);
  } catch {}
}

/** Waits `ms`, or less when guard receives an ending signal: then says which. */
function pause(ms: number, signals: SignalWatch): Promise<NodeJS.Signals | null> {
  if (signals.received) return Promise.resolve(signals.received);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signals.detach();
      resolve(null);
    }, ms);
    signals.attach({
      interrupt(signal) {
        clearTimeout(timer);
        signals.detach();
        resolve(signal);
      },
      passOn() {},
    });
  });
}

/** One attempt: its row committed, the command run, its end recorded. */
async function runRecorded(run: Run, extras: RunExtras): Promise<{ended: EndedRun; outcome: Outcome; settlement: Settlement}> {
  const {context, plan, request, signals, start, startedAt, store, waits} = run;
  const {inheritFds, lock, notes} = extras;
  const id = await waits.before(store.writes.recordStart(start));
  await lock?.claimed(id);
  const running = markRunning(run, id, notes);
  if (start.attempt === 1) run.monitor.started();
  const outcome = await runCommand({
    argv: request.command,
    cwd: context.cwd,
    env: {...context.env, ...extras.env, GUARD_RUN_ID: String(id)},
    foreground: request.foreground,
    hold: plan.quiet ? {memoryBytes: heldMemoryBytes} : undefined,
    inheritFds,
    killAfterMs: plan.killAfterMs,
    leaveOrphans: request.leaveOrphans,
    onSpawn: (child) => running.mark({child_pid: child.pid, child_start: child.startTime}),
    pipes: run.pipes,
    signals,
    stopSignal: 'SIGTERM',
    tailBytes: plan.captureBytes,
    timeoutMs: plan.timeoutMs,
  });
  let settlement = settle(outcome, request.command[0]!);
  if (settlement.problem) log().error(settlement.problem);
  if (settlement.status === 'timed_out') {
    log().warn(`timed out after ${formatDuration(plan.timeoutMs)}; stopped its process group${outcome.killed ? ' (SIGKILL was needed)' : ''}`);
  }

  if (settlement.status === 'interrupted') log().warn(`interrupted by ${outcome.interruptedBy}; passed it on to the command`);

  const child = await running.settled();
  let end = endFields(outcome, settlement, startedAt, notes);
  // The lock is still held: the tails are masked where a signal can stop it.
  const tails = await run.redactor.maskAside([end.stdout_tail, end.stderr_tail], signals);
  if (tails) end = {...end, stderr_tail: tails[1]!, stdout_tail: tails[0]!};
  else ({end, settlement} = tailsGivenUp(end, settlement, signals.received!));
  // Signals from here on are for the wait for the log: the command has ended, its tails are masked.
  const signalsSoFar = signals.seen.length;
  let row;
  try {
    const stalled = () =>
      log().warn(`audit log ${store.path}: busy: locked by another process for ${stalledMs / 1000} s; still waiting to record the end of run ${id} (status ${settlement.exitCode})`);
    row = await waits.after(store.writes.recordEnd(id, end, child), signalsSoFar, stalled);
    log().info('run ended', {attempt: start.attempt, audit_wait_ms: Math.round(waits.longestMs), exit_code: row.exit_code, head: row.hash, id, status: row.status});
  } catch (error) {
    // The command has run: its status is still the truth a scheduler needs.
    log().error(`${(error as Error).message}; the run ended with status ${settlement.exitCode} but is not recorded as ended`);
  }

  if (request.json) {
    const kept = tails ? {stderr: outcome.stderr.tail.length, stdout: outcome.stdout.tail.length} : {stderr: 0, stdout: 0};
    print('stderr', jsonText(printedRecord(row ?? redactFields(store.redactor, {id, ...start, ...end}), kept)) + '\n');
  }

  return {ended: row ?? redactFields(store.redactor, {id, ...start, ...end}), outcome, settlement};
}

/**
 * A signal while the tails were being masked: unmasked, they cannot be kept, and the run
 * ends as interrupted (128+N), saying how the command itself had ended.
 */
function tailsGivenUp(end: EndFields, settlement: Settlement, signal: NodeJS.Signals): {end: EndFields; settlement: Settlement} {
  const note =
    settlement.status === 'interrupted'
      ? `output tails not kept: after ${signal}, masking them would have taken too long`
      : `output tails not kept: ${signal} came while guard was masking them, after the command had ended (${settlement.status.replace('_', ' ')}, status ${settlement.exitCode})`;
  log().warn(note);
  const interrupted: Settlement = {exitCode: signalStatus(constants.signals[signal]), problem: settlement.problem, status: 'interrupted'};
  return {
    end: {...end, exit_code: interrupted.exitCode, notes: [...end.notes, note], status: interrupted.status, stderr_tail: '', stdout_tail: ''},
    settlement: interrupted,
  };
}

/**
 * The `running` mark, written in the background once the command is spawned (the command
 * does not wait for the log). When the command ends first, the mark gives way: the end
 * record carries the command's process instead.
 */
function markRunning(run: Run, id: number, notes: string[]) {
  const stop = new WaitStop();
  let child: Child | undefined;
  let written: Promise<void> = Promise.resolve();
  return {
    mark(spawned: Child): void {
      child = spawned;
      written = run.waits.background(run.store.writes.markRunning(id, spawned), stop).catch((error: unknown) => {
        if (stop.stopped) return;
        notes.push(`not marked running: ${(error as Error).message}`);
        log().warn(`${(error as Error).message}; the command runs on`);
      });
    },
    async settled(): Promise<Child | undefined> {
      stop.stop(new Error('the command ended first'));
      await written;
      return child;
    },
  };
}

/**
 * An attempt that never started its command still leaves a final row. `waiting`: what a
 * signal interrupted, for the last line of a --quiet run (a busy lock and a dry run say
 * their own line; a signal has none).
 */
async function recordNotRun(run: Run, start: StartFields, status: RunStatus, exitCode: number, error: string, notes: string[], waiting?: string): Promise<number> {
  const row = await run.waits.before(run.store.writes.recordFinished({...start, ...notRunFields(status, exitCode, error, new Date(start.started_at)), notes}));
  log().info('run ended', {audit_wait_ms: Math.round(run.waits.longestMs), exit_code: row.exit_code, head: row.hash, id: row.id, status: row.status});
  if (run.request.json) print('stderr', jsonText(printedRecord(row, {stderr: 0, stdout: 0})) + '\n');
  if (run.plan.quiet && waiting) run.ending.line = endingLine(endingOf(run, row, exitCode, start.attempt, waiting));
  run.monitor.ended(row, run.store);
  return exitCode;
}
