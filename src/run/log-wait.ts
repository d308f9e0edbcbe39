// How `guard run` waits for a busy audit log: on the event loop, between tries paced by
// ../audit/busy.ts, so a signal is answered at once.
//
// Before the command runs, a wait is bounded: a log that has stalled (nothing written by
// anyone for 10 s) is exit 74, and a signal ends the wait with 128+N: nothing was run, and
// nothing could be recorded. The end of a command that has run waits for as long as it must
// (a stalled log is said once); a signal sent during that wait ends it, and guard exits with
// the command's own status, its end unrecorded: a later guard marks the row abandoned once
// the run's processes are gone. The `running` mark waits in the background while the
// command runs, and gives way to the end record.
import {constants} from 'node:os';
import {runPatiently, type Patience, type Step} from '../audit/busy.js';
import {GuardError} from '../errors.js';
import {signalStatus} from '../exit-status.js';
import type {SignalWatch} from '../runner/signals.js';

export class LogWaits {
  /** The longest any one write took to reach the log, waits included: `audit_wait_ms` in the JSON log. */
  longestMs = 0;

  constructor(private readonly signals: SignalWatch) {}

  /** A write before the command runs, or instead of it: bounded; a signal ends it (exit 128+N). */
  before<T>(step: Step<T>): Promise<T> {
    return this.answering(step, {}, '; nothing was run');
  }

  /** A write once the command has run: waits for as long as it must, unless a signal ends it. */
  after<T>(step: Step<T>, onStalled: () => void): Promise<T> {
    return this.answering(step, {forever: true, onStalled}, '');
  }

  /** A write in the background while the command runs (the runner answers signals): bounded, ended by `stop`. */
  background<T>(step: Step<T>, stop: AbortSignal): Promise<T> {
    return this.timed(step, {stop});
  }

  /** Only a signal sent during the wait ends it: the one that stopped the command does not. */
  private async answering<T>(step: Step<T>, patience: Patience, outcome: string): Promise<T> {
    const stop = new AbortController();
    this.signals.attach({
      interrupt: (signal) => {
        const status = signalStatus(constants.signals[signal]);
        stop.abort(new GuardError(`interrupted by ${signal} while waiting for the audit log${outcome}`, status));
      },
      passOn() {},
    });
    try {
      return await this.timed(step, {...patience, stop: stop.signal});
    } finally {
      this.signals.detach();
    }
  }

  private async timed<T>(step: Step<T>, patience: Patience): Promise<T> {
    const started = performance.now();
    try {
      return await runPatiently(step, patience);
    } finally {
      this.longestMs = Math.max(this.longestMs, performance.now() - started);
    }
  }
}
