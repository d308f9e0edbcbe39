import {join} from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {runNow} from '../../src/audit/busy.js';
import {takeLease} from '../../src/audit/leases.js';
import {migrations} from '../../src/audit/migrations/list.js';
import {backlog, failed, noteFleetEpoch, pending, seenFleetEpoch, shipped, sourceId} from '../../src/audit/outbox.js';
import {prune, thisGuard} from '../../src/audit/prune.js';
import {findRun} from '../../src/audit/queries.js';
import {openAuditStore, type AuditStore, type OpenOptions} from '../../src/audit/store.js';
import {verifyChain} from '../../src/audit/verify.js';
import {sandbox} from '../helpers/guard.js';
import {endFields, startFields} from './sample-run.js';

const box = sandbox();
afterEach(() => box.remove());
const path = () => join(box.dir, 'audit.db');

// The kernel's largest pid: nothing runs there in a test container.
const deadPid = 4_194_303;

function withStore<T>(work: (store: AuditStore) => T, options: OpenOptions = {outbox: true}, at = path()): T {
  const store = openAuditStore(at, options);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

const queue = (store: AuditStore) => store.db.prepare('SELECT run_id, revision, attempts, last_error FROM fleet_outbox ORDER BY run_id').all();

describe('the source id', () => {
  it('is a UUID made once per log, the same at every open and different for another log', () => {
    const first = withStore((store) => sourceId(store.db));
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(withStore((store) => sourceId(store.db))).toBe(first);
    expect(withStore((store) => sourceId(store.db), {}, join(box.dir, 'other.db'))).not.toBe(first);
  });
});

describe('the outbox', () => {
  it('queues nothing when the store is opened without it', () => {
    withStore((store) => {
      const id = store.recordStart(startFields());
      store.markRunning(id, {child_pid: 1234, child_start: 1});
      store.recordEnd(id, endFields('succeeded'));
      store.recordFinished({...startFields(), ...endFields('blocked')});
      expect(queue(store)).toEqual([]);
    }, {});
  });

  it('queues revision 1 at the start, 2 when running and 3 at the end, one row per run', () => {
    withStore((store) => {
      const id = store.recordStart(startFields());
      expect(queue(store)).toEqual([{attempts: 0, last_error: null, revision: 1, run_id: id}]);
      store.markRunning(id, {child_pid: 1234, child_start: 1});
      expect(queue(store)).toEqual([{attempts: 0, last_error: null, revision: 2, run_id: id}]);
      store.recordEnd(id, endFields('lock_lost'));
      expect(queue(store)).toEqual([{attempts: 0, last_error: null, revision: 3, run_id: id}]);
    });
  });

  it('queues a run recorded whole (a refusal, an unreachable fleet lock) at revision 3', () => {
    withStore((store) => {
      const blocked = store.recordFinished({...startFields(), ...endFields('blocked')}).id;
      const unavailable = store.recordFinished({...startFields(), ...endFields('lock_unavailable', {exit_code: 69})}).id;
      expect(queue(store)).toEqual([
        {attempts: 0, last_error: null, revision: 3, run_id: blocked},
        {attempts: 0, last_error: null, revision: 3, run_id: unavailable},
      ]);
    });
  });

  it('queues a run abandoned at open at revision 3', () => {
    const id = withStore((store) => store.recordStart(startFields({pid: deadPid, pid_start: 1})));
    withStore((store) => {
      expect(findRun(store, id)).toMatchObject({status: 'abandoned'});
      expect(queue(store)).toEqual([{attempts: 0, last_error: null, revision: 3, run_id: id}]);
    });
  });

  it('writes the run row and its queue entry in one transaction: no row without its entry', () => {
    withStore((store) => {
      store.db.exec('DROP TABLE fleet_outbox');
      expect(() => store.recordStart(startFields())).toThrow(/fleet_outbox/);
      expect(store.db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({n: 0});
    });
  });

  it('gives the pending runs oldest first with their rows as stored, up to the limit', () => {
    withStore((store) => {
      const first = store.recordStart(startFields({lock: 'nightly', lock_epoch: 7, lock_scope: 'fleet', reason: 'INC-1'}));
      const second = store.recordFinished({...startFields(), ...endFields('failed')}).id;
      store.recordFinished({...startFields(), ...endFields('succeeded')});
      const runs = pending(store.db, 2);
      expect(runs.map((run) => [run.run_id, run.revision])).toEqual([[first, 1], [second, 3]]);
      expect(runs[0]!.row).toMatchObject({id: first, lock: 'nightly', lock_epoch: 7, lock_scope: 'fleet', reason: 'INC-1', status: 'starting'});
      expect(runs[1]!.row).toMatchObject({id: second, killed: false, status: 'failed'});
      expect(runs[1]!.row.hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  it('keeps a newer revision queued after an older copy was shipped', () => {
    withStore((store) => {
      const id = store.recordStart(startFields());
      const [copy] = pending(store.db, 10);
      store.recordEnd(id, endFields('succeeded'));
      runNow(shipped(store.db, [{revision: copy!.revision, run_id: id}]));
      expect(queue(store)).toEqual([{attempts: 0, last_error: null, revision: 3, run_id: id}]);
      runNow(shipped(store.db, [{revision: 3, run_id: id}]));
      expect(queue(store)).toEqual([]);
    });
  });

  it('never lowers a queued revision', () => {
    withStore((store) => {
      const id = store.recordStart(startFields());
      store.recordEnd(id, endFields('succeeded'));
      // A late `running` write for an ended row changes nothing, and queues nothing lower.
      store.markRunning(id, {child_pid: 1234, child_start: 1});
      expect(queue(store)).toEqual([{attempts: 0, last_error: null, revision: 3, run_id: id}]);
    });
  });

  it('counts failed attempts with the last error, and says how much waits since when', () => {
    withStore((store) => {
      expect(backlog(store.db)).toEqual({count: 0, oldest: null});
      const before = new Date().toISOString();
      const a = store.recordFinished({...startFields(), ...endFields('succeeded')}).id;
      const b = store.recordFinished({...startFields(), ...endFields('failed')}).id;
      runNow(failed(store.db, [a, b], 'connection refused'));
      runNow(failed(store.db, [b], 'timeout'));
      expect(queue(store)).toEqual([
        {attempts: 1, last_error: 'connection refused', revision: 3, run_id: a},
        {attempts: 2, last_error: 'timeout', revision: 3, run_id: b},
      ]);
      const waiting = backlog(store.db);
      expect(waiting.count).toBe(2);
      expect(waiting.oldest! >= before && waiting.oldest! <= new Date().toISOString()).toBe(true);
    });
  });
});

describe('the fleet epochs a log has seen', () => {
  const claim = {command: 'backup', host: 'web1', name: 'nightly', pid: process.pid, pid_start: 1, since: new Date().toISOString()};

  it('are none for a lock never held, and only grow', () => {
    withStore((store) => {
      expect(runNow(noteFleetEpoch(store.db, 'nightly', 3))).toBe(false);
      expect(seenFleetEpoch(store.db, 'nightly')).toBeNull();
      runNow(takeLease(store, claim));
      expect(seenFleetEpoch(store.db, 'nightly')).toBeNull();
      expect(runNow(noteFleetEpoch(store.db, 'nightly', 5))).toBe(true);
      runNow(noteFleetEpoch(store.db, 'nightly', 3));
      expect(seenFleetEpoch(store.db, 'nightly')).toBe(5);
      // A new host lease keeps what was seen.
      runNow(takeLease(store, claim));
      expect(seenFleetEpoch(store.db, 'nightly')).toBe(5);
    });
  });
});

describe('lock_scope in the hash chain', () => {
  it('is covered where it holds a value: changing it breaks verify', () => {
    withStore((store) => {
      const id = store.recordFinished({...startFields({lock: 'nightly', lock_epoch: 1, lock_scope: 'fleet'}), ...endFields('succeeded')}).id;
      expect(verifyChain(store)).toMatchObject({ok: true, rows: 1});
      store.db.prepare(`UPDATE runs SET lock_scope = 'host' WHERE id = ?`).run(id);
      expect(verifyChain(store)).toMatchObject({ok: false});
    });
  });

  it('leaves rows sealed before migration 008 verifying as they did', () => {
    withStore((store) => {
      store.recordFinished({...startFields(), ...endFields('succeeded')});
      store.recordFinished({...startFields({lock: 'x', lock_epoch: 1}), ...endFields('failed')});
    }, {});
    const db = new Database(path());
    db.exec(
      `ALTER TABLE runs DROP COLUMN lock_scope; ALTER TABLE locks DROP COLUMN fleet_epoch_seen; DROP TABLE meta; DROP TABLE fleet_outbox; PRAGMA user_version = ${migrations.length - 1};`,
    );
    db.close();
    withStore((store) => {
      expect(store.db.pragma('user_version', {simple: true})).toBe(migrations.length);
      expect(verifyChain(store)).toMatchObject({ok: true, rows: 2});
      expect(sourceId(store.db)).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

describe('prune and the outbox', () => {
  const old = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const pruner = thisGuard(['guard', 'prune'], 'guard prune');

  function fill(store: AuditStore): number[] {
    return [30, 20, 10].map((minutes) => store.recordFinished({...startFields({started_at: old(minutes)}), ...endFields('succeeded')}).id);
  }

  it('keeps a run still queued, and every later one, and queues its own row', () => {
    withStore((store) => {
      const [a, b] = fill(store);
      runNow(shipped(store.db, [{revision: 3, run_id: a!}]));
      const result = prune(store, new Date().toISOString(), {dryRun: false, pruner});
      expect(result).toMatchObject({deleted: 1, kept: 2, queued: 2});
      expect(findRun(store, a!)).toBeUndefined();
      expect(findRun(store, b!)).toMatchObject({status: 'succeeded'});
      expect(queue(store)).toContainEqual({attempts: 0, last_error: null, revision: 3, run_id: result.recorded!.id});
      expect(verifyChain(store)).toMatchObject({ok: true});
    });
  });

  it('deletes queued runs with force, and their queue entries with them', () => {
    withStore((store) => {
      const [, , c] = fill(store);
      expect(prune(store, new Date().toISOString(), {dryRun: true, force: true})).toMatchObject({deleted: 3, queued: 0});
      const result = prune(store, new Date().toISOString(), {dryRun: false, force: true, pruner});
      expect(result).toMatchObject({deleted: 3, kept: 0, queued: 0});
      expect(findRun(store, c!)).toBeUndefined();
      expect(queue(store)).toEqual([{attempts: 0, last_error: null, revision: 3, run_id: result.recorded!.id}]);
    });
  });
});
