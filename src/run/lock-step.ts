import {nowMs, untilFree} from '../audit/busy.js';
import type {AuditStore} from '../audit/store.js';
import {readLease, takeLease, type Lease} from '../audit/leases.js';
import type {StartFields} from '../audit/row.js';
import {elapsed, formatDuration} from '../duration.js';
import {log} from '../log.js';
import {acquireLock, heldLockFiles, mainHolder, type HeldLock, type LockFolder} from '../lock/index.js';
import type {SignalWatch} from '../runner/signals.js';
import {displayCommand} from './display.js';
import type {LogWaits} from './log-wait.js';
import type {LockRequest} from './request.js';

export type LockStep = {held: HeldLock; lease: Lease; notes: string[]} | {busy: string} | {interrupted: NodeJS.Signals};

// A holder that is no guard run (a shell's flock, a daemon that escaped its run) is named by what the kernel says.
function otherHolder(folder: LockFolder, name: string): string {
  const file = heldLockFiles(folder.dir).find((held) => held.name === name);
  const holder = file && mainHolder(file);
  return holder ? `: pid ${holder.pid}, ${holder.argv.length > 0 ? displayCommand(holder.argv) : '?'}` : '';
}

// Who holds a lock, as `guard locks` names it: a guard run, or a process that is none. The
// command comes last, since it may hold any character.
function holderText(name: string, holder: Lease | undefined, folder: LockFolder): string {
  if (!holder || holder.released) return `another process (not a guard run)${otherHolder(folder, name)}`;
  const run = holder.run_id === null ? 'a run starting' : `run ${holder.run_id}`;
  return `${run} (pid ${holder.pid} on ${holder.host}, since ${holder.since}): ${holder.command}`;
}

// A run that has just taken the lock in the kernel records itself a moment later: give it
// that moment before saying the holder is not a guard run.
async function currentHolder(store: AuditStore, name: string, waits: LogWaits): Promise<Lease | undefined> {
  for (let attempt = 0; ; attempt++) {
    const lease = await waits.before(untilFree(store.db, () => readLease(store, name)));
    if ((lease && !lease.released && lease.run_id !== null) || attempt === 10) return lease;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Takes the run's lock in the kernel, then records the new holder and its epoch. A signal
 * while waiting ends the wait; a lock still busy says who holds it. With `--lock-wait`,
 * guard says once what it waits for, and again when it gets the lock (a warning: --quiet
 * holds it with the others) or gives up (the busy line).
 */
export async function holdLock(
  request: LockRequest,
  folder: LockFolder,
  {signals, start, store, waits}: {signals: SignalWatch; start: StartFields; store: AuditStore; waits: LogWaits},
): Promise<LockStep> {
  const {name, waitMs} = request;
  const holder = async () => holderText(name, await currentHolder(store, name, waits), folder);
  let held = await acquireLock(folder, name, 0);
  if (held === 'busy' && waitMs > 0 && !signals.received) {
    log().warn(`waiting up to ${formatDuration(waitMs)} for lock '${name}', held by ${await holder()}`);
    const began = nowMs();
    const abort = new AbortController();
    signals.attach({interrupt: () => abort.abort(), passOn() {}});
    held = await acquireLock(folder, name, waitMs, abort.signal).finally(() => signals.detach());
    const waited = elapsed(nowMs() - began);
    if (held === 'busy' && !signals.received) return {busy: `gave up on lock '${name}' after waiting ${waited}: still held by ${await holder()}`};
    if (held !== 'busy' && !signals.received) log().warn(`got lock '${name}' after waiting ${waited}`);
  }

  if (signals.received) {
    if (held !== 'busy') held.release();
    return {interrupted: signals.received};
  }

  if (held === 'busy') return {busy: `lock '${name}' is held by ${await holder()}`};
  let taken;
  try {
    taken = await waits.before(
      takeLease(store, {
        command: start.command,
        host: start.host,
        name: request.name,
        pid: start.pid,
        pid_start: start.pid_start,
        since: new Date().toISOString(),
      }),
    );
  } catch (error) {
    held.release();
    throw error;
  }

  const {lease, stale} = taken;
  const notes = stale ? [`cleared a stale holder of lock '${request.name}': run ${stale.run_id ?? '?'} (pid ${stale.pid}, since ${stale.since})`] : [];
  if (stale) log().info(notes[0]!, {lock: request.name});
  return {held, lease, notes};
}
