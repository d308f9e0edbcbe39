import {redactFields} from '../audit/redaction.js';
import type {StartFields} from '../audit/row.js';
import {openingAuditStore, type AuditStore} from '../audit/store.js';
import type {FleetConfig} from '../fleet/config.js';
import {storeOutbox} from '../fleet/outbox-log.js';
import {log} from '../log.js';
import {auditDbPath} from '../paths.js';
import type {Redactor} from '../redact/redactor.js';
import {endAttempt, type EndedRow} from './attempt-end.js';
import {historyOnly, shipQueued} from './fleet-step.js';
import type {LogWaits} from './log-wait.js';
import type {RunMonitor} from './monitor-step.js';
import {notRunFields} from './record.js';
import type {RunContext, RunRequest} from './request.js';

/** A run that was decided but never allowed to start: what the refusal needs to be recorded. */
export interface Unrun {
  /** The machine's fleet: a refusal is history too, shipped like any attempt. */
  fleet: FleetConfig | null;
  monitor: RunMonitor;
  redactor: Redactor;
  start: StartFields;
  startedAt: Date;
  waits: LogWaits;
}

/**
 * A refusal, or a prompt interrupted, runs nothing: one line says so, and the attempt is
 * recorded when the audit log can be written.
 */
export async function recordRefusal(
  request: RunRequest,
  context: RunContext,
  unrun: Unrun,
  {exitCode, line, status}: {exitCode: number; line: string; status: 'blocked' | 'interrupted'},
): Promise<number> {
  const {monitor, redactor, waits} = unrun;
  const fields = {...unrun.start, ...notRunFields(status, exitCode, line, unrun.startedAt)};
  log().error(line);
  let store: AuditStore | undefined;
  let row: EndedRow;
  let notRecorded: {error: unknown; what: string} | undefined;
  try {
    store = await waits.before(openingAuditStore(auditDbPath({env: context.env, flag: request.db}), {outbox: unrun.fleet?.history === true, redactor}));
    row = await waits.before(store.writes.recordFinished(fields));
  } catch (error) {
    store?.close();
    store = undefined;
    notRecorded = {error, what: `${status === 'blocked' ? 'the refusal' : 'the interruption'} is not recorded`};
    row = redactFields(redactor, {...fields, id: null});
  }

  try {
    endAttempt({json: request.json, waits}, {kept: {stderr: 0, stdout: 0}, last: {monitor, store}, ...(notRecorded ? {notRecorded} : {}), row});
    if (store?.outbox && unrun.fleet) await shipQueued(historyOnly(unrun.fleet, storeOutbox(store, fields.host)), null, unrun.fleet.shipTimeoutMs);
  } finally {
    store?.close();
  }

  return exitCode;
}
