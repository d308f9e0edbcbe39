import {Args} from '@oclif/core';
import {findRun} from '../audit/queries.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {GuardCommand} from '../cli/guard-command.js';
import {dbFlag} from '../cli/flag-spec.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {runDetails} from '../cli/output.js';
import {parsePositiveInteger} from '../cli/query-flags.js';
import {GuardError} from '../errors.js';
import {auditDbPath} from '../paths.js';
import {exitStatus} from '../exit-status.js';

export default class Show extends GuardCommand {
  static override summary = 'One run in full, with its captured output tails.';
  static override description = `Exits ${exitStatus.noSuchRun} when no run has that id, ${exitStatus.usage} when the id is not a positive integer.`;
  static override examples = ['<%= config.bin %> show 42', '<%= config.bin %> show 42 --json'];

  static override args = {id: Args.string({description: 'the run id (from history)', required: true})};
  static override flags = oclifFlags({
    db: dbFlag,
    json: {kind: 'boolean', summary: 'print the row as one JSON object'},
  });

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Show);
    const id = parsePositiveInteger(args.id, 'ID');
    const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const run = findRun(store, id);
      if (!run) throw new GuardError(`no run with id ${id} in ${store.path}`, exitStatus.noSuchRun);
      if (flags.json) this.logJson(run);
      else this.log(runDetails(run));
    } finally {
      store.close();
    }
  }
}
