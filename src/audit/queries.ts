import {columnList, toRun, type StoredRow} from './columns.js';
import {failureStatuses, type RunStatus, type StoredRun} from './row.js';
import type {AuditStore} from './store.js';

/** What `history` can ask for; times are ISO 8601 UTC, as stored. */
export interface HistoryFilter {
  failed?: boolean;
  grep?: string;
  host?: string;
  limit: number;
  name?: string;
  since?: string;
  status?: RunStatus;
  until?: string;
}

// Constants, not input: safe to spell into the SQL.
const failures = `(${failureStatuses.map((status) => `'${status}'`).join(', ')})`;

// The trigram index answers substrings of three characters or more; shorter ones scan.
const trigram = 3;

function conditions(filter: HistoryFilter): string[] {
  const where: string[] = [];
  if (filter.status !== undefined) where.push('status = @status');
  if (filter.failed) where.push(`status IN ${failures}`);
  if (filter.name !== undefined) where.push('name = @name');
  if (filter.host !== undefined) where.push('host = @host');
  if (filter.since !== undefined) where.push('started_at >= @since');
  if (filter.until !== undefined) where.push('started_at < @until');
  if (filter.grep !== undefined) {
    where.push(
      [...filter.grep].length >= trigram
        ? 'id IN (SELECT rowid FROM runs_command WHERE runs_command MATCH @phrase)'
        : 'instr(command, @grep) > 0',
    );
  }

  return where;
}

/**
 * Past runs, newest first. Ordered by start time (then id) rather than id alone: every
 * filter index ends in `started_at`, so LIMIT stops early whatever the size of the log.
 */
export function listRuns(store: AuditStore, filter: HistoryFilter): StoredRun[] {
  const where = conditions(filter);
  const sql = `SELECT ${columnList} FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY started_at DESC, id DESC LIMIT @limit`;
  const parameters = {
    ...filter,
    failed: undefined,
    phrase: filter.grep === undefined ? undefined : `"${filter.grep.replaceAll('"', '""')}"`,
  };
  const used = Object.fromEntries(Object.entries(parameters).filter(([key, value]) => value !== undefined && sql.includes(`@${key}`)));
  return store.db.prepare<[Record<string, unknown>], StoredRow>(sql).all(used).map(toRun);
}

/** One run in full, or undefined when no row has that id. */
export function findRun(store: AuditStore, id: number): StoredRun | undefined {
  const row = store.db.prepare<[number], StoredRow>(`SELECT ${columnList} FROM runs WHERE id = ?`).get(id);
  return row && toRun(row);
}
