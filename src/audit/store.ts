import {lstatSync} from 'node:fs';
import {hostname} from 'node:os';
import type Database from 'better-sqlite3';
import {AuditError} from '../errors.js';
import {createRedactor, type Redactor} from '../redact/redactor.js';
import {runNow, untilFree, type Step} from './busy.js';
import {chainWriter} from './chain.js';
import {endColumns, endParameters, startColumns, startParameters, toRun, type StoredRow} from './columns.js';
import {auditFailure, guarded, guardedStep} from './failure.js';
import {connect, connecting, connectInMemory, ensureFile} from './open.js';
import {outboxWriter, revisions, type OutboxWriter} from './outbox.js';
import {reconciling} from './reconcile.js';
import {redactFields} from './redaction.js';
import type {EndFields, RunRow, StartFields} from './row.js';

export interface OpenOptions {
  /** The host whose dead runs this open reconciles (default: this machine's name). */
  host?: string;
  /**
   * Queue every write of a run row for the fleet's history (fleet_outbox), in the
   * transaction that makes it: for runs of a machine whose fleet keeps history.
   */
  outbox?: boolean;
  /** Only read: no file is created, nothing is migrated or reconciled; a newer schema is readable. */
  readonly?: boolean;
  /** Masks the secrets in every text written (default: the built-in patterns alone). */
  redactor?: Redactor;
}

/** The command's process, as `running` records it. */
export interface Child {
  child_pid: number;
  child_start: number;
}

/** The writes, as steps that yield while the log is busy: the caller chooses how to wait (busy.ts). */
export interface AuditWrites {
  markRunning(id: number, child: Child): Step<void>;
  /** `child` fills in the command's process when its `running` write never got through. */
  recordEnd(id: number, fields: EndFields, child?: Child): Step<RunRow>;
  recordFinished(fields: StartFields & EndFields): Step<RunRow>;
  recordStart(fields: StartFields): Step<number>;
}

export interface AuditStore {
  /** The connection, for the queries in this folder. */
  readonly db: Database.Database;
  /** Queues run-row writes for the fleet (opened with `{outbox: true}`); prune queues its row through it too. */
  readonly outbox: OutboxWriter | undefined;
  readonly path: string;
  /** What this store masks in every text it writes: lease commands and printed records use it too. */
  readonly redactor: Redactor;
  /** The same writes as below, for `guard run`, which waits for a busy log on the event loop. */
  readonly writes: AuditWrites;
  close(): void;
  markRunning(id: number, child: Child): void;
  recordEnd(id: number, fields: EndFields): RunRow;
  recordFinished(fields: StartFields & EndFields): RunRow;
  recordStart(fields: StartFields): number;
}

const named = (names: readonly string[]) => names.map((name) => `@${name}`).join(', ');

// A final row has every end field: the store wrote them in the same transaction.
function finalRow(row: StoredRow): RunRow {
  return toRun(row) as RunRow;
}

/**
 * Opens (creating, migrating and reconciling as needed) the audit log at `path`. Every
 * failure is an AuditError with one line saying what and where.
 */
