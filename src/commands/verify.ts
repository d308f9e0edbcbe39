import {openAuditStoreForQueries} from '../audit/store.js';
import {verifyChain, type Verdict} from '../audit/verify.js';
import {GuardCommand} from '../cli/guard-command.js';
import {dbFlag} from '../cli/flag-spec.js';
import {oclifFlags} from '../cli/oclif-flags.js';
import {parseHeadHash} from '../cli/query-flags.js';
import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath} from '../paths.js';

const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function summary(path: string, verdict: Extract<Verdict, {ok: true}>): string {
  if (!verdict.head) {
    const why = verdict.live > 0 ? `${counted(verdict.live, 'run', 'runs')} still live` : 'a fresh log';
    return `audit log ${path}: no finished run yet, nothing to verify (${why})`;
  }

  const parts = [...(verdict.rows > 0 || verdict.prunes === 0 ? [counted(verdict.rows, 'finished run', 'finished runs')] : [])];
  if (verdict.prunes > 0) parts.push(counted(verdict.prunes, 'prune', 'prunes'));
  const verb = verdict.rows + verdict.prunes === 1 ? 'verifies' : 'verify';
  return `audit log ${path}: ${parts.join(' and ')} ${verb}, head ${verdict.head.hash} (seq ${verdict.head.seq})`;
}

export default class Verify extends GuardCommand {
  static override summary = "Check the audit log's hash chain; name the first row that does not verify.";
  static override description = [
    'Exit 0 when every finished run links to the one before it and matches its hash, and every',
    `prune is recorded in the chain; ${exitStatus.chainBroken} when not; ${exitStatus.auditUnavailable} when the log is missing or not a guard log.`,
    'Only reads: the log is never created, migrated or changed.',
    'The chain proves nothing on its own if rows were cut off and the chain rewritten: keep the',
    "head hash (in guard's JSON log, for each run and each prune) somewhere else and pass it",
    'with --head; a prune after that head fails it, so keep the head the prune logged.',
  ].join(' ');

  static override examples = ['<%= config.bin %> verify', '<%= config.bin %> verify --head 3f1a…'];
  static override flags = oclifFlags({
    db: dbFlag,
    head: {kind: 'value', helpValue: 'HASH', summary: 'a head hash kept apart: the chain must still contain it, with no prune after it'},
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(Verify);
    const head = flags.head === undefined ? undefined : parseHeadHash(flags.head, '--head');
    const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
    try {
      const verdict = verifyChain(store, head);
      if (!verdict.ok) {
        const where = verdict.id === undefined ? '' : `row ${verdict.id} (seq ${verdict.seq}): `;
        throw new GuardError(`audit log ${store.path}: ${where}${verdict.problem}`, exitStatus.chainBroken);
      }

      this.log(summary(store.path, verdict));
    } finally {
      store.close();
    }
  }
}
