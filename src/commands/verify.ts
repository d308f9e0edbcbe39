import {Flags} from '@oclif/core';
import {openAuditStore} from '../audit/store.js';
import {verifyChain} from '../audit/verify.js';
import {GuardCommand} from '../cli/guard-command.js';
import {dbFlag} from '../cli/query-flags.js';
import {GuardError} from '../errors.js';
import {auditDbPath} from '../paths.js';

export default class Verify extends GuardCommand {
  static override summary = "Check the audit log's hash chain; name the first row that does not verify.";
  static override description = [
    'Exit 0 when every finished run links to the one before it and matches its hash; else 1.',
    'The chain proves nothing on its own if the newest rows were cut off: keep the head hash',
    "(in guard's JSON log) somewhere else and pass it with --head.",
  ].join('\n');

  static override examples = ['<%= config.bin %> verify', '<%= config.bin %> verify --head 3f1a…'];
  static override flags = {
    db: dbFlag,
    head: Flags.string({helpValue: 'HASH', summary: 'a head hash kept apart: the chain must still contain it'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Verify);
    // Not opened read-only on a newer schema: its rows may hash a form this guard does not know.
    const store = openAuditStore(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const verdict = verifyChain(store, flags.head);
      if (!verdict.ok) {
        const where = verdict.id === undefined ? '' : `row ${verdict.id} (seq ${verdict.seq}): `;
        throw new GuardError(`audit log ${store.path}: ${where}${verdict.problem}`, 1);
      }

      const head = verdict.head ? `, head ${verdict.head.hash} (seq ${verdict.head.seq})` : '';
      this.log(`audit log ${store.path}: ${verdict.rows} finished ${verdict.rows === 1 ? 'run verifies' : 'runs verify'}${head}`);
    } finally {
      store.close();
    }
  }
}
