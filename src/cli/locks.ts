// `guard locks` on this host, whichever way it was reached: through oclif (src/commands/locks.ts,
// for help and --fleet, which it reads itself) or on the lean path (src/cli/lean.ts), from flags
// already parsed.
import {unreleasedLeases, type Lease} from '../audit/leases.js';
import {findRun} from '../audit/queries.js';
import {openAuditStoreIfPresent} from '../audit/store.js';
import {heldLockFiles, lockFolder, mainHolder, type HeldLockFile, type LockHolder} from '../lock/index.js';
import {log} from '../log.js';
import {auditDbPath, stateDir} from '../paths.js';
import {loadPolicy} from '../policy-files/index.js';
import {print, printJson} from '../print.js';
import type {Redactor} from '../redact/redactor.js';
import {displayCommand} from '../run/display.js';
import {runRedactor} from '../run/redaction.js';
import type {ParsedFlags} from './flag-spec.js';
import type {locksFlags} from './locks-flags.js';
import {shortTime, table} from './output.js';

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

/** The locks held on this host, each with the run that holds it when a guard run does. */
export async function localLocks(flags: ParsedFlags<typeof locksFlags>): Promise<void> {
  const path = auditDbPath({env: process.env, flag: flags.db});
  const store = openAuditStoreIfPresent(path);
  // The kernel says what is held; the log only adds which run holds it.
  if (!store) log().warn(`audit log ${path} does not exist: holders are shown without run ids`);
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
    if (flags.json) return printJson('stdout', locks);
    if (locks.length === 0) return print('stdout', 'no lock is held\n');
    const heads = [{header: 'NAME'}, {header: 'RUN', right: true}, {header: 'PID', right: true}, {header: 'SINCE'}, {header: 'COMMAND'}];
    const rows = locks.map((lock) => [lock.name, String(lock.run_id ?? '-'), String(lock.pid ?? '-'), lock.since ? shortTime(lock.since) : '-', lock.command ?? '-']);
    print('stdout', `${table(heads, rows, 4)}\n`);
  } finally {
    store?.close();
  }
}
