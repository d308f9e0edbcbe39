// `guard show ID`, whichever way it was reached: through oclif (src/commands/show.ts, for help
// and --fleet, which it reads itself) or on the lean path (src/cli/lean-read.ts).
import {findRun} from '../audit/queries.js';
import {openAuditStoreForQueries} from '../audit/store.js';
import {GuardError} from '../errors.js';
import {exitStatus} from '../exit-status.js';
import {auditDbPath} from '../paths.js';
import {print, printJson} from '../print.js';
import type {CommandGrammar} from './argv.js';
import {dbFlag, fleetFlag, type FlagSpecs} from './flag-spec.js';
import {runDetails} from './output.js';
import {parsePositiveInteger} from './query-flags.js';

export const showArgs: CommandGrammar['args'] = [{name: 'id', required: true}];

export const showFlags = {
  db: dbFlag,
  fleet: fleetFlag("a run of any host, from the fleet's central history"),
  json: {kind: 'boolean', summary: 'print the row as one JSON object'},
} as const satisfies FlagSpecs;

/** Prints the run of this host's log with that id (a word, as typed); no such run exits 1. */
export function showLocalRun(idWord: string, flags: {db?: string; json: boolean}): void {
  const id = parsePositiveInteger(idWord, 'ID');
  const store = openAuditStoreForQueries(auditDbPath({env: process.env, flag: flags.db}));
  try {
    const run = findRun(store, id);
    if (!run) throw new GuardError(`no run with id ${id} in ${store.path}`, exitStatus.noSuchRun);
    if (flags.json) printJson('stdout', run);
    else print('stdout', `${runDetails(run)}\n`);
  } finally {
    store.close();
  }
}
