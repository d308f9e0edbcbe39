import {unreleasedLeases, type Lease} from '../audit/leases.js';
import {findRun} from '../audit/queries.js';
import {openAuditStoreIfPresent} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {dbFlag, fleetFlag, policyFlag} from '../cli/flag-spec.js';
import {fleetReadingStatuses, readFleet} from '../cli/fleet-reading.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {secondsTime, shortTime, table} from '../cli/output.js';
import type {CentralLock} from '../fleet/central.js';
import {heldLockFiles, lockFolder, mainHolder, type HeldLockFile, type LockHolder} from '../lock/index.js';
import {loadPolicy} from '../policy-files/index.js';
import {auditDbPath, stateDir} from '../paths.js';
import type {Redactor} from '../redact/redactor.js';
import {displayCommand} from '../run/display.js';
import {runRedactor} from '../run/redaction.js';

/** A held lock as `guard locks` shows it; run_id, since and epoch are null when no guard run holds it. */
interface ListedLock {
  command: string | null;
  epoch: number | null;
  holders: Array<{command: string; pid: number}>;
  name: string;
  pid: number | null;
  run_id: number | null;
  since: string | null;
}

const isGuardOf = (lease: Lease) => (holder: LockHolder) => holder.pid === lease.pid && holder.startTime === lease.pid_start;

// The lease is the holder's record when a process of that run still holds the lock: guard
// itself, its command, or what the command left in its process group. With no holder in
// sight (another user's processes), the lease is all there is to go by.
function heldByRun(lease: Lease, holders: readonly LockHolder[], child: number | null): boolean {
  return holders.length === 0 || holders.some((holder) => isGuardOf(lease)(holder) || (child !== null && (holder.pid === child || holder.pgrp === child)));
}

function listLock(file: HeldLockFile, lease: Lease | undefined, child: number | null, redactor: Redactor): ListedLock {
  const shown = (holder: LockHolder) => redactor.text(holder.argv.length > 0 ? displayCommand(holder.argv) : '?');
  const holders = file.holders.map((holder) => ({command: shown(holder), pid: holder.pid}));
  const main = mainHolder(file);
  if (lease && heldByRun(lease, file.holders, child)) {
    // guard's own pid while it runs; once it has exited, the process that holds the lock now.
    const pid = !main || file.holders.some(isGuardOf(lease)) ? lease.pid : main.pid;
    return {command: lease.command, epoch: lease.epoch, holders, name: file.name, pid, run_id: lease.run_id, since: lease.since};
  }

  return {command: main ? shown(main) : null, epoch: null, holders, name: file.name, pid: main?.pid ?? null, run_id: null, since: null};
}

export default class Locks extends GuardCommand {
  static override summary = 'Held locks: name, run id, pid, since when, command.';
  static override description = [
    'Every lock file in the lock folder that the kernel says some process holds. A lock held by a guard run (or by what',
    'its command left running) shows the run; one held by anything else (a daemon started with setsid, a shell\'s flock)',
    'shows no run, and names the holding process and its command line. --json lists every holding process of each lock.',
    "--fleet lists the fleet's locks not released, from PostgreSQL: name, fencing epoch, holder host, pid and run id (its",
    "id in that host's log), since when, seconds since its last heartbeat, and state: held (a live session holds it) or",
    "vanished (its holder's session is gone without releasing it: no host takes it before the lock-delay after its last",
    `heartbeat, by the server's clock and this host's fleet.lockDelay). ${fleetReadingStatuses}`,
  ].join(' ');

  static override examples = ['<%= config.bin %> locks', '<%= config.bin %> locks --json', '<%= config.bin %> locks --fleet'];
  static override flags = oclifFlags({
    db: dbFlag,
    fleet: fleetFlag("the fleet's locks, held or vanished, from PostgreSQL"),
    json: {kind: 'boolean', summary: 'print one JSON array'},
    policy: {...policyFlag, summary: 'the policy whose locks.dir holds the lock files (also GUARD_POLICY)'},
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(Locks);
    if (flags.fleet) return this.fleetLocks(flags.json);
    const path = auditDbPath({env: process.env, flag: flags.db});
    const store = openAuditStoreIfPresent(path);
    // The kernel says what is held; the log only adds which run holds it.
    if (!store) this.warn(`audit log ${path} does not exist: holders are shown without run ids`);
    try {
      const leases = new Map(store ? unreleasedLeases(store).map((lease) => [lease.name, lease]) : []);
      const {settings} = await loadPolicy({cwd: process.cwd(), env: process.env, policyFlag: flags.policy});
      const redactor = runRedactor(settings);
      const files = heldLockFiles(lockFolder(stateDir(process.env), settings.locks.dir?.value).dir);
      const locks = files.map((file) => {
        const lease = leases.get(file.name);
        const child = lease?.run_id === null || lease === undefined || !store ? null : (findRun(store, lease.run_id)?.child_pid ?? null);
        return listLock(file, lease, child, redactor);
      });
      if (flags.json) return this.logJson(locks);
      if (locks.length === 0) return this.log('no lock is held');
      const heads = [{header: 'NAME'}, {header: 'RUN', right: true}, {header: 'PID', right: true}, {header: 'SINCE'}, {header: 'COMMAND'}];
      const rows = locks.map((lock) => [lock.name, String(lock.run_id ?? '-'), String(lock.pid ?? '-'), lock.since ? shortTime(lock.since) : '-', lock.command ?? '-']);
      this.log(table(heads, rows, 4));
    } finally {
      store?.close();
    }
  }

  private async fleetLocks(json: boolean): Promise<void> {
    const {centralLocks} = await import('../fleet/central.js');
    const locks = await readFleet('guard locks --fleet', (session, fleet) => centralLocks(session, fleet.schema, fleet.lockDelayMs, 30_000));
    if (json) return this.logJson(locks);
    if (locks.length === 0) return this.log('no fleet lock is held');
    const heads = [
      {header: 'NAME'},
      {header: 'EPOCH', right: true},
      {header: 'HOST'},
      {header: 'PID', right: true},
      {header: 'RUN', right: true},
      {header: 'SINCE'},
      {header: 'HEARTBEAT', right: true},
      {header: 'STATE'},
    ];
    const rows = locks.map((lock) => [
      lock.name,
      String(lock.epoch),
      lock.host ?? '-',
      String(lock.pid ?? '-'),
      String(lock.run_id ?? '-'),
      lock.since ? shortTime(lock.since) : '-',
      lock.heartbeat_age_s === null ? '-' : `${lock.heartbeat_age_s}s ago`,
      stateOf(lock),
    ]);
    // Nothing is cut: the state is the point, and a lock row is short.
    this.log(table(heads, rows, -1));
  }
}

function stateOf(lock: CentralLock): string {
  if (lock.state === 'held') return 'held';
  if (!lock.lock_delay_until) return 'vanished';
  return lock.in_lock_delay ? `vanished: lock-delay until ${secondsTime(lock.lock_delay_until)}` : `vanished: free since ${secondsTime(lock.lock_delay_until)}`;
}
