import {selectableColumns, toRun, type StoredRow} from './columns.js';
import {guarded} from './failure.js';
import {failureStatuses, type RunStatus, type StoredRun} from './row.js';
import type {AuditStore} from './store.js';

/** What `history` can ask for; times are ISO 8601 UTC, as stored. */
export interface HistoryFilter {
  failed?: boolean;
  grep?: string;
  host?: string;
  /** At most this many runs; undefined for all of them. */
  limit?: number;
  name?: string;
  since?: string;
  status?: RunStatus;
  until?: string;
}

// Constants, not input: safe to spell into the SQL.
const failures = `(${failureStatuses.map((status) => `'${status}'`).join(', ')})`;

// The trigram index answers substrings of three characters or more; shorter ones scan.
const trigram = 3;

// Whether the log has the case-folding index of command and reason (migrations/006): a log
// not yet upgraded is searched by a scan, with the same meaning.
const hasTextIndex = (store: AuditStore) => store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs_text'").get() !== undefined;

function conditions(filter: HistoryFilter, indexed: boolean): string[] {
  const where: string[] = [];
  if (filter.status !== undefined) where.push('runs.status = @status');
  if (filter.failed) where.push(`runs.status IN ${failures}`);
  if (filter.name !== undefined) where.push('runs.name = @name');
  if (filter.host !== undefined) where.push('runs.host = @host');
  if (filter.since !== undefined) where.push('runs.started_at >= @since');
  if (filter.until !== undefined) where.push('runs.started_at < @until');
  if (filter.grep !== undefined && !indexed) where.push("(instr(lower(runs.command), lower(@grep)) > 0 OR instr(lower(coalesce(runs.reason, '')), lower(@grep)) > 0)");
  return where;
}

/** The runs a filter selects, newest first, and how many it selects in all (up to `countUpTo`). */
export interface RunsPage {
  runs: StoredRun[];
  /** How many runs match, when that is at most `countUpTo`; otherwise `countUpTo + 1`. */
  total: number;
}

/**
 * Past runs, newest first. Ordered by start time (then id): every filter index ends in
 * `started_at`, so LIMIT stops early whatever the size of the log. `--grep` looks for the
 * text in the command and the reason, in any case; with three characters or more the
 * trigram index of both (migrations/006) answers, newest first by id (start order), which
 * the index yields in order, so LIMIT stops early there too instead of sorting every match.
 */
export function listRuns(store: AuditStore, filter: HistoryFilter): StoredRun[] {
  return guarded(store.path, () => queryRuns(store, filter).runs);
}

/**
 * listRuns, and how many runs match in all, counted up to `countUpTo` so the count costs
 * the same at a million rows as at a thousand.
 */
export function pageOfRuns(store: AuditStore, filter: HistoryFilter, countUpTo: number): RunsPage {
  return guarded(store.path, () => store.db.transaction(() => queryRuns(store, filter, countUpTo)).deferred());
}

function queryRuns(store: AuditStore, filter: HistoryFilter, countUpTo?: number): RunsPage {
  const {limit} = filter;
  const selected = selectableColumns(store.db, 'runs.');
  const indexed = filter.grep !== undefined && [...filter.grep].length >= trigram && hasTextIndex(store);
  const where = conditions(filter, indexed);
  const from = indexed
    ? `runs_text JOIN runs ON runs.id = runs_text.rowid WHERE ${['runs_text MATCH @phrase', ...where].join(' AND ')}`
    : `runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`;
  const order = indexed ? 'runs_text.rowid DESC' : 'runs.started_at DESC, runs.id DESC';
  const parameters = {
    ...filter,
    failed: undefined,
    limit: limit ?? -1,
    phrase: filter.grep === undefined ? undefined : `"${filter.grep.replaceAll('"', '""')}"`,
  };
  const bound = (sql: string) => Object.fromEntries(Object.entries(parameters).filter(([key, value]) => value !== undefined && sql.includes(`@${key}`)));
  const sql = `SELECT ${selected} FROM ${from} ORDER BY ${order} LIMIT @limit`;
  const runs = store.db.prepare<[Record<string, unknown>], StoredRow>(sql).all(bound(sql)).map(toRun);
  if (countUpTo === undefined || limit === undefined || runs.length < limit) return {runs, total: runs.length};
  const count = `SELECT count(*) FROM (SELECT 1 FROM ${from} LIMIT ${countUpTo + 1})`;
  return {runs, total: store.db.prepare<[Record<string, unknown>], number>(count).pluck().get(bound(count))!};
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
