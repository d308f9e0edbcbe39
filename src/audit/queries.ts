import {selectableColumns, toRun, type StoredRow} from './columns.js';
import {guarded} from './failure.js';
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
  if (filter.status !== undefined) where.push('runs.status = @status');
  if (filter.failed) where.push(`runs.status IN ${failures}`);
  if (filter.name !== undefined) where.push('runs.name = @name');
  if (filter.host !== undefined) where.push('runs.host = @host');
  if (filter.since !== undefined) where.push('runs.started_at >= @since');
  if (filter.until !== undefined) where.push('runs.started_at < @until');
  if (filter.grep !== undefined && !indexedGrep(filter)) where.push('instr(runs.command, @grep) > 0');
  return where;
}

const indexedGrep = (filter: HistoryFilter) => filter.grep !== undefined && [...filter.grep].length >= trigram;

/**
 * Past runs, newest first. Ordered by start time (then id): every filter index ends in
 * `started_at`, so LIMIT stops early whatever the size of the log. With `--grep`, newest
 * first is by id (start order), which the trigram index yields in order, so LIMIT stops
 * early there too instead of sorting every match.
 */
export function listRuns(store: AuditStore, filter: HistoryFilter): StoredRun[] {
  return guarded(store.path, () => queryRuns(store, filter));
}

function queryRuns(store: AuditStore, filter: HistoryFilter): StoredRun[] {
  const selected = selectableColumns(store.db, 'runs.');
  const where = conditions(filter);
  const sql = indexedGrep(filter)
    ? `SELECT ${selected} FROM runs_command JOIN runs ON runs.id = runs_command.rowid
       WHERE ${['runs_command MATCH @phrase', ...where].join(' AND ')}
       ORDER BY runs_command.rowid DESC LIMIT @limit`
    : `SELECT ${selected} FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY runs.started_at DESC, runs.id DESC LIMIT @limit`;
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
  return guarded(store.path, () => {
    const row = store.db.prepare<[number], StoredRow>(`SELECT ${selectableColumns(store.db)} FROM runs WHERE id = ?`).get(id);
    return row && toRun(row);
  });
}

/** A job's runs that ended and its failures (as `stats` counts them; dry runs are neither). */
export interface JobTotals {
  failures: number;
  runs: number;
}

/**
 * A job's totals over the whole log, from the day rollups (migrations/003): one small row
 * per day the job ran, so the cost does not grow with the number of runs.
 */
export function jobTotals(store: AuditStore, name: string): JobTotals {
  const row = store.db
    .prepare<[string], JobTotals>('SELECT coalesce(sum(succeeded + failures), 0) AS runs, coalesce(sum(failures), 0) AS failures FROM job_days WHERE name = ?')
    .get(name);
  return row ?? {failures: 0, runs: 0};
}
