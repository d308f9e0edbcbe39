// The flags of `guard locks`, read by oclif (src/commands/locks.ts) and by the lean path
// (src/cli/lean.ts) before anything of the log or the lock folder loads.
import {dbFlag, fleetFlag, policyFlag, type FlagSpecs} from './flag-spec.js';

export const locksFlags = {
  db: dbFlag,
  fleet: fleetFlag("the fleet's locks, held or vanished, from PostgreSQL"),
  json: {kind: 'boolean', summary: 'print one JSON array'},
  policy: {...policyFlag, summary: 'the policy whose locks.dir holds the lock files (also GUARD_POLICY)'},
} as const satisfies FlagSpecs;
