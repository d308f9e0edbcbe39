import type {RunRow} from '../audit/row.js';
import type {AuditStore} from '../audit/store.js';
import {log} from '../log.js';
import type {JobMetrics} from '../monitor/metrics.js';
import type {PingReport} from '../monitor/ping-body.js';
import type {PingSignal} from '../monitor/ping-target.js';

/** What the monitors learn of an attempt once it has ended (`id` is null when it could not be recorded). */
export type EndedRun = Pick<RunRow, 'duration_ms' | 'ended_at' | 'error' | 'exit_code' | 'name' | 'started_at' | 'status' | 'stderr_tail' | 'stdout_tail'> & {
  id: number | null;
};

/** `--ping` and `--metrics-dir`, seen from the run pipeline. */
export interface RunMonitor {
  /** Just before the command is spawned: the start ping, not waited for. */
  started(): void;
  /** Once the attempt's end is recorded: the metrics file and the end ping. */
  ended(run: EndedRun, store: AuditStore | undefined): void;
  /** What guard's exit waits for: the end ping, at most its bound (monitor/ping.ts). */
  delivered(): Promise<void>;
}

const unmonitored: RunMonitor = {delivered: async () => {}, ended() {}, started() {}};

/**
 * The run's monitors, their modules loaded only when asked for, so a plain run loads
 * nothing more. What they are told:
 *
 * - a dry run ran nothing on purpose: no ping, no metrics;
 * - a run that succeeded: `URL`; one that ended otherwise (a refusal, a busy lock, a
 *   timeout, a failure): `URL/<guard's exit status>`, or `URL/fail` when there is none;
 * - a busy lock with `--conflict-exit-code 0` is a quiet skip: `URL/log`, which healthchecks
 *   records without changing the check, and the metrics file keeps describing the last run;
 * - only an attempt that got to spawn its command sends `URL/start` (a refused or busy one
 *   did not start anything).
 *
 * Output in the end ping's body passes through `redact` first.
 */
export async function runMonitor(request: {metricsDir: string | null; ping: string | null}, redact: (text: string) => string = (text) => text): Promise<RunMonitor> {
  if (request.ping === null && request.metricsDir === null) return unmonitored;
  const [ping, body, metrics, queries] = await Promise.all([
    request.ping === null ? undefined : import('../monitor/ping.js'),
    request.ping === null ? undefined : import('../monitor/ping-body.js'),
    request.metricsDir === null ? undefined : import('../monitor/metrics.js'),
    request.metricsDir === null ? undefined : import('../audit/queries.js'),
  ]);
  const pinger = ping && request.ping !== null ? ping.pinger(new URL(request.ping)) : undefined;
  let pending = Promise.resolve();
  return {
    started: () => pinger?.start(),
    ended(run, store) {
      if (run.status === 'dry_run') return;
      const skipped = run.status === 'lock_busy' && run.exit_code === 0;
      const dir = request.metricsDir;
      if (metrics && queries && dir !== null && !skipped) {
        const totals = store ? readTotals(() => queries.jobTotals(store, run.name)) : null;
        writeMetrics(() => metrics.writeJobMetrics(dir, jobMetrics(run, totals)), run.name, dir);
      }

      if (pinger && body) {
        const signal: PingSignal = run.status === 'succeeded' ? {kind: 'success'} : skipped ? {kind: 'log'} : {kind: 'failure', status: run.exit_code};
        pending = pinger.end(signal, body.pingBody(pingReport(run, redact)));
      }
    },
    delivered: () => pending,
  };
}

function jobMetrics(run: EndedRun, totals: JobMetrics['totals']): JobMetrics {
  return {
    durationMs: run.duration_ms,
    endedAt: new Date(run.ended_at),
    exitStatus: run.exit_code ?? Number.NaN,
    job: run.name,
    startedAt: new Date(run.started_at),
    succeeded: run.status === 'succeeded',
    totals,
  };
}

function pingReport(run: EndedRun, redact: (text: string) => string): PingReport {
  const id = run.id === null ? '' : ` (guard run ${run.id})`;
  return {
    error: run.error && redact(run.error),
    stderr: redact(run.stderr_tail),
    stdout: redact(run.stdout_tail),
    summary: `${run.name}: ${run.status.replaceAll('_', ' ')}, exit status ${run.exit_code ?? 'unknown'}${id}`,
  };
}

function writeMetrics(write: () => void, job: string, dir: string): void {
  try {
    write();
  } catch (error) {
    log().warn(`metrics for job '${job}' not written to ${dir}: ${(error as Error).message}`);
  }
}

// The totals are a bonus: a log that cannot answer leaves them out of the file.
function readTotals<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    log().warn(`the audit log cannot count the job's runs for its metrics: ${(error as Error).message}`);
    return null;
  }
}
