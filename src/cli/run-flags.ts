import type {FlagSpecs} from './flag-spec.js';

export const runFlags = {
  db: {helpValue: 'FILE', kind: 'string', summary: 'audit database (also GUARD_DB) [default: $XDG_STATE_HOME/guard/audit.db]'},
  json: {kind: 'boolean', summary: 'after the run, print the run record as one JSON line on stderr'},
  'kill-after': {
    default: '10s',
    helpValue: 'DUR',
    kind: 'duration',
    summary: 'grace between the stop signal and SIGKILL; 0 = SIGKILL at once',
  },
  'leave-orphans': {
    kind: 'boolean',
    summary: 'do not stop what the command left running in its process group when it exits',
  },
  name: {
    helpValue: 'NAME',
    kind: 'string',
    summary: "job name: groups history, names the lock (default: the program's basename)",
  },
  reason: {helpValue: 'TEXT', kind: 'string', summary: 'why this run happens (a ticket, an incident); stored with the run'},
  timeout: {helpValue: 'DUR', kind: 'duration', summary: 'wall-clock limit for the whole process tree; 0 = none'},
} as const satisfies FlagSpecs;
