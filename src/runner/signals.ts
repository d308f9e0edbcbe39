const interrupting = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
// Passed on without ending the run; handling SIGUSR1 also keeps Node's inspector shut.
const passedOn = ['SIGUSR1', 'SIGUSR2'] as const;

export interface SignalTarget {
  interrupt(signal: NodeJS.Signals): void;
  passOn(signal: NodeJS.Signals): void;
}

/**
 * guard's answer to SIGINT, SIGTERM, SIGHUP and SIGQUIT, which must come within a second
 * whatever guard is doing. Node runs a signal handler only once the event loop is free, so
 * a handler would wait for the longest synchronous step (analysing a large script, matching
 * a pattern). Until `arm()` guard only reads and decides, so the signals keep their default
 * action and end guard at once, leaving nothing to clean up. From `arm()`, just before guard
 * records or holds anything, it takes them over (to pass them on, record the run as
 * `interrupted` and let the lock go), and what it does from then on is either short or
 * done where a signal can stop it. `disarm()` gives them back once the run is recorded and
 * nothing is held: a signal then ends guard at once again.
 */
export class SignalWatch {
  /** The first ending signal guard received while armed. */
  received: NodeJS.Signals | null = null;
  /** Every ending signal guard received, in order: a wait for the audit log heeds those sent during it. */
  readonly seen: NodeJS.Signals[] = [];
  private target: SignalTarget | null = null;
  private readonly handlers = new Map<NodeJS.Signals, () => void>();

  constructor() {
    for (const signal of passedOn) process.on(signal, () => this.target?.passOn(signal));
  }

  arm(): void {
    for (const signal of interrupting) {
      if (this.handlers.has(signal)) continue;
      const handler = () => {
        this.received ??= signal;
        this.seen.push(signal);
        this.target?.interrupt(signal);
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** With its last handler gone, Node gives a signal its default action back. */
  disarm(): void {
    for (const [signal, handler] of this.handlers) process.removeListener(signal, handler);
    this.handlers.clear();
  }

  attach(target: SignalTarget): void {
    this.target = target;
  }

  detach(): void {
    this.target = null;
  }
}
