const interrupting = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
// Passed on without ending the run; handling SIGUSR1 also keeps Node's inspector shut.
const passedOn = ['SIGUSR1', 'SIGUSR2'] as const;

export interface SignalTarget {
  interrupt(signal: NodeJS.Signals): void;
  passOn(signal: NodeJS.Signals): void;
}

/**
 * Takes over guard's signals for the rest of its life: from before the command starts
 * (a signal then ends the run before anything is spawned) until guard has recorded how
 * the run ended (a late signal must not kill guard half-way through writing it).
 */
export class SignalWatch {
  /** The first ending signal guard received. */
  received: NodeJS.Signals | null = null;
  /** Every ending signal guard received, in order: a wait for the audit log heeds those sent during it. */
  readonly seen: NodeJS.Signals[] = [];
  private target: SignalTarget | null = null;

  constructor() {
    for (const signal of interrupting) {
      process.on(signal, () => {
        this.received ??= signal;
        this.seen.push(signal);
        this.target?.interrupt(signal);
      });
    }

    for (const signal of passedOn) process.on(signal, () => this.target?.passOn(signal));
  }

  attach(target: SignalTarget): void {
    this.target = target;
  }

  detach(): void {
    this.target = null;
  }
}