export function openAuditStore(path: string, options: OpenOptions = {}): AuditStore {
  const readonly = options.readonly ?? false;
  if (!readonly) return runNow(openingAuditStore(path, options));
  const db = guarded(path, () => connect(path, readonly));

  try {
    const redactor = options.redactor ?? createRedactor([]);
    return readOnlyStore(db, path, redactor);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** openAuditStore for writing, as a step that yields while the log is busy (see busy.ts). */
export function* openingAuditStore(path: string, options: Omit<OpenOptions, 'readonly'> = {}): Step<AuditStore> {
  guarded(path, () => ensureFile(path));
  const db = yield* guardedStep(path, connecting(path));
  try {
    const outbox = options.outbox ? outboxWriter(db) : undefined;
    yield* guardedStep(path, reconciling(db, options.host ?? hostname(), outbox));
    return writableStore(db, path, options.redactor ?? createRedactor([]), outbox);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A store that keeps nothing past guard's exit (see connectInMemory). */
export function openInMemoryStore(redactor: Redactor = createRedactor([])): AuditStore {
  return writableStore(connectInMemory(), '(in memory)', redactor);
}

function writableStore(db: Database.Database, path: string, redactor: Redactor, outbox?: OutboxWriter): AuditStore {
  const chain = chainWriter(db, outbox);
  const insertStart = db.prepare(
    `INSERT INTO runs (${startColumns.join(', ')}, status) VALUES (${named(startColumns)}, 'starting')`,
  );
  const running = db.prepare(
    `UPDATE runs SET status = 'running', child_pid = @child_pid, child_start = @child_start WHERE id = @id AND status = 'starting'`,
  );
  const endRow = db.prepare(
    `UPDATE runs SET ${endColumns.map((column) => `${column} = @${column}`).join(', ')},
       child_pid = coalesce(child_pid, @child_pid), child_start = coalesce(child_start, @child_start)
     WHERE id = @id AND status IN ('starting', 'running')`,
  );
  const insertFinished = db.prepare(
    `INSERT INTO runs (${[...startColumns, ...endColumns].join(', ')}) VALUES (${named([...startColumns, ...endColumns])})`,
  );

  // Every write is one IMMEDIATE transaction: a deferred read-then-write can fail with
  // SQLITE_BUSY_SNAPSHOT whatever the timeout.
  const write = <A extends unknown[], T>(work: (...args: A) => T) => {
    const transaction = db.transaction(work);
    return (...args: A): Step<T> => guardedStep(path, untilFree(db, () => transaction.immediate(...args)));
  };

  // Secrets are masked here, on the way in, so no caller can store one by forgetting to; and
  // before the transaction, so other guards do not wait while 64 KiB tails are scanned.
  const masked = <T extends Partial<StartFields & EndFields>>(fields: T) => redactFields(redactor, fields);
  const end = write((id: number, fields: EndFields, child: Partial<Child>) => {
    if (endRow.run({...endParameters(fields), child_pid: child.child_pid ?? null, child_start: child.child_start ?? null, id}).changes !== 1) {
      throw new AuditError(`audit log ${path}: run ${id} is not live, so it cannot be ended`);
    }

    return finalRow(chain.seal(id));
  });
  const finished = write((fields: StartFields & EndFields) => {
    const id = Number(insertFinished.run({...startParameters(fields), ...endParameters(fields)}).lastInsertRowid);
    return finalRow(chain.seal(id));
  });
  const start = write((fields: StartFields) => {
    const id = Number(insertStart.run(startParameters(fields)).lastInsertRowid);
    outbox?.queue(id, revisions.started);
    return id;
  });

  const writes: AuditWrites = {
    markRunning: write((id: number, child: Child) => {
      if (running.run({...child, id}).changes === 1) outbox?.queue(id, revisions.running);
    }),
    recordEnd: (id, fields, child) => end(id, masked(fields), child ?? {}),
    recordFinished: (fields) => finished(masked(fields)),
    recordStart: (fields) => start(masked(fields)),
  };

  return {
    db,
    outbox,
    path,
    redactor,
    writes,
    close: () => db.close(),
    markRunning: (id, child) => runNow(writes.markRunning(id, child)),
    recordEnd: (id, fields) => runNow(writes.recordEnd(id, fields)),
    recordFinished: (fields) => runNow(writes.recordFinished(fields)),
    recordStart: (fields) => runNow(writes.recordStart(fields)),
  };
}

function readOnlyStore(db: Database.Database, path: string, redactor: Redactor): AuditStore {
  const refuse = (): never => {
    throw auditFailure(path, new AuditError(`audit log ${path}: opened read-only`));
  };

  const writes = {markRunning: refuse, recordEnd: refuse, recordFinished: refuse, recordStart: refuse};
  return {db, outbox: undefined, path, redactor, writes, close: () => db.close(), ...writes};
}

/**
 * For history, show, stats, verify and locks: reading never writes. The log is opened
 * read-only whatever its schema, so nothing is created, migrated or reconciled: a missing,
 * empty or foreign file is an AuditError (74), never a new empty log; a log from an older
 * guard is read as it is (a column it lacks reads as NULL) and one from a newer guard too
 * (columns are never renamed); a run whose guard died shows as stored, `running`, until the
 * next writer on its host marks it `abandoned`.
 */
export function openAuditStoreForQueries(path: string, options: Omit<OpenOptions, 'readonly'> = {}): AuditStore {
  return openAuditStore(path, {...options, readonly: true});
}

/**
 * For `guard locks`, whose truth is the lock folder: a log that does not exist yet holds no
 * leases (undefined); any other problem with it is an AuditError, as for every reader.
 */
export function openAuditStoreIfPresent(path: string, options: Omit<OpenOptions, 'readonly'> = {}): AuditStore | undefined {
  if (!lstatSync(path, {throwIfNoEntry: false})) return undefined;
  return openAuditStoreForQueries(path, options);
}
