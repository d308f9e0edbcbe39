// Flags as data: one definition serves the lean argv parser on guard's start-up path
// and oclif's help, so the two can never disagree.
export type FlagKind = 'boolean' | 'duration' | 'integer' | 'optional-string' | 'string';

export interface FlagSpec {
  default?: string;
  helpValue?: string;
  kind: FlagKind;
  summary: string;
}

export type FlagSpecs = Record<string, FlagSpec>;
