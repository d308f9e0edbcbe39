// The contract's exit statuses, in one table: the run pipeline maps outcomes through it,
// every GuardError takes its status from it, `guard --help` and `guard run --help` print it,
// every command's description names its statuses from it, and a test holds oclif's own exit
// codes in package.json to it.

/** Which commands a status belongs to: `run` (and `check`), or every command. */
export type ExitStatusScope = 'all' | 'run' | 'show' | 'verify' | 'init' | 'stats' | 'prune';

export interface ExitStatusRow {
  /** How the code reads it: `exitStatus.lockBusy`. */
  name: string;
  /** The number, or undefined for a status that is not one number (the command's own, 128+N). */
  code: number | undefined;
  /** How help shows the status. */
  label: string;
  meaning: string;
  scope: ExitStatusScope;
}

export const exitStatusTable = [
  {name: 'commandOwn', code: undefined, label: "the command's own", meaning: 'it ran to the end', scope: 'run'},
  {name: 'signal', code: undefined, label: '128+N', meaning: 'it was killed by signal N, not by guard (also when guard itself was sent N)', scope: 'run'},
  {name: 'timedOut', code: 124, label: '124', meaning: 'guard stopped it at the timeout (the record says whether SIGKILL was needed)', scope: 'run'},
  {name: 'notExecutable', code: 126, label: '126', meaning: 'found but not executable', scope: 'run'},
  {name: 'notFound', code: 127, label: '127', meaning: 'not found', scope: 'run'},
  {name: 'noSuchRun', code: 1, label: '1', meaning: 'guard show: no run has that id', scope: 'show'},
  {
    name: 'chainBroken',
    code: 1,
    label: '1',
    meaning: "guard verify: a row of the audit log's hash chain does not verify; with --fleet, also a run whose central copy differs, or an overlap of this log's runs",
    scope: 'verify',
  },
  {name: 'overlapFound', code: 1, label: '1', meaning: 'guard stats --fleet --overlaps: two runs of one fleet lock overlapped in time', scope: 'stats'},
  {name: 'usage', code: 64, label: '64', meaning: 'usage error (bad flag, bad duration, no command)', scope: 'all'},
  {name: 'internal', code: 70, label: '70', meaning: 'internal error (a bug in guard), or guard could not write its own output (a full disk)', scope: 'all'},
  {name: 'cannotCreate', code: 73, label: '73', meaning: 'guard init: the policy file cannot be created', scope: 'init'},
  {name: 'auditUnavailable', code: 74, label: '74', meaning: 'the audit log or a lock file cannot be opened or written, so nothing ran', scope: 'all'},
  {
    name: 'fleetUnavailable',
    code: 69,
    label: '69',
    meaning: 'the fleet lock could not be reached (PostgreSQL down or its schema missing) and the policy says to skip; never changed by --conflict-exit-code',
    scope: 'run',
  },
  {name: 'lockBusy', code: 75, label: '75', meaning: 'the lock is held by another live run, or the fleet lock was lost mid-run and the command was stopped', scope: 'run'},
  {name: 'refused', code: 77, label: '77', meaning: 'refused by policy', scope: 'run'},
  {name: 'notPermitted', code: 77, label: '77', meaning: "--fleet: PostgreSQL denied the fleet's role what the command needs (prune --fleet deletes, which a host's writer role never may)", scope: 'prune'},
  {
    name: 'policyInvalid',
    code: 78,
    label: '78',
    meaning: 'the policy or the lock folder is invalid or unsafe, flock(1) is missing, or a required variable is missing',
    scope: 'all',
  },
] as const satisfies readonly ExitStatusRow[];

type Row = (typeof exitStatusTable)[number];

/** Each status of the table with a number, by name: `exitStatus.refused` is 77. */
export const exitStatus = Object.fromEntries(exitStatusTable.filter((row) => row.code !== undefined).map((row) => [row.name, row.code])) as {
  readonly [R in Row as R['code'] extends number ? R['name'] : never]: R['code'];
};

/** The rows `guard run` can end with, and those every command shares. */
export function exitStatusesOf(scope: ExitStatusScope): ReadonlyArray<ExitStatusRow> {
  return exitStatusTable.filter((row) => row.scope === scope || row.scope === 'all');
}

/** The codes every command may exit with, as help names them: `64, 70, 74 and 78`. */
export function sharedExitCodes(): string {
  const codes = exitStatusesOf('all').map((row) => row.label);
  return `${codes.slice(0, -1).join(', ')} and ${codes.at(-1)}`;
}

export function signalStatus(signalNumber: number): number {
  return 128 + signalNumber;
}
