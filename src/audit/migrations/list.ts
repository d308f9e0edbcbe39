import {sql as createRuns} from './001-create-runs.js';
import {sql as createLocks} from './002-create-locks.js';
import {sql as createJobRollups} from './003-create-job-rollups.js';

// Append only: `user_version` is the number of these applied. Never edit or remove one;
// a change is a new migration.
export const migrations: readonly string[] = [createRuns, createLocks, createJobRollups];
