import {statSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {migrations} from '../../src/audit/migrations/list.js';
import {prune, thisGuard} from '../../src/audit/prune.js';
import {bucketCount, bucketOf, bucketRange, bucketSql, rebuildRollups} from '../../src/audit/rollup.js';
import {jobStats, type StatsFilter} from '../../src/audit/stats.js';
import {openAuditStore, type AuditStore} from '../../src/audit/store.js';
import {verifyChain} from '../../src/audit/verify.js';
import {sandbox} from '../helpers/guard.js';
import {expectMatchesExact, rawRuns} from './exact-stats.js';
import {fillMixedLog} from './mixed-log.js';
import {endFields, startFields} from './sample-run.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function logPath(): string {
  const box = sandbox();
  cleanups.push(box.remove);
  return join(box.dir, 'state/audit.db');
}

function withStore<T>(path: string, work: (store: AuditStore) => T): T {
  const store = openAuditStore(path);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/** Both rollup tables, in key order. */
function rollups(db: Database.Database) {
  return {
    days: db.prepare('SELECT * FROM job_days ORDER BY day, name').all(),
    hours: db.prepare('SELECT * FROM job_hours ORDER BY hour, name').all(),
  };
}

/** The rollups as a full recomputation from the rows gives them (rolled back afterwards). */
function rebuilt(db: Database.Database) {
  let result: ReturnType<typeof rollups> | undefined;
  try {
    db.transaction(() => {
      rebuildRollups(db);
      result = rollups(db);
      throw new Error('roll back');
    })();
  } catch {
    // Rolled back on purpose.
  }

  return result!;
}

const hour = 3_600_000;
const end = Date.parse('2026-03-04T10:20:30.456Z');
const at = (ms: number) => new Date(ms).toISOString();

// Mid-hour, on an hour, on a day, today only, before everything, after everything.
const windows: StatsFilter[] = [
  {},
  {since: at(end - 30 * hour - 17 * 60_000 - 123)},
  {since: at(end - 41 * hour - 20 * 60_000 - 30_456)},
  {since: '2026-03-02T00:00:00.000Z'},
  {since: at(end - 2 * hour)},
  {since: at(end - 10 * 86_400_000)},
  {since: at(end + hour)},
  {name: 'backup'},
  {name: 'report', since: at(end - 50 * hour + 1)},
  {name: 'nope', since: at(end - 50 * hour)},
];

describe('duration buckets', () => {
  it('tile the durations without gaps, exact below 32 ms, each at most 1/16 of its start wide', () => {
    let next = 0;
    for (let bucket = 0; bucket < bucketCount; bucket++) {
      const {high, low} = bucketRange(bucket);
      expect(low).toBe(next);
      expect([bucketOf(low), bucketOf(high)]).toEqual([bucket, bucket]);
      expect(high - low + 1).toBeLessThanOrEqual(Math.max(1, low / 16));
      if (low < 32) expect(high).toBe(low);
      next = high + 1;
    }

    expect(next).toBe(2 ** 48);
  });

  it('are the same in SQL, in the migration that fills an existing log, and in JavaScript', () => {
    const samples = [-5, ...Array.from({length: bucketCount}, (_, bucket) => [bucketRange(bucket).low, bucketRange(bucket).high]).flat(), 2 ** 50, 86_400_000, 123_456_789];
    const db = new Database(':memory:');
    db.exec(migrations[0]!);
    db.exec(migrations[1]!);
    const insert = db.prepare(
      `INSERT INTO runs (name, command, argv, cwd, user, host, pid, pid_start, started_at, status, attempt, guard_version, duration_ms)
       VALUES (?, 'true', '[]', '/', 'root', 'h', 1, 1, '2026-01-01T00:00:00.000Z', 'succeeded', 1, '0', ?)`,
    );
    samples.forEach((duration, index) => insert.run(`job-${index}`, duration));
    expect(db.prepare(`SELECT ${bucketSql} AS bucket FROM runs ORDER BY id`).pluck().all()).toEqual(samples.map(bucketOf));
    db.exec(migrations[2]!);
    const filled = db.prepare<[], {durations: string; name: string}>('SELECT name, durations FROM job_hours').all();
    expect(Object.fromEntries(filled.map((row) => [row.name, row.durations]))).toEqual(
      Object.fromEntries(samples.map((duration, index) => [`job-${index}`, `[${bucketOf(duration)},1]`])),
    );
    db.close();
  });
});

describe('the stats rollups', () => {
  it('give stats equal to an exact recomputation over the raw rows, for any window', () => {
    const path = logPath();
    fillMixedLog(path, {endMs: end});
    const rows = rawRuns(path);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['abandoned', 'blocked', 'dry_run', 'error', 'failed', 'interrupted', 'killed', 'lock_busy', 'starting', 'succeeded', 'timed_out']));
    withStore(path, (store) => {
      for (const filter of windows) expectMatchesExact(jobStats(store, filter), rows, filter);
      // What sealing row by row kept up is what a recomputation from the rows gives.
      expect(rollups(store.db)).toEqual(rebuilt(store.db));
      expect(verifyChain(store)).toMatchObject({ok: true});
    });
  });

  it('are filled by migration 003 for a log written before it, exactly as sealing fills them', () => {
    const path = logPath();
    fillMixedLog(path, {endMs: end, seed: 7});
    const before = withStore(path, (store) => rollups(store.db));
    const db = new Database(path);
    // Schema 2 had neither the rollups, the `pruned` column nor what schema 8 added.
    db.exec('DROP TABLE job_hours; DROP TABLE job_days; ALTER TABLE runs DROP COLUMN pruned; PRAGMA user_version = 2;');
    db.exec('DROP TABLE meta; DROP TABLE fleet_outbox; ALTER TABLE runs DROP COLUMN lock_scope; ALTER TABLE locks DROP COLUMN fleet_epoch_seen;');
    db.close();

    withStore(path, (store) => {
      expect(store.db.pragma('user_version', {simple: true})).toBe(migrations.length);
      expect(rollups(store.db)).toEqual(before);
      for (const filter of windows) expectMatchesExact(jobStats(store, filter), rawRuns(path), filter);
    });
  });

  it('count an abandoned run as a failure without a duration', () => {
    const path = logPath();
    withStore(path, (store) => store.recordStart(startFields({name: 'nightly', pid: 4_194_303, pid_start: 1, started_at: at(end)})));
    withStore(path, (store) => {
      expect(store.db.prepare('SELECT runs, succeeded, failures, durations FROM job_hours').all()).toEqual([{durations: '[]', failures: 1, runs: 1, succeeded: 0}]);
      expect(jobStats(store, {})).toEqual([
        {failures: 1, last_started_at: '2026-03-04T10:20:30.456Z', last_status: 'abandoned', name: 'nightly', p50_ms: null, p95_ms: null, runs: 1, success_rate: 0},
      ]);
    });
  });

  it('stay outside the hash chain: verify does not read them', () => {
    const path = logPath();
    fillMixedLog(path, {count: 50, endMs: end});
    withStore(path, (store) => {
      store.db.exec('UPDATE job_hours SET runs = runs + 1000');
      expect(verifyChain(store)).toMatchObject({ok: true});
    });
  });
});

