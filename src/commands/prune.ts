import {Flags} from '@oclif/core';
import {prune} from '../audit/prune.js';
import {openAuditStore} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {dbFlag, parseMoment} from '../cli/query-flags.js';
import {auditDbPath} from '../paths.js';

export default class Prune extends GuardCommand {
  static override summary = 'Delete finished runs older than a duration; the hash chain still verifies.';
  static override description = [
    'One transaction. Runs still going are never deleted. The chain is cut only at its old end:',
    'a run that ended after a newer, kept run stays until that one goes.',
  ].join('\n');

  static override examples = ['<%= config.bin %> prune --older-than 90d', '<%= config.bin %> prune --older-than 30d --dry-run'];
  static override flags = {
    db: dbFlag,
    'dry-run': Flags.boolean({summary: 'say how many runs would be deleted; delete nothing'}),
    'older-than': Flags.string({helpValue: 'DUR', required: true, summary: 'delete runs started longer ago than DUR (30d, 12h)'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Prune);
    const cutoff = parseMoment(flags['older-than'], '--older-than');
    const store = openAuditStore(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const {deleted, kept} = prune(store, cutoff, flags['dry-run']);
      const verb = flags['dry-run'] ? 'would delete' : 'deleted';
      const rest = kept > 0 ? `; kept ${kept} older (still running, or ended after a newer run that stays)` : '';
      this.log(`${verb} ${deleted} ${deleted === 1 ? 'run' : 'runs'} started before ${cutoff}${rest}`);
    } finally {
      store.close();
    }
  }
}
