// The local audit log as the shipper sees it: its source id, its queued runs, and the
// bookkeeping of what shipped. Writes wait their turn on a busy log, as every write does.
import {hostname} from 'node:os';
import {runPatiently} from '../audit/busy.js';
import {backlog, failed, pending, shipped, sourceId} from '../audit/outbox.js';
import {openAuditStore, openAuditStoreIfPresent, type AuditStore} from '../audit/store.js';
import type {Outbox} from './ship.js';

export interface LogOutbox extends Outbox {
  backlog(): {count: number; oldest: string | null};
  close(): void;
}

/** The outbox of an open audit log. */
export function storeOutbox(store: AuditStore, host = hostname()): LogOutbox {
  const {db} = store;
  return {
    backlog: () => backlog(db),
    close: () => store.close(),
    failed: (runIds, error) => runPatiently(failed(db, runIds, error)),
    host,
    pending: async (limit) => pending(db, limit).map(({revision, row}) => ({revision, row})),
    shipped: (items) => runPatiently(shipped(db, items)),
    sourceId: sourceId(db),
  };
}

/** Opens the audit log at `path` (creating and upgrading it as a run would) for shipping. */
export function openLogOutbox(path: string): LogOutbox {
  return storeOutbox(openAuditStore(path));
}

/** As openLogOutbox, or undefined when no audit log exists there yet. */
export function openLogOutboxIfPresent(path: string): LogOutbox | undefined {
  const store = openAuditStoreIfPresent(path);
  if (!store) return undefined;
  try {
    return storeOutbox(store);
  } catch {
    // A log from before the fleet (no source id yet): its next writer upgrades it.
    store.close();
    return undefined;
  }
}
