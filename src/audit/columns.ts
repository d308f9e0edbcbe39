import type Database from 'better-sqlite3';
import type {EndFields, PruneRecord, RunStatus, StartFields, StoredRun} from './row.js';

/**
 * The columns of `runs` in the table's order: the order of JSON keys and CSV columns too.
 * Those after `hash` came with later migrations (004: `pruned`, 008: `lock_scope`).
 */
export const columns = [
  'id',
  'name',
  'command',
  'argv',
  'cwd',
  'user',
  'host',
  'pid',
  'pid_start',
  'child_pid',
  'child_start',
  'started_at',
  'ended_at',
  'duration_ms',
  'status',
  'exit_code',
  'signal',
  'timed_out',
  'killed',
  'orphans',
  'attempt',
  'group_id',
  'reason',
  'lock',
  'lock_epoch',
  'decision',
  'rules',
  'stdout_tail',
  'stderr_tail',
  'stdout_bytes',
  'stderr_bytes',
  'error',
  'notes',
  'guard_version',
  'seq',
  'prev_hash',
  'hash',
  'pruned',
  'lock_scope',
] as const;

export type Column = (typeof columns)[number];
export type StoredValue = number | string | null;
/** A row exactly as SQLite holds it: what the hash covers. */
export type StoredRow = Record<Column, StoredValue>;

export const columnList = columns.join(', ');

/**
 * The columns of `runs` for a SELECT on a log of any schema: a reader never migrates, so on
 * a log older than a column the column reads as NULL (`NULL AS pruned`).
 */
export function selectableColumns(db: Database.Database, prefix = ''): string {
  const present = presentColumns(db);
  return columns.map((column) => (present.has(column) ? `${prefix}${column}` : `NULL AS ${column}`)).join(', ');
}

/** The columns `runs` has in this log: a migration that writes rows (004) runs before later columns exist. */
export function presentColumns(db: Database.Database): Set<string> {
  return new Set((db.pragma('table_info(runs)') as Array<{name: string}>).map((column) => column.name));
}

/** What `recordStart` writes. */
export const startColumns = [
  'name', 'command', 'argv', 'cwd', 'user', 'host', 'pid', 'pid_start', 'started_at',
  'attempt', 'group_id', 'reason', 'lock', 'lock_epoch', 'lock_scope', 'decision', 'rules', 'guard_version',
] as const satisfies readonly Column[];

/** What `recordEnd` writes. */
export const endColumns = [
  'ended_at', 'duration_ms', 'status', 'exit_code', 'signal', 'timed_out', 'killed', 'orphans',
  'stdout_tail', 'stderr_tail', 'stdout_bytes', 'stderr_bytes', 'error', 'notes',
] as const satisfies readonly Column[];

// Timestamps are ISO 8601 UTC text with milliseconds, which sorts chronologically.
function isoTime(text: string): string {
  return new Date(text).toISOString();
}

const bit = (value: boolean): number => (value ? 1 : 0);

/** The start of a run as named parameters for an INSERT. */
export function startParameters(fields: StartFields): Record<(typeof startColumns)[number], StoredValue> {
  return {
    argv: JSON.stringify(fields.argv),
    attempt: fields.attempt,
    command: fields.command,
    cwd: fields.cwd,
    decision: fields.decision,
    group_id: fields.group_id,
    guard_version: fields.guard_version,
    host: fields.host,
    lock: fields.lock,
    lock_epoch: fields.lock_epoch,
    lock_scope: fields.lock_scope,
    name: fields.name,
    pid: fields.pid,
    pid_start: fields.pid_start,
    reason: fields.reason,
    rules: fields.rules === null ? null : JSON.stringify(fields.rules),
    started_at: isoTime(fields.started_at),
    user: fields.user,
  };
}

/** The end of a run as named parameters for an UPDATE or INSERT. */
export function endParameters(fields: EndFields): Record<(typeof endColumns)[number], StoredValue> {
  return {
    duration_ms: Math.round(fields.duration_ms),
    ended_at: isoTime(fields.ended_at),
    error: fields.error,
    exit_code: fields.exit_code,
    killed: bit(fields.killed),
    notes: fields.notes.length === 0 ? null : JSON.stringify(fields.notes),
    orphans: fields.orphans,
    signal: fields.signal,
    status: fields.status,
    stderr_bytes: fields.stderr_bytes,
    stderr_tail: fields.stderr_tail,
    stdout_bytes: fields.stdout_bytes,
    stdout_tail: fields.stdout_tail,
    timed_out: bit(fields.timed_out),
  };
}

const flag = (value: StoredValue): boolean | null => (value === null ? null : value === 1);
const list = (value: StoredValue): string[] | null => (value === null ? null : (JSON.parse(String(value)) as string[]));
const record = (value: StoredValue): PruneRecord | null => (value === null ? null : (JSON.parse(String(value)) as PruneRecord));

/** A stored row as guard prints it: booleans as booleans, argv and rules as arrays. */
export function toRun(row: StoredRow): StoredRun {
  return {
    ...(row as unknown as StoredRun),
    argv: list(row.argv) ?? [],
    killed: flag(row.killed),
    notes: list(row.notes),
    pruned: record(row.pruned),
    rules: list(row.rules),
    status: row.status as RunStatus,
    timed_out: flag(row.timed_out),
  };
}
