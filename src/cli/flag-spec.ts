// Flags as data: one definition serves the lean argv parser on guard's start-up path (argv.ts)
// and oclif's parser and help (oclif-flags.ts), so the two can never disagree. No oclif here:
// the lean path loads this file.

/** How a flag reads its value: a switch, a value that may be left out (`--lock [NAME]`), or a value. */
export type FlagKind = 'boolean' | 'optional' | 'value';

export interface FlagSpec {
  default?: string;
  /** Flags this one cannot be given with. */
  exclusive?: readonly string[];
  helpValue?: string;
  kind: FlagKind;
  /** The only values the flag takes. */
  options?: readonly string[];
  required?: boolean;
  summary: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** Flags as a command gets them once read, whichever parser read them: a switch true or false, a value or undefined. */
export type ParsedFlags<S extends FlagSpecs> = {-readonly [K in keyof S]: S[K] extends {kind: 'boolean'} ? boolean : string | undefined};

/** `--db`, for every command that reads or writes the audit log. */
export const dbFlag = {
  helpValue: 'FILE',
  kind: 'value',
  summary: 'audit database (also GUARD_DB) [default: $XDG_STATE_HOME/guard/audit.db]',
} as const satisfies FlagSpec;

/** `--policy`, for every command that loads the policy. */
export const policyFlag = {
  helpValue: 'FILE',
  kind: 'value',
  summary: 'use this policy file as the project layer (also GUARD_POLICY)',
} as const satisfies FlagSpec;

/** `--json`, whose summary says what the command prints. */
export function jsonFlag(summary: string) {
  return {kind: 'boolean', summary} as const satisfies FlagSpec;
}

/** `--fleet` on a reading command: read the fleet's central history on PostgreSQL instead of this host's log. */
export function fleetFlag(summary: string) {
  return {kind: 'boolean', summary} as const satisfies FlagSpec;
}
