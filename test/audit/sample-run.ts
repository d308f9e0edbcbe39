import {hostname} from 'node:os';
import type {EndFields, RunStatus, StartFields} from '../../src/audit/row.js';

/** A plausible start of a run; override what the test is about. */
export function startFields(overrides: Partial<StartFields> = {}): StartFields {
  return {
    argv: ['pg_dump', '-Fc', 'db'],
    attempt: 1,
    command: 'pg_dump -Fc db',
    cwd: '/srv',
    decision: null,
    group_id: null,
    guard_version: '0.1.0',
    host: hostname(),
    lock: null,
    lock_epoch: null,
    lock_scope: null,
    name: 'backup',
    pid: process.pid,
    pid_start: 0,
    reason: null,
    rules: null,
    started_at: new Date().toISOString(),
    user: 'root',
    ...overrides,
  };
}

/** A plausible end of a run with this status. */
export function endFields(status: RunStatus, overrides: Partial<EndFields> = {}): EndFields {
  return {
    duration_ms: 1500,
    ended_at: new Date().toISOString(),
    error: null,
    exit_code: status === 'succeeded' ? 0 : 1,
    killed: false,
    notes: [],
    orphans: 0,
    signal: null,
    status,
    stderr_bytes: 0,
    stderr_tail: '',
    stdout_bytes: 6,
    stdout_tail: 'done.\n',
    timed_out: false,
    ...overrides,
  };
}
