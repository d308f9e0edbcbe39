// How `guard run` waits for a busy audit log: on the event loop, between tries paced by
// ../audit/busy.ts, so a signal is answered at once.
//
// Before the command runs, a wait is bounded: a log that has stalled (nothing written by
// anyone for 10 s) is exit 74, and a signal (one received earlier too) ends the wait with
// 128+N: nothing was run, and nothing could be recorded. The end of a command that has run
// waits for as long as it must (a stalled log is said once); a signal sent after the command
// ended ends that wait, and guard exits with the command's own status, its end unrecorded: a
// later guard marks the row abandoned once the run's processes are gone. The `running` mark
// waits in the background while the command runs, and gives way to the end record.
import {constants} from 'node:os';
import {nowMs, runPatiently, WaitStop, type Patience, type Step} from '../audit/busy.js';
import {GuardError} from '../errors.js';
import {signalStatus} from '../exit-status.js';
import type {SignalWatch} from '../runner/signals.js';

export class LogWaits {
  /** The longest any one write took to reach the log, waits included: `audit_wait_ms` in the JSON log. */
  longestMs = 0;

  constructor(private readonly signals: SignalWatch) {}

  /** A write before the command runs, or instead of it: bounded, and ended by any signal guard has received. */
  before<T>(step: Step<T>): Promise<T> {
    return this.answering(step, {}, {outcome: '; nothing was run', since: 0});
  }

  /**
   * A write once the command has run: waits for as long as it must, ended only by a signal
   * after the first `since` (those the command was sent while it ran: `signals.seen.length`
   * when it ended).
   */
  after<T>(step: Step<T>, since: number, onStalled: () => void): Promise<T> {
    return this.answering(step, {forever: true, onStalled}, {outcome: '', since});
  }

  /** A write in the background while the command runs (the runner answers signals): bounded, ended by `stop`. */
  background<T>(step: Step<T>, stop: WaitStop): Promise<T> {
    return this.timed(step, {stop});
  }

  private async answering<T>(step: Step<T>, patience: Patience, {outcome, since}: {outcome: string; since: number}): Promise<T> {
    const stop = new WaitStop();
    const heed = () => {
      const signal = this.signals.seen[since];
      if (!signal) return;
      stop.stop(new GuardError(`interrupted by ${signal} while waiting for the audit log${outcome}`, signalStatus(constants.signals[signal])));
    };

    this.signals.attach({interrupt: heed, passOn() {}});
    heed();
    try {
      return await this.timed(step, {...patience, stop});
    } finally {
      this.signals.detach();
    }
  }
  private async timed<T>(step: Step<T>, patience: Patience): Promise<T> {
    const started = nowMs();
    try {
      return await runPatiently(step, patience);
    } finally {
      this.longestMs = Math.max(this.longestMs, nowMs() - started);
    }
  }
}
