import {constants} from 'node:os';
import {claimLease, releaseLease} from '../audit/leases.js';
import {formatDuration} from '../duration.js';
import type {FleetLockHold} from '../fleet/lock.js';
import {exitStatus, signalStatus} from '../exit-status.js';
import {log, releaseWarnings, silenceWarnings} from '../log.js';
import type {Outcome} from '../runner/run-command.js';
import type {SignalWatch} from '../runner/signals.js';
import {runAttempt, type FleetLoss, type RunExtras} from './attempt.js';
import {endAttempt, endingOf, recordNotRun} from './attempt-end.js';
import {endingLine} from './ending.js';
import type {Exit} from './exit.js';
import {holdFleetLock, shipQueued} from './fleet-step.js';
import {holdLock} from './lock-step.js';
import {backoffMs, retryable} from './retry.js';
import type {Run} from './run-state.js';

/** Takes the run's lock (or says it is busy), then runs every attempt under it. */
export async function runLocked(run: Run, notes: string[]): Promise<number> {
  const {plan, request, signals, start, store, waits} = run;
  const lock = plan.lock!;
  const step = await holdLock(lock, run.lockFolder, {signals, start, store, waits});
  if ('busy' in step) return lockBusy(run, step.busy, notes);
  if ('interrupted' in step) return lockInterrupted(run, step.interrupted, notes);

  const epoch = step.lease.epoch;
  let released = false;
  const release = async () => {
    await waits.before(releaseLease(store, lock.name, epoch));
    released = true;
  };

  let fleetHold: FleetLockHold | null = null;
  try {
    const notesSoFar = [...notes, ...step.notes];
    let scope: 'fleet' | 'host' = 'host';
    let lockEpoch = epoch;
    if (run.fleet?.lock) {
      const fleetStep = await holdFleetLock(run.fleet, {command: start.command, host: start.host, name: lock.name, pid: start.pid, waitMs: lock.waitMs}, signals);
      // The rows of a run that never got the fleet lock say which lock it was refused.
      const fleetRow = {...run, start: {...start, lock_scope: 'fleet' as const}};
      if ('busy' in fleetStep) return await lockBusy(fleetRow, fleetStep.busy, notesSoFar);
      if ('interrupted' in fleetStep) return await lockInterrupted(fleetRow, fleetStep.interrupted, notesSoFar);
      if ('unavailable' in fleetStep) {
        // Never a quiet skip: --conflict-exit-code does not apply to an outage.
        releaseWarnings();
        log().error(fleetStep.unavailable);
        return await recordNotRun(fleetRow, fleetRow.start, 'lock_unavailable', exitStatus.fleetUnavailable, fleetStep.unavailable, notesSoFar);
      }

      if ('local' in fleetStep) {
        log().warn(fleetStep.local);
        notesSoFar.push(fleetStep.local);
      } else {
        fleetHold = fleetStep.held;
        run.fleet.session = fleetHold.liveSession;
        scope = 'fleet';
        lockEpoch = fleetHold.epoch;
      }
    }

    const held = fleetHold;
    const lost = held ? watchFleetLock(run, held) : null;
    // Retries hold the lock across every attempt and the waits between them.
    return await runAttempts(
      {...run, start: {...start, lock_epoch: lockEpoch, lock_scope: scope}},
      {
        env: {GUARD_LOCK: lock.name, GUARD_LOCK_EPOCH: String(lockEpoch), GUARD_LOCK_SCOPE: scope},
        // The command holds the lock too, so it outlives a killed guard: the host lock's
        // descriptor, and the fleet lock's session.
        // A session that closed since the lock was taken has no socket to pass on: the watch reports the loss.
        inheritFds: held?.fd != null ? [step.held.fd, held.fd] : [step.held.fd],
        lock: {
          claimed: async (id) => {
            await waits.before(claimLease(store, lock.name, epoch, id));
            await held?.claimed(id);
          },
          // Leftovers allowed to outlive the run inherited the lock: it stays theirs.
          ended: async (outcome) => {
            if (!(request.leaveOrphans && outcome.orphans > 0)) {
              await release();
              // The run's rows go on the lock's session while it lives: no second connection.
              if (held) await shipQueued(run.fleet!, held.liveSession, run.fleet!.config.shipTimeoutMs);
              await held?.release();
              if (run.fleet) run.fleet.session = undefined;
            } else {
              released = true;
              held?.abandon();
              if (run.fleet) run.fleet.session = undefined;
            }
          },
        },
        lost: lost ?? undefined,
        notes: notesSoFar,
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

    await fleetHold?.release();
  }
}

/**
 * Heartbeats the fleet lock while the run lives. Resolves (never rejects) with why, once
 * the lock is lost and could not be taken again; with `onLost: stop` the command is stopped.
 */
function watchFleetLock(run: Run, held: FleetLockHold): FleetLoss {
  const {config} = run.fleet!;
  let said: (why: string) => void = () => {};
  const promise = new Promise<string>((resolve) => {
    said = resolve;
  });
  held.watch((why) => {
    log().error(`fleet lock '${run.plan.lock!.name}' lost: ${why}${config.onLost === 'stop' ? '; stopping the command' : '; the command runs on (fleet.onLost: continue)'}`);
    said(why);
  });
  return {notes: held.notes, promise, stop: config.onLost === 'stop'};
}

function lockBusy(run: Run, line: string, notes: string[]): Promise<number> {
  const lock = run.plan.lock!;
  // flock's -E 0 is a quiet skip: the line goes to the log and the row, not to cron's mail.
  if (lock.conflictExitCode === 0) {
    if (run.plan.quiet) silenceWarnings();
    log().info(line);
  } else {
    // Under --quiet, what guard said while it waited comes first: this line ends the run.
    releaseWarnings();
    log().error(line);
  }

  return recordNotRun(run, run.start, 'lock_busy', lock.conflictExitCode, line, notes);
}

function lockInterrupted(run: Run, signal: NodeJS.Signals, notes: string[]): Promise<number> {
  const lock = run.plan.lock!;
  const status = signalStatus(constants.signals[signal]);
  const line = `interrupted by ${signal} while waiting for lock '${lock.name}'`;
  // Said as the confirm prompt says it: a person who pressed Ctrl-C sees why guard ended
  // (under --quiet the outcome line that ends the run says it).
  if (!run.plan.quiet) log().error(`${line}; nothing was run`);
  return recordNotRun(run, run.start, 'interrupted', status, line, notes, `waiting for lock '${lock.name}'`);
}

/**
 * The first attempt, then a retry after each retryable failure while retries are left,
 * each its own row in the run's group. Exits with the last attempt's status; a signal
 * during a wait ends the run at once, recorded as an attempt that never started.
 */
export async function runAttempts(run: Run, extras: RunExtras): Promise<number> {
  const {plan, signals, start} = run;
  for (let attempt = 1; ; attempt++) {
    const startedAt = attempt === 1 ? run.startedAt : new Date();
    const fields = {...start, attempt, started_at: startedAt.toISOString()};
    const pipes = attempt === 1 || run.request.foreground ? run.pipes : run.newPipes();
    const {end, exit, outcome} = await runAttempt({...run, pipes, start: fields, startedAt}, {...extras, notes: [...extras.notes]});
    const last = attempt > plan.retry.retries || !retryable(exit, plan.retry.on) || Boolean(signals.received);
    if (last) await endLock(extras, outcome);
    // The monitors hear of the run once: started with its first attempt, ended with its last.
    endAttempt({json: run.request.json, waits: run.waits}, {...end, last: last ? {monitor: run.monitor, store: run.store} : null});
    if (last) {
      if (plan.quiet) await printHeld(outcome, exit);
      if (plan.quiet && exit.status !== 'succeeded') run.ending.line = endingLine(endingOf(run, end.row, exit.exitCode, attempt));
      return exit.exitCode;
    }

    // An attempt to be retried keeps its tails in its row; under --quiet only the last attempt's output is printed.
    outcome.held?.discard();
    const waitMs = backoffMs(attempt, plan.retry.delayMs);
    const how = exit.status === 'timed_out' ? 'timed out' : `failed with status ${exit.exitCode}`;
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
async function printHeld(outcome: Outcome, exit: Exit): Promise<void> {
  if (exit.status === 'succeeded') {
    outcome.held?.discard();
    silenceWarnings();
  } else {
    await outcome.held?.replay();
  }
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