describe('prune and the rollups', () => {
  const pruner = thisGuard(['guard', 'prune'], 'guard prune');

  it('keeps the rollups equal to the rows that remain, boundary hour and kept rows included', () => {
    const path = logPath();
    const now = Date.now();
    fillMixedLog(path, {endMs: now, seed: 3});
    withStore(path, (store) => {
      const cutoff = at(now - 37 * hour - 23 * 60_000 - 17);
      const result = prune(store, cutoff, {dryRun: false, pruner});
      expect(result.deleted).toBeGreaterThan(100);
      expect(result.kept).toBeGreaterThan(0);
      expect(rollups(store.db)).toEqual(rebuilt(store.db));
      const rows = rawRuns(path);
      expect(rows.some((row) => row.started_at < cutoff && row.status !== 'starting')).toBe(true);
      for (const filter of [{}, {since: cutoff}, {since: at(now - 37 * hour)}, {since: at(now - 48 * hour)}, {since: at(now - 30 * hour + 5)}]) {
        expectMatchesExact(jobStats(store, filter), rows, filter);
      }

      expect(verifyChain(store)).toMatchObject({ok: true});
    });
  });

  it('truncates the WAL after a real prune, not after a dry run', () => {
    const path = logPath();
    const now = Date.now();
    fillMixedLog(path, {count: 300, endMs: now});
    withStore(path, (store) => {
      store.db.pragma('wal_autocheckpoint = 0');
      store.recordFinished({...startFields({name: 'late', started_at: at(now)}), ...endFields('succeeded')});
      prune(store, at(now - 24 * hour), {dryRun: true});
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      prune(store, at(now - 24 * hour), {dryRun: false, pruner});
      expect(statSync(`${path}-wal`).size).toBe(0);
    });
  });
});
