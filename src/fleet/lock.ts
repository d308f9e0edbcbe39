// The fleet lock of one run: taken after the host lock, on a session of its own whose socket
// the command inherits; kept by heartbeats; lost when the session closes, a heartbeat finds
// the session no longer the holder's, or no heartbeat succeeds for lostAfter. On a loss the
// lock is taken again on a new session, up to monitorRetry times, before the run is told.
import {pause} from '../duration.js';
import type {FleetConfig} from './config.js';
import {fleetLockKey} from './key.js';
import {heartbeat, holderText, noteRun, release, schemaProblem, schemaVersion, tryAcquire, type Claim} from './protocol.js';
import {describe, FleetSession, FleetUnreachable} from './session.js';
import {fleetTarget} from './target.js';

export interface FleetLockRequest {
  command: string;
  host: string;
  name: string;
  pid: number;
  sourceId: string;
  /** `--lock-wait`: how long to poll a busy lock; 0 tries once. */
  waitMs: number;
}

export type FleetStep =
  | {held: FleetLockHold}
  | {busy: string}
  | {unavailable: string}
  | {interrupted: true};

/** Opens a session to the fleet's PostgreSQL with the policy's timing; throws FleetUnreachable. */
export async function openFleetSession(config: FleetConfig, purpose: string): Promise<FleetSession> {
  const target = fleetTarget(config.url, config.passwordFile ?? undefined);
  const session = await FleetSession.open(target, config, purpose);
  try {
    const problem = schemaProblem(await schemaVersion(session, config.schema, config.connectTimeoutMs), config.schema);
    if (problem) throw new FleetUnreachable(problem);
  } catch (error) {
    await session.end(200);
    throw error;
  }

  return session;
}

const pollMs = 1000;

/**
 * Takes the fleet lock, polling while it is busy for up to `waitMs` (never a blocking
 * lock: a waiter would be a running statement). `abort` ends a wait at once.
 */
export async function takeFleetLock(config: FleetConfig, request: FleetLockRequest, abort: AbortSignal): Promise<FleetStep> {
  let session: FleetSession;
  try {
    session = await openFleetSession(config, `guard ${request.name} ${request.host}`);
  } catch (error) {
    if (error instanceof FleetUnreachable) return {unavailable: error.message};
    throw error;
  }

  const claim: Claim = {...request, key: fleetLockKey(request.name), lockDelayMs: config.lockDelayMs};
  const deadline = Date.now() + request.waitMs;
  try {
    for (;;) {
      const got = await tryAcquire(session, config.schema, claim, config.connectTimeoutMs);
      if (got.state === 'held') return {held: new FleetLockHold(config, claim, session, got.epoch)};
      const busy =
        got.state === 'delay'
          ? `fleet lock '${request.name}' is in its lock-delay (${config.lockDelayMs / 1000} s): its last holder stopped answering without releasing it: ${holderText(got.holder)}`
          : `fleet lock '${request.name}' is held by ${holderText(got.holder)}`;
      const left = deadline - Date.now();
      if (left <= 0 || abort.aborted) {
        await session.end(200);
        return abort.aborted ? {interrupted: true} : {busy};
      }

      await pause(Math.min(left, pollMs * (0.75 + Math.random() / 2)), abort);
    }
  } catch (error) {
    await session.end(200);
    if (error instanceof FleetUnreachable) return {unavailable: error.message};
    throw error;
  }
}


/** A fleet lock held by this run. */
export class FleetLockHold {
  /** Notes for the run's record: a lock taken again after a loss. */
  readonly notes: string[] = [];
  private beat: NodeJS.Timeout | undefined;
  private done = false;
  private released = false;

  constructor(
    private readonly config: FleetConfig,
    private readonly claim: Claim,
    private session: FleetSession,
    public epoch: number,
  ) {}

  /** The lock session's socket, for the command to inherit; null once it has closed (the lock is then being lost). */
  get fd(): number | null {
    return this.session.fd;
  }

