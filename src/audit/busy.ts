// How guard waits for an audit log that other processes are writing.
//
// SQLite's own busy handler sleeps inside the call (guard cannot answer a signal while it
// waits) and polls ever more slowly (1, 2, 5 … 100 ms): with two hundred guards on two
// cores, newcomers walked in while old waiters slept, and 69 of them gave up at the 5 s
// budget with exit 74. So a connection that writes does not let SQLite wait at all (busy
// timeout 0): guard paces the tries itself, oldest waiters first (waiting-line.ts). The
// work is written once, as a step that yields whenever the log is busy; a driver decides
// how to wait between tries: `runNow` in place (commands without signal handlers, which
// Ctrl-C ends at once anyway), `runPatiently` on the event loop (`guard run`, which must
// answer a signal within a second).
//
// The bound is on a stalled log, not on waiting: a guard waits while other writers get
// through, however many there are, and gives up only once nothing at all has been written
// for `stalledMs`, which means some process holds the log and is not letting go. A wait
// that must not give up (an end record: its command has run) goes on past that.
import type Database from 'better-sqlite3';
import {AuditError} from '../errors.js';
import {WaitingLine} from './waiting-line.js';

/** How long SQLite itself may wait inside one call on a connection that writes: guard paces the waits. */
export const writerBusyTimeoutMs = 0;

/** Nothing written by anyone for this long: the log is held, and a bounded wait gives up. */
export const stalledMs = 10_000;

/** What a reading command lets SQLite wait, in one call, for a log being written. */
export const busyBudgetMs = 5000;

/** Work on the log that may find it busy: it yields its connection (if any) each time it does. */
export type Step<T> = Generator<Database.Database | null, T, void>;

export function isBusy(error: unknown): boolean {
  const code = (error as {code?: unknown} | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** `work` as a step: tried again after every busy answer. */
export function* untilFree<T>(db: Database.Database | null, work: () => T): Step<T> {
  for (;;) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error)) throw error;
    }

    yield db;
  }
}

/** Milliseconds on the monotonic clock. (Not performance.nowMs(): its first call loads perf_hooks, 0.6 ms of a run.) */
export const nowMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;

const dataVersions = new WeakMap<Database.Database, Database.Statement<[], number>>();

// `data_version` changes whenever another connection commits: someone is getting through.
// Read at most once a second: the answer only matters after `stalledMs`.
class Progress {
  private checked = 0;
  private last = nowMs();
  private version: number | undefined;

  seen(db: Database.Database | null): void {
    if (!db || nowMs() - this.checked < 1000) return;
    this.checked = nowMs();
    let version: number;
    try {
      if (!dataVersions.has(db)) dataVersions.set(db, db.prepare<[], number>('PRAGMA data_version').pluck());
      version = dataVersions.get(db)!.get()!;
    } catch {
      return;
    }

    if (version !== this.version) {
      this.version = version;
      this.last = nowMs();
    }
  }

  get stalled(): boolean {
    return nowMs() - this.last >= stalledMs;
  }
}

function stalledError(db: Database.Database | null): AuditError {
  const where = db ? `audit log ${db.name}` : 'audit log';
  return new AuditError(`${where}: busy: another process has kept it locked for ${stalledMs / 1000} s with no write getting through`);
}

/** One wait for the log: its place in line, whether the log has stalled, when to try again. */
class Wait {
  private line: WaitingLine | undefined;
  private place: number | undefined;
  private readonly progress = new Progress();
  private looks = 0;

  /**
   * After a busy answer from `db`: the error a stalled log ends a bounded wait with, or
   * nothing, and then `pauseMs()` and `mayTry()` until it is this waiter's turn.
   */
  check(db: Database.Database | null, bounded: boolean): AuditError | undefined {
    this.progress.seen(db);
    if (this.progress.stalled && bounded) return stalledError(db);
    if (db && this.looks === 0) this.line = WaitingLine.join(db.name);
    return undefined;
  }

  // Waking costs a Node process ~200 µs of CPU on a loaded machine, so only the front tries
  // often (every few ms: it takes the log at nearly every release); the next three every
  // ~50 ms; the rest look at the line about once a second and try every other look (someone
  // stopped at the front holds nobody back). Out of line (no folder for it), a few quick
  // tries, then every 50–150 ms, about what SQLite's own handler costs at its slowest.
  pauseMs(): number {
    const looks = this.looks++;
    // Once at the front, nobody can come before: no need to look again.
    if (this.place !== 0) this.place = this.line?.place();
    if (this.place === undefined) return looks < 4 ? Math.random() * 5 * 2 ** looks : 50 + Math.random() * 100;
    if (this.place === 0) return 2 + Math.random() * 3;
    if (this.place < 4) return 30 + Math.random() * 40;
    return 700 + Math.random() * 600;
  }

  /** Whether to try the log after this pause, or only look at the line again. */
  mayTry(): boolean {
    return this.place === undefined || this.place < 4 || this.looks % 2 === 0;
  }

  get stalled(): boolean {
    return this.progress.stalled;
  }

  leave(): void {
    this.line?.leave();
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Drives `step` in place: between tries guard sleeps; a stalled log ends it with AuditError (74). */
export function runNow<T>(step: Step<T>): T {
  const wait = new Wait();
  try {
    let next = step.next();
    while (!next.done) {
      const stalled = wait.check(next.value, true);
      if (stalled) {
        next = step.throw(stalled);
        continue;
      }

      do Atomics.wait(pause, 0, 0, wait.pauseMs());
      while (!wait.mayTry());
      next = step.next();
    }

    return next.value;
  } finally {
    wait.leave();
  }
}

/** Runs `work` in place while the log is busy, for at most `stalledMs` in all (no connection given to watch the log's progress). */
export function retryBusy<T>(work: () => T): T {
  return runNow(untilFree(null, work));
}

/**
 * Ends a wait from outside: the reason is thrown into the step at once. (Not an
 * AbortController: its first abort costs a run half a millisecond of lazy loading.)
 */
export class WaitStop {
  reason: unknown;
  stopped = false;
  private wake: (() => void) | undefined;

  stop(reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reason = reason;
    this.wake?.();
  }

  /** Sleeps `ms`, or less when stopped meanwhile. */
  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = this;
      function done() {
        clearTimeout(timer);
        wake.wake = undefined;
        resolve();
      }

      this.wake = done;
    });
  }
}

export interface Patience {
  /** Wait as long as it takes (an end record); otherwise a stalled log ends the wait. */
  forever?: boolean;
  /** Ends the wait at once: its reason is thrown into the step. */
  stop?: WaitStop;
  /** Told once when a wait that goes on for ever finds the log stalled. */
  onStalled?: () => void;
}

/** Drives `step` on the event loop: between tries guard answers signals and other work goes on. */
export async function runPatiently<T>(step: Step<T>, patience: Patience = {}): Promise<T> {
  const wait = new Wait();
  let told = false;
  try {
    let next = step.next();
    while (!next.done) {
      if (patience.stop?.stopped) {
        next = step.throw(patience.stop.reason);
        continue;
      }

      const stalled = wait.check(next.value, !patience.forever);
      if (stalled) {
        next = step.throw(stalled);
        continue;
      }

      if (wait.stalled && !told) {
        told = true;
        patience.onStalled?.();
      }

      const stop = patience.stop ?? new WaitStop();
      do await stop.sleep(wait.pauseMs());
      while (!wait.mayTry() && !stop.stopped);
      next = step.next();
    }

    return next.value;
  } finally {
    wait.leave();
  }
}
