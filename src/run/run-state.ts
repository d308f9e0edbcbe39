import type {StartFields} from '../audit/row.js';
import type {AuditStore} from '../audit/store.js';
import type {LockFolder} from '../lock/index.js';
import type {FleetRun} from './fleet-step.js';
import type {openOutputPipes} from '../runner/pipes.js';
import type {SignalWatch} from '../runner/signals.js';
import type {LogWaits} from './log-wait.js';
import type {RunMonitor} from './monitor-step.js';
import type {RunRedactor} from './redaction.js';
import type {RunContext, RunPlan, RunRequest} from './request.js';

/** One run of guard once it is allowed and its audit log open: what was asked, how it will happen, where it is recorded. */
export interface Run {
  context: RunContext;
  /** Under --quiet, how a run that did not succeed ended: guard's last line. */
  ending: {line: string | null};
  /** The fleet, when the system or user policy configures one. */
  fleet: FleetRun | null;
  lockFolder: LockFolder;
  monitor: RunMonitor;
  /** A later attempt's output pipes, made as the first's were (one for both when guard's stdout and stderr are one file). */
  newPipes: () => ReturnType<typeof openOutputPipes>;
  /** The first attempt's output pipes, made while the audit log opens (null: --foreground). */
  pipes: ReturnType<typeof openOutputPipes> | null;
  plan: RunPlan;
  redactor: RunRedactor;
  request: RunRequest;
  signals: SignalWatch;
  /** The first attempt's start fields; later attempts renumber them. */
  start: StartFields;
  startedAt: Date;
  store: AuditStore;
  waits: LogWaits;
}
