// The contract's exit-status table, in one place: the run pipeline maps outcomes through
// it, every GuardError takes its status from it, `guard --help` and `guard run --help` print
// it, and a test holds oclif's own exit codes in package.json to it.
export const exitStatus = {
  timedOut: 124,
  notExecutable: 126,
  notFound: 127,
  usage: 64,
  /** `guard init`: the policy file cannot be created (EX_CANTCREAT). */
  cannotCreate: 73,
  internal: 70,
  auditUnavailable: 74,
  lockBusy: 75,
  refused: 77,
  policyInvalid: 78,
} as const;

export const exitStatusTable: ReadonlyArray<readonly [string, string]> = [
  ['the command\'s own', 'it ran to the end'],
  ['128+N', 'it was killed by signal N, not by guard (also when guard itself was sent N)'],
  ['124', 'guard stopped it at the timeout (the record says whether SIGKILL was needed)'],
  ['126 / 127', 'found but not executable / not found'],
  ['64', 'usage error (bad flag, bad duration, no command)'],
  ['70', 'internal error (a bug in guard)'],
  ['74', 'the audit log cannot be written, so nothing ran'],
  ['75', 'the lock is held by another live run'],
  ['77', 'refused by policy'],
  ['78', 'the policy is invalid or unsafe, or a required variable is missing'],
];

export function signalStatus(signalNumber: number): number {
  return 128 + signalNumber;
}
