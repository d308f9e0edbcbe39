import {dbFlag, fleetFlag, type FlagSpecs} from './flag-spec.js';

/** How many runs `history` shows unless told. */
export const defaultLimit = 20;

// Data, not oclif: the lean path (lean-read.ts) reads argv with these, and oclif's help shows them.
export const historyFlags = {
  all: {kind: 'boolean', exclusive: ['limit'], summary: 'every matching run, however many'},
  csv: {kind: 'boolean', exclusive: ['json'], summary: 'print CSV (RFC 4180) with a header row'},
  db: dbFlag,
  failed: {kind: 'boolean', summary: 'only runs that ended without succeeding'},
  fleet: fleetFlag("the runs of every host, from the fleet's central history"),
  grep: {kind: 'value', helpValue: 'TEXT', summary: 'only runs whose command or reason contains TEXT, in any case'},
  host: {kind: 'value', helpValue: 'HOST', summary: 'only runs on this host'},
  json: {kind: 'boolean', summary: 'print one JSON array of full rows'},
  limit: {kind: 'value', helpValue: 'N', summary: `at most N runs [default: ${defaultLimit}]`},
  name: {kind: 'value', helpValue: 'NAME', summary: 'only this job name'},
  since: {kind: 'value', helpValue: 'WHEN', summary: 'only runs started at or after WHEN (7d, 2h, 2026-01-31)'},
  status: {kind: 'value', helpValue: 'STATUS', summary: 'only runs with this status'},
  until: {kind: 'value', helpValue: 'WHEN', summary: 'only runs started before WHEN'},
} as const satisfies FlagSpecs;

/** The flags as parsed, by oclif or by the lean path: switches false when absent, values undefined. */
export interface HistoryFlags {
  all: boolean;
  csv: boolean;
  db?: string;
  failed: boolean;
  fleet: boolean;
  grep?: string;
  host?: string;
  json: boolean;
  limit?: string;
  name?: string;
  since?: string;
  status?: string;
  until?: string;
}