  /** Records which local run holds the lock. Best effort: the heartbeat says whether the lock is still ours. */
  async claimed(localId: number): Promise<void> {
    await noteRun(this.session, this.config.schema, this.claim.name, this.epoch, localId, this.config.connectTimeoutMs).catch(() => {});
  }

  /**
   * Heartbeats until released. `lost` is called once, with why, when the lock is lost and
   * could not be taken again.
   */
  watch(lost: (why: string) => void): void {
    let lastOk = Date.now();
    let inFlight = false;
    let reported = false;
    const fail = async (why: string) => {
      if (reported || this.done) return;
      reported = true;
      clearInterval(this.beat);
      this.session.abandon();
      if (await this.retake(why)) {
        reported = false;
        lastOk = Date.now();
        this.watchSession(fail);
        this.beat = setInterval(tick, this.config.heartbeatMs);
        return;
      }

      if (!this.done) lost(why);
    };

    const tick = () => {
      if (this.done) return;
      const silentMs = Date.now() - lastOk;
      if (silentMs >= this.config.lostAfterMs) return void fail(silence(silentMs, this.config.lostAfterMs));
      if (inFlight) return;
      inFlight = true;
      heartbeat(this.session, this.config.schema, this.claim.name, this.epoch, Math.max(1, this.config.lostAfterMs - silentMs), silence(this.config.lostAfterMs))
        .then(
          (ours) => {
            if (ours) lastOk = Date.now();
            else void fail('the lock session is no longer its holder (a pooler switched backends, or the row was taken over)');
          },
          (error: unknown) => {
            if (!(error instanceof FleetUnreachable)) void fail(describe(error));
            // An unanswered heartbeat: the deadline decides.
          },
        )
        .finally(() => {
          inFlight = false;
        });
    };

    this.watchSession(fail);
    this.beat = setInterval(tick, this.config.heartbeatMs);
  }

  private watchSession(fail: (why: string) => Promise<void>): void {
    const session = this.session;
    void session.lost.then((why) => {
      if (session === this.session) void fail(why);
    });
  }

  /** Tries to take the lock again on a new session, up to monitorRetry times. */
  private async retake(why: string): Promise<boolean> {
    for (let attempt = 1; attempt <= this.config.monitorRetry && !this.done; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, this.config.lockDelayMs / 4)));
      try {
        const session = await openFleetSession(this.config, `guard ${this.claim.name} ${this.claim.host}`);
        const got = await tryAcquire(session, this.config.schema, {...this.claim, retake: true}, this.config.connectTimeoutMs);
        if (got.state === 'held') {
          this.notes.push(`fleet lock '${this.claim.name}' lost (${why}) and taken again: epoch ${this.epoch} → ${got.epoch}; the command's GUARD_LOCK_EPOCH is the old one`);
          this.session = session;
          this.epoch = got.epoch;
          return true;
        }

        await session.end(200);
      } catch {}
    }

    return false;
  }

  /** The normal end: released in the fleet, then the session ended. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.stop();
    try {
      await release(this.session, this.config.schema, this.claim.name, this.epoch, this.claim.key, this.config.connectTimeoutMs);
    } catch {}

    await this.session.end(500);
  }

  /** Leftovers allowed to outlive the run inherited the socket: the lock stays theirs. */
  abandon(): void {
    this.released = true;
    this.stop();
    this.session.abandon();
  }

  /** The lock session, to ship the run's rows on while it lives. */
  get liveSession(): FleetSession {
    return this.session;
  }

  private stop(): void {
    this.done = true;
    clearInterval(this.beat);
  }
}

/** Why the lock is lost when no heartbeat succeeded for `silentMs` (at least fleet.lostAfter). */
function silence(silentMs: number, lostAfterMs = silentMs): string {
  return `no heartbeat succeeded for ${Math.round(silentMs / 100) / 10} s (fleet.lostAfter ${lostAfterMs / 1000} s)`;
}
