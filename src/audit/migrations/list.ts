import type Database from 'better-sqlite3';
import {sql as createRuns} from './001-create-runs.js';
import {sql as createLocks} from './002-create-locks.js';
import {sql as createJobRollups} from './003-create-job-rollups.js';
import {migrate as recordPrunes} from './004-record-prunes.js';
import {sql as timeRunsThatRan} from './005-time-runs-that-ran.js';
import {sql as searchCommandAndReason} from './006-search-command-and-reason.js';
import {sql as timeRunsThatStarted} from './007-time-runs-that-started.js';
import {migrate as joinAFleet} from './008-join-a-fleet.js';

/** SQL, or a step that needs more than SQL (a hash); run inside the migration's transaction. */
export type Migration = string | ((db: Database.Database) => void);

// Append only: `user_version` is the number of these applied. Never edit or remove one;
// a change is a new migration.
export const migrations: readonly Migration[] = [createRuns, createLocks, createJobRollups, recordPrunes, timeRunsThatRan, searchCommandAndReason, timeRunsThatStarted, joinAFleet];

/** The schema from which `guard prune` records itself in the chain (004). */
export const prunesRecordedFrom = 4;
