// The fleet's part of a locked run: the fleet lock taken once the host lock is held, what
// happens when PostgreSQL cannot be reached (onUnavailable), when the lock is busy, and when
// it is lost mid-run (onLost); and shipping the run's rows, after spawn and at the end,
// never delaying the command nor changing its status.
import type {FleetConfig} from '../fleet/config.js';
import type {FleetLockHold} from '../fleet/lock.js';
import type {Outbox} from '../fleet/ship.js';
import type {FleetSession} from '../fleet/session.js';
import {log} from '../log.js';
import type {SignalWatch} from '../runner/signals.js';

/** The fleet as one run sees it: its configuration, and the local log's outbox when history is shipped. */
export interface FleetRun {
  config: FleetConfig;
  /** Whether this run takes the fleet lock (`--fleet`/`--no-fleet`, else `fleet.lock`). */
  lock: boolean;
  outbox: Outbox | null;
  /** The highest fleet epoch this log has seen for a lock, and recording a new one. */
  epochs: {note(name: string, epoch: number): Promise<void>; seen(name: string): Promise<number | null>};
  /**
   * PostgreSQL did not answer this run, or shipping failed: nothing more is shipped by this
   * run (each try would wait again), and the warning is said once.
   */
  unreachable: boolean;
  /** Shipping started after the command was spawned, to be awaited before shipping again. */
  shipping?: Promise<void>;
  /** Gives up shipping the start when it has not begun: the end ships it. */
  skipStart?: () => void;
  /** The fleet lock's session while the run holds it: rows ship on it. */
  session?: FleetSession;
}

/** The fleet of a run that takes no fleet lock and ran nothing: its history alone. */
export function historyOnly(config: FleetConfig, outbox: Outbox): FleetRun {
  return {config, epochs: {note: async () => {}, seen: async () => null}, lock: false, outbox, unreachable: false};
}

export type FleetLockStep =
  | {held: FleetLockHold}
  | {local: string}
  | {busy: string}
  | {unavailable: string}
  | {interrupted: NodeJS.Signals};

/** Takes the fleet lock for a run that holds its host lock; a signal ends a wait. */
export async function holdFleetLock(
  fleet: FleetRun,
  request: {command: string; host: string; name: string; pid: number; waitMs: number},
  signals: SignalWatch,
): Promise<FleetLockStep> {
  const {takeFleetLock} = await import('../fleet/lock.js');
  const abort = new AbortController();
  signals.attach({interrupt: () => abort.abort(), passOn() {}});
  const sourceId = fleet.outbox?.sourceId ?? '00000000-0000-0000-0000-000000000000';
  const step = await takeFleetLock(fleet.config, {...request, sourceId}, abort.signal).finally(() => signals.detach());
  if ('interrupted' in step || signals.received) {
    if ('held' in step) await step.held.release();
    return {interrupted: signals.received ?? 'SIGINT'};
  }

  if ('unavailable' in step) {
    fleet.unreachable = true;
    const why = `the fleet's PostgreSQL is unavailable (${step.unavailable})`;
    if (fleet.config.onUnavailable === 'local') return {local: `${why}: ran under the host lock alone (fleet.onUnavailable: local in ${fleet.config.source})`};
    return {unavailable: `${why}; nothing was run (fleet.onUnavailable: skip in ${fleet.config.source})`};
  }

  if ('busy' in step) return step;
  const seen = await fleet.epochs.seen(request.name);
  if (seen !== null && step.held.epoch <= seen) {
    await step.held.release();
    return {
      unavailable: `fleet lock '${request.name}' came with epoch ${step.held.epoch}, not above epoch ${seen} this host has already seen: the fleet's PostgreSQL may have lost writes in a failover; nothing was run`,
    };
  }

  await fleet.epochs.note(request.name, step.held.epoch);
  return step;
}

/**
 * Ships what the outbox holds on `session` (the lock's, while it lives), else on a session
 * of its own, until `ms` pass. Says once when rows stay queued; never throws.
 */
export async function shipQueued(fleet: FleetRun, session: FleetSession | null, ms: number): Promise<void> {
  fleet.skipStart?.();
  await fleet.shipping;
  await drainQueue(fleet, session, ms);
}

/** How long after spawn the start is shipped: a command that ends sooner ships once, at its end. */
const startShipDelayMs = 250;

/**
 * Ships the run's start in the background a moment after its command is spawned (the
 * command does not wait), on the lock's session when the run holds one; the end's
 * shipQueued waits for it, or, when the command ended first, makes it unnecessary.
 */
export function shipStarted(fleet: FleetRun, written: Promise<void>): void {
  const ms = fleet.config.shipTimeoutMs;
  fleet.shipping = new Promise<void>((resolve) => {
    let started = false;
    const timer = setTimeout(() => {
      started = true;
      void written.then(() => drainQueue(fleet, fleet.session ?? null, ms)).then(resolve);
    }, startShipDelayMs);
    // Once begun, the shipping is waited for: the end's own would race it, and guard would end in the middle of it.
    fleet.skipStart = () => {
      if (started) return;
      clearTimeout(timer);
      resolve();
    };
  });
}

async function drainQueue(fleet: FleetRun, session: FleetSession | null, ms: number): Promise<void> {
  if (!fleet.outbox || !fleet.config.history || fleet.unreachable) return;
  if ((await fleet.outbox.pending(1).catch(() => [])).length === 0) return;
  const deadline = Date.now() + ms;
  let own: FleetSession | null = null;
  try {
    const {drain} = await import('../fleet/ship.js');
    // A lock session that died (the lock was lost) cannot ship; a session of its own still may.
    if (session?.closed) session = null;
    if (!session) {
      const {openFleetSession} = await import('../fleet/lock.js');
      own = await openFleetSession({...fleet.config, connectTimeoutMs: Math.min(fleet.config.connectTimeoutMs, ms)}, 'guard ship');
    }

    const result = await drain((session ?? own)!, fleet.config.schema, fleet.outbox, {deadline, limit: 1000, output: fleet.config.output});
    if (result.error) notShipped(fleet, result.error);
  } catch (error) {
    notShipped(fleet, (error as Error).message);
  } finally {
    await own?.end(200);
  }
}

/** Once per run: the rows stay queued, the run's status is untouched. */
function notShipped(fleet: FleetRun, why: string): void {
  if (fleet.unreachable) return;
  fleet.unreachable = true;
  log().warn(`fleet history not shipped: ${why}; queued for the next run or \`guard fleet sync\``);
}
