import {constants} from 'node:os';
import {stalledMs, WaitStop} from '../audit/busy.js';
import {redactFields} from '../audit/redaction.js';
import type {EndFields} from '../audit/row.js';
import type {Child} from '../audit/store.js';
import {formatDuration} from '../duration.js';
import {exitStatus, signalStatus} from '../exit-status.js';
import {log} from '../log.js';
import {runCommand, type Outcome} from '../runner/run-command.js';
import type {AttemptEnd} from './attempt-end.js';
import {shipStarted} from './fleet-step.js';
import {exitOf, type Exit} from './exit.js';
import {endFields} from './record.js';
import {heldMemoryBytes} from './request.js';
import type {Run} from './run-state.js';

interface LockHooks {
  claimed(id: number): Promise<void>;
  ended(outcome: Outcome): Promise<void>;
}

/** A fleet lock the run holds: settles with why once it is lost; `stop` when the command is then stopped. */
export interface FleetLoss {
  /** What the fleet lock adds to the record (taken again after a loss). */
  notes: string[];
  promise: Promise<string>;
  stop: boolean;
}

/** What a run adds to the command's surroundings, and the lock it runs under, if any. */
export interface RunExtras {
  env: Record<string, string>;
  inheritFds: number[];
  lock?: LockHooks;
  lost?: FleetLoss;
  notes: string[];
}

/** One attempt: its start recorded, the command run, its end recorded (the end is said by the caller). */
export async function runAttempt(run: Run, extras: RunExtras): Promise<{end: Omit<AttemptEnd, 'last'>; exit: Exit; outcome: Outcome}> {
  const {context, plan, request, signals, start, startedAt, store, waits} = run;
  const {inheritFds, lock, lost, notes} = extras;
  let lostWhy: string | null = null;
  void lost?.promise.then((why) => {
    lostWhy = why;
  });
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
    onSpawn: (child) => {
      running.mark({child_pid: child.pid, child_start: child.startTime});
      if (run.fleet && start.attempt === 1) shipStarted(run.fleet, running.written());
    },
    pipes: run.pipes,
    signals,
    stopSignal: 'SIGTERM',
    stopWhen: lost?.stop ? lost.promise : undefined,
    tailBytes: plan.captureBytes,
    timeoutMs: plan.timeoutMs,
  });
  let exit = exitOf(outcome, request.command[0]!);
  if (lostWhy !== null) notes.push(...fleetLossNotes(lostWhy, outcome.halted, lost!));
  // A lock lost and taken again is never reported lost, but the record still says so.
  else if (lost) notes.push(...lost.notes);
  if (outcome.halted && !outcome.interruptedBy && !outcome.timedOut) exit = {exitCode: exitStatus.lockBusy, problem: null, status: 'lock_lost'};
  if (exit.problem) log().error(exit.problem);
  if (exit.status === 'timed_out') {
    log().warn(`timed out after ${formatDuration(plan.timeoutMs)}; stopped its process group${outcome.killed ? ' (SIGKILL was needed)' : ''}`);
  }

  if (exit.status === 'interrupted') log().warn(`interrupted by ${outcome.interruptedBy}; passed it on to the command`);

  const child = await running.stop();
  let end = endFields(outcome, exit, startedAt, notes);
  // The lock is still held: the tails are masked where a signal can stop it.
  const tails = await run.redactor.maskAside([end.stdout_tail, end.stderr_tail], signals);
  if (tails) end = {...end, stderr_tail: tails[1]!, stdout_tail: tails[0]!};
  else ({end, exit} = tailsGivenUp(end, exit, signals.received!));
  const kept = tails ? {stderr: outcome.stderr.tail.length, stdout: outcome.stdout.tail.length} : {stderr: 0, stdout: 0};
  // Signals from here on are for the wait for the log: the command has ended, its tails are masked.
  const signalsSoFar = signals.seen.length;
  try {
    const stalled = () =>
      log().warn(`audit log ${store.path}: busy: locked by another process for ${stalledMs / 1000} s; still waiting to record the end of run ${id} (status ${exit.exitCode})`);
    const row = await waits.after(store.writes.recordEnd(id, end, child), signalsSoFar, stalled);
    return {end: {attempt: start.attempt, kept, row}, exit, outcome};
  } catch (error) {
    // The command has run: its status is still the truth a scheduler needs.
    const notRecorded = {error, what: `the run ended with status ${exit.exitCode} but is not recorded as ended`};
    return {end: {attempt: start.attempt, kept, notRecorded, row: redactFields(store.redactor, {id, ...start, ...end})}, exit, outcome};
  }
}

/**
 * A signal while the tails were being masked: unmasked, they cannot be kept, and the run
 * ends as interrupted (128+N), saying how the command itself had ended.
 */
function tailsGivenUp(end: EndFields, exit: Exit, signal: NodeJS.Signals): {end: EndFields; exit: Exit} {
  const note =
    exit.status === 'interrupted'
      ? `output tails not kept: after ${signal}, masking them would have taken too long`
      : `output tails not kept: ${signal} came while guard was masking them, after the command had ended (${exit.status.replace('_', ' ')}, status ${exit.exitCode})`;
  log().warn(note);
  const interrupted: Exit = {exitCode: signalStatus(constants.signals[signal]), problem: exit.problem, status: 'interrupted'};
  return {
    end: {...end, exit_code: interrupted.exitCode, notes: [...end.notes, note], status: interrupted.status, stderr_tail: '', stdout_tail: ''},
    exit: interrupted,
  };
}

// How long after the spawn the `running` mark waits: a command that ends sooner (`true`, a
// probe, most one-liners) is recorded in two writes, not three, its end record carrying its
// process. Until the mark, a guard killed outright leaves a `starting` row, which the next
// run marks abandoned whether or not the command still runs.
const markAfterMs = 20;

/**
 * The `running` mark, written in the background shortly after the command is spawned (the
 * command does not wait for the log). When the command ends first, the mark gives way: the
 * end record carries the command's process instead.
 */
function markRunning(run: Run, id: number, notes: string[]) {
  const stop = new WaitStop();
  let child: Child | undefined;
  let written: Promise<void> = Promise.resolve();
  return {
    mark(spawned: Child): void {
      child = spawned;
      const write = () => (stop.stopped ? undefined : run.waits.background(run.store.writes.markRunning(id, spawned), stop));
      written = stop.sleep(markAfterMs).then(write).catch((error: unknown) => {
        if (stop.stopped) return;
        notes.push(`not marked running: ${(error as Error).message}`);
        log().warn(`${(error as Error).message}; the command runs on`);
      });
    },
    /** Settles once the mark is written or given up. */
    written: () => written,
    /** Gives up a mark not yet written, and says which process the command was. */
    async stop(): Promise<Child | undefined> {
      stop.stop(new Error('the command ended first'));
      await written;
      return child;
    },
  };
}

function fleetLossNotes(why: string, halted: boolean, lost: FleetLoss): string[] {
  const what = halted ? 'the command was stopped' : lost.stop ? 'the command had already ended' : 'the command ran on (fleet.onLost: continue)';
  return [...lost.notes, `fleet lock lost: ${why}; ${what}`];
}
