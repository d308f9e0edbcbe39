import {Flags} from '@oclif/core';
import {unreleasedLeases} from '../audit/leases.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {shortTime, table} from '../cli/output.js';
import {dbFlag} from '../cli/query-flags.js';
import {heldLocks, lockFolder} from '../lock/index.js';
import {loadPolicy} from '../policy-files/index.js';
import {auditDbPath, stateDir} from '../paths.js';
import {jsonText} from '../print.js';

export default class Locks extends GuardCommand {
  static override summary = 'Held locks: name, run id, pid, since when, command.';
  static override description =
    'A lock is listed while the kernel says some process holds it; the holder is the run that took it (after `kill -9` of guard, its command may hold it still).';

  static override examples = ['<%= config.bin %> locks', '<%= config.bin %> locks --json'];
  static override flags = {
    db: dbFlag,
    json: Flags.boolean({summary: 'print one JSON array'}),
    policy: Flags.string({helpValue: 'FILE', summary: "the policy whose locks.dir holds the lock files (also GUARD_POLICY)"}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Locks);
    const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const leases = unreleasedLeases(store);
      const {settings} = await loadPolicy({cwd: process.cwd(), env: process.env, policyFlag: flags.policy});
      const held = heldLocks(lockFolder(stateDir(process.env), settings.locks.dir?.value).dir, leases.map((lease) => lease.name));
      const locks = leases
        .filter((lease) => held.has(lease.name))
        .map(({command, epoch, name, pid, run_id, since}) => ({name, run_id, pid, since, epoch, command}));
      if (flags.json) return this.log(jsonText(locks));
      if (locks.length === 0) return this.log('no lock is held');
      const heads = [{header: 'NAME'}, {header: 'RUN', right: true}, {header: 'PID', right: true}, {header: 'SINCE'}, {header: 'COMMAND'}];
      const rows = locks.map((lock) => [lock.name, String(lock.run_id ?? '-'), String(lock.pid), shortTime(lock.since), lock.command]);
      this.log(table(heads, rows, 4));
    } finally {
      store.close();
    }
  }
}
