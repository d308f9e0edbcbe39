import {dbFlag, jsonFlag, policyFlag, type FlagSpecs} from './flag-spec.js';

export const runFlags = {
  db: dbFlag,
  'conflict-exit-code': {
    default: '75',
    helpValue: 'N',
    kind: 'value',
    summary: 'status when the lock stays busy (0 makes an overlapping cron run a quiet skip)',
  },
  'dry-run': {kind: 'boolean', summary: 'decide and report, run nothing (recorded as dry_run)'},
  fleet: {kind: 'boolean', summary: "also take the job's lock in the fleet (PostgreSQL) for this run; needs a fleet in the system or user policy [default: policy]"},
  foreground: {
    kind: 'boolean',
    summary: "keep the command in guard's session and terminal (interactive steps, sudo prompts); only the command itself is signalled, its output is not kept",
  },
  json: jsonFlag('after the run, print the run record as one JSON line on stderr'),
  'kill-after': {
    helpValue: 'DUR',
    kind: 'value',
    summary: 'grace between the stop signal and SIGKILL; 0 = SIGKILL at once [default: policy, else 10s]',
  },
  'leave-orphans': {
    kind: 'boolean',
    summary: 'do not stop what the command left running in its process group when it exits',
  },
  lock: {
    helpValue: 'NAME',
    kind: 'optional',
    summary: 'single-instance lock; the name is the next word unless that is -- or a flag; with no name: --name if given, else the exact argv',
  },
  'lock-wait': {helpValue: 'DUR', kind: 'value', summary: 'wait this long for a busy lock before giving up [default: policy, else 0]'},
  'metrics-dir': {
    helpValue: 'DIR',
    kind: 'value',
    summary: "write the job's Prometheus textfile-collector file (guard_NAME.prom) into DIR after each run",
  },
  name: {
    helpValue: 'NAME',
    kind: 'value',
    summary: "job name: groups history, names the lock, selects jobs.NAME in the policy (default: the program's basename)",
  },
  'no-fleet': {kind: 'boolean', summary: 'keep the lock on this host alone for this run, even if the policy puts the job in the fleet'},
  'no-lock': {kind: 'boolean', summary: 'run without a lock even if the policy asks for one (unless the policy fixes the lock for this job)'},
  ping: {
    helpValue: 'URL',
    kind: 'value',
    summary: 'healthchecks-style pings: URL/start, then URL or URL/<exit status>; at most 5s after the run, never changing its status',
  },
  policy: policyFlag,
  quiet: {kind: 'boolean', summary: "hold the command's output and print it only if the run does not succeed (cron mails only failures)"},
  reason: {helpValue: 'TEXT', kind: 'value', summary: 'why this run happens (a ticket, an incident); stored with the run'},
  retries: {helpValue: 'N', kind: 'value', summary: 'run again up to N times after a failure, with exponential backoff and full jitter [default: 0]'},
  'retry-delay': {helpValue: 'DUR', kind: 'value', summary: 'the first backoff; each retry doubles it, capped at 64× or 1h [default: 1s]'},
  'retry-on': {helpValue: 'CODES', kind: 'value', summary: 'retry only these exit statuses and/or "timeout" (1,75,timeout) [default: any failure of the command]'},
  timeout: {helpValue: 'DUR', kind: 'value', summary: 'wall-clock limit for the whole process tree; 0 = none [default: policy, else none]'},
  yes: {kind: 'boolean', summary: 'accept rules of level confirm without a prompt (without a terminal, a confirm rule refuses)'},
} as const satisfies FlagSpecs;
