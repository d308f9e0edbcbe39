import {closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {sha256} from '../digest.js';

/** What the metrics file says about a job's last run, and its totals from the audit log. */
export interface JobMetrics {
  durationMs: number;
  endedAt: Date;
  exitStatus: number;
  job: string;
  startedAt: Date;
  succeeded: boolean;
  /** Runs that ended (dry runs excepted) and those that failed; null when the log could not say. */
  totals: {failures: number; runs: number} | null;
}

interface Family {
  help: string;
  name: string;
  type: 'counter' | 'gauge';
  value: number;
}

function families(metrics: JobMetrics): Family[] {
  const seconds = (date: Date) => date.getTime() / 1000;
  const gauges: Family[] = [
    {help: 'When the last run of the job started, in seconds since the epoch.', name: 'guard_job_last_start_timestamp_seconds', type: 'gauge', value: seconds(metrics.startedAt)},
    {help: 'When the last run of the job ended, in seconds since the epoch.', name: 'guard_job_last_end_timestamp_seconds', type: 'gauge', value: seconds(metrics.endedAt)},
    {help: 'How long the last run of the job took, in seconds.', name: 'guard_job_last_duration_seconds', type: 'gauge', value: metrics.durationMs / 1000},
    {help: "guard's exit status for the last run of the job.", name: 'guard_job_last_exit_status', type: 'gauge', value: metrics.exitStatus},
    {help: 'Whether the last run of the job succeeded (1) or not (0).', name: 'guard_job_last_success', type: 'gauge', value: metrics.succeeded ? 1 : 0},
  ];
  if (!metrics.totals) return gauges;
  return [
    ...gauges,
    {help: 'Runs of the job that ended, as the audit log counts them.', name: 'guard_job_runs_total', type: 'counter', value: metrics.totals.runs},
    {help: 'Runs of the job that ended without succeeding, as the audit log counts them.', name: 'guard_job_failures_total', type: 'counter', value: metrics.totals.failures},
  ];
}

// The text format's escapes: a label value escapes \, " and newline.
const labelValue = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

/** The job's metrics in the Prometheus text exposition format (version 0.0.4). */
export function metricsText(metrics: JobMetrics): string {
  const label = `{job="${labelValue(metrics.job)}"}`;
  return families(metrics)
    .map(({help, name, type, value}) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name}${label} ${value}\n`)
    .join('');
}

/**
 * `guard_<job>.prom`: the job name as it is when it is safe in a file name, else made safe
 * and followed by a short hash of the real name, so two names never share a file.
 */
export function metricsFileName(job: string): string {
  const safe = job.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100);
  if (safe === job) return `guard_${job}.prom`;
  return `guard_${safe}_${sha256().update(job).digest('hex').slice(0, 8)}.prom`;
}

/**
 * Writes the job's metrics file for node_exporter's textfile collector, atomically: the
 * collector (which reads only `*.prom`) sees the old file or the new one, never half of one.
 * Returns the file's path; throws when the folder cannot take it.
 */
export function writeJobMetrics(dir: string, metrics: JobMetrics): string {
  const path = join(dir, metricsFileName(metrics.job));
  const temporary = `${path}.tmp.${process.pid}`;
  try {
    const fd = openSync(temporary, 'w', 0o644);
    try {
      // Readable by the collector's user whatever the umask: the file holds no secrets.
      fchmodSync(fd, 0o644);
      writeSync(fd, metricsText(metrics));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }

    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, {force: true});
    throw error;
  }

  return path;
}
