import type {AuditStore} from './store.js';
import {guardedStep} from './failure.js';
import {untilFree, type Step} from './busy.js';

/** Who holds a lock, as the lock table says. */
export interface Lease {
  command: string;
  epoch: number;
  host: string;
  name: string;
  pid: number;
  pid_start: number;
  released: boolean;
  run_id: number | null;
  since: string;
}

export type LeaseClaim = Omit<Lease, 'epoch' | 'released' | 'run_id'>;

interface StoredLease extends Omit<Lease, 'released'> {
  released: number;
}

const fields = 'name, run_id, pid, pid_start, host, since, command, epoch, released';
const toLease = (row: StoredLease): Lease => ({...row, released: row.released === 1});

// The writes are steps that yield while the log is busy: `guard run` waits for them on the
// event loop (see busy.ts).

/**
 * Records a new holder of a lock guard has just taken in the kernel: the epoch grows by
 * one, its command masked like the run's. Returns the new lease and the previous holder when
 * it never released (it died).
 */
export function takeLease(store: AuditStore, claim: LeaseClaim): Step<{lease: Lease; stale: Lease | null}> {
  const read = store.db.prepare<[string], StoredLease>(`SELECT ${fields} FROM locks WHERE name = ?`);
  const write = store.db.prepare(
    `INSERT INTO locks (${fields}) VALUES (@name, NULL, @pid, @pid_start, @host, @since, @command, @epoch, 0)
     ON CONFLICT (name) DO UPDATE SET run_id = NULL, pid = @pid, pid_start = @pid_start, host = @host,
       since = @since, command = @command, epoch = @epoch, released = 0`,
  );
  const command = store.redactor.text(claim.command);
  const take = store.db.transaction(() => {
    const previous = read.get(claim.name);
    const lease: Lease = {...claim, command, epoch: (previous?.epoch ?? 0) + 1, released: false, run_id: null};
    write.run(lease);
    return {lease, stale: previous && previous.released === 0 ? toLease(previous) : null};
  });
  return guardedStep(store.path, untilFree(store.db, () => take.immediate()));
}

/** Names the run that holds the lease, once its row exists. */
export function claimLease(store: AuditStore, name: string, epoch: number, runId: number): Step<void> {
  const claim = store.db.prepare('UPDATE locks SET run_id = ? WHERE name = ? AND epoch = ?');
  return guardedStep(store.path, untilFree(store.db, () => void store.db.transaction(() => claim.run(runId, name, epoch)).immediate()));
}

/** The holder lets go; the row stays, so the epoch keeps growing. */
export function releaseLease(store: AuditStore, name: string, epoch: number): Step<void> {
  const release = store.db.prepare('UPDATE locks SET released = 1 WHERE name = ? AND epoch = ?');
  return guardedStep(store.path, untilFree(store.db, () => void store.db.transaction(() => release.run(name, epoch)).immediate()));
}

export function readLease(store: AuditStore, name: string): Lease | undefined {
  const row = store.db.prepare<[string], StoredLease>(`SELECT ${fields} FROM locks WHERE name = ?`).get(name);
  return row && toLease(row);
}

/** Every lease not released, newest first: `guard locks` keeps those whose lock is held. */
export function unreleasedLeases(store: AuditStore): Lease[] {
  return store.db
    .prepare<[], StoredLease>(`SELECT ${fields} FROM locks WHERE released = 0 ORDER BY since DESC`)
    .all()
    .map(toLease);
}
