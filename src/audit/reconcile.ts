import type Database from 'better-sqlite3';
import {groupMembers, isProcessAlive} from '../proc.js';
import {untilFree, type Step} from './busy.js';
import {chainWriter} from './chain.js';
import type {OutboxWriter} from './outbox.js';

interface LiveRow {
  child_pid: number | null;
  child_start: number | null;
  id: number;
  pid: number;
  pid_start: number;
}

// Pid and start time together name one process for ever; the pid alone may be reused.
function runStillAlive(row: LiveRow): boolean {
  if (isProcessAlive(row.pid, row.pid_start)) return true;
  if (row.child_pid === null) return false;
  if (row.child_start !== null && isProcessAlive(row.child_pid, row.child_start)) return true;
  // A group id is not handed out again while any member lives, so members mean the run's
  // own leftovers are still going.
  return groupMembers(row.child_pid).length > 0;
}

/**
 * Marks `abandoned` the live rows of this host whose guard died and whose processes are all
 * gone, in one transaction. Cheap when nothing is live (a partial index); safe when several
 * guards do it at once. A `starting` row of a dead guard has no child pid to look for: it
 * is abandoned at once.
 */
export function* reconciling(db: Database.Database, host: string, outbox?: OutboxWriter): Step<number> {
  const select = db.prepare<[string], LiveRow>(
    `SELECT id, pid, pid_start, child_pid, child_start FROM runs WHERE status IN ('starting', 'running') AND host = ?`,
  );
  const live = yield* untilFree(db, () => select.all(host));
  const gone = live.filter((row) => !runStillAlive(row));
  if (gone.length === 0) return 0;
  // A guard that recorded its end and exited since the first read looks dead but is not
  // live any more: read again, so such a row costs no write.
  const stillLive = new Set((yield* untilFree(db, () => select.all(host))).map((row) => row.id));
  const dead = gone.filter((row) => stillLive.has(row.id));
  if (dead.length === 0) return 0;

  const abandon = db.prepare<[number]>(
    `UPDATE runs SET status = 'abandoned', error = 'guard died before the run ended'
     WHERE id = ? AND status IN ('starting', 'running')`,
  );
  const chain = chainWriter(db, outbox);
  // Another guard may have ended or abandoned some of them meanwhile: only rows still live change.
  const abandonAll = db.transaction(() => {
    for (const row of dead) if (abandon.run(row.id).changes === 1) chain.seal(row.id);
  });
  yield* untilFree(db, () => abandonAll.immediate());
  return dead.length;
}
