import {GuardCommand} from '../cli/guard-command.js';
import {fleetReadingStatuses, readFleet} from '../cli/fleet-reading.js';
import {localLocks} from '../cli/locks.js';
import {locksFlags} from '../cli/locks-flags.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {secondsTime, shortTime, table} from '../cli/output.js';
import type {CentralLock} from '../fleet/central.js';

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
  static override flags = oclifFlags(locksFlags);

  async run(): Promise<void> {
    const {flags} = await this.parse(Locks);
    if (flags.fleet) return this.fleetLocks(flags.json);
    await localLocks(flags);
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
