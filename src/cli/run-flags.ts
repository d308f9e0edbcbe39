import type {FlagSpecs} from './flag-spec.js';

export const runFlags = {
  db: {helpValue: 'FILE', kind: 'string', summary: 'audit database (also GUARD_DB) [default: $XDG_STATE_HOME/guard/audit.db]'},
  'conflict-exit-code': {
    default: '75',
    helpValue: 'N',
    kind: 'integer',
    summary: 'status when the lock stays busy (0 makes an overlapping cron run a quiet skip)',
  },
  'dry-run': {kind: 'boolean', summary: 'decide and report, run nothing (recorded as dry_run)'},
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
  lock: {
    helpValue: 'NAME',
    kind: 'optional-string',
    summary: 'single-instance lock; the name is the next word unless that is -- or a flag; with no name: --name if given, else the exact argv',
  },
  'lock-wait': {helpValue: 'DUR', kind: 'duration', summary: 'wait this long for a busy lock before giving up [default: 0]'},
  name: {
    helpValue: 'NAME',
    kind: 'string',
    summary: "job name: groups history, names the lock (default: the program's basename)",
  },
  'no-lock': {kind: 'boolean', summary: 'run without a lock, whatever else asks for one'},
  policy: {helpValue: 'FILE', kind: 'string', summary: 'use this policy file as the project layer (also GUARD_POLICY)'},
  quiet: {kind: 'boolean', summary: "hold the command's output and print it only if the run does not succeed (cron mails only failures)"},
  reason: {helpValue: 'TEXT', kind: 'string', summary: 'why this run happens (a ticket, an incident); stored with the run'},
  timeout: {helpValue: 'DUR', kind: 'duration', summary: 'wall-clock limit for the whole process tree; 0 = none'},
  yes: {kind: 'boolean', summary: 'accept rules of level confirm without a prompt (without a terminal, a confirm rule refuses)'},
} as const satisfies FlagSpecs;
