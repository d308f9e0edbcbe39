import {columns} from '../audit/columns.js';
import type {StoredRun} from '../audit/row.js';
import type {JobStats} from '../audit/stats.js';
import {escapeControls, jsonText} from '../print.js';

export const screenWidth = 80;

function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** `123ms`, `12.3s`, `5m03s`, `2h05m`: short enough for a table column. */
export function formatElapsed(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** `11-25 23:18` in the reader's own time zone. */
export function shortTime(iso: string): string {
  const date = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

interface Column {
  header: string;
  right?: boolean;
}

/** A plain-text table no wider than the screen: the `flex` column gives way, ending in `…`. */
export function table(heads: readonly Column[], rows: readonly string[][], flex: number): string {
  const cells = rows.map((row) => row.map((cell) => escapeControls(cell)));
  const widths = heads.map((head, index) => Math.max(head.header.length, ...cells.map((row) => [...row[index]!].length)));
  const others = widths.reduce((sum, width, index) => (index === flex ? sum : sum + width + 2), 0);
  widths[flex] = Math.max(heads[flex]!.header.length, Math.min(widths[flex]!, screenWidth - others));
  const line = (row: readonly string[]) =>
    row
      .map((cell, index) => {
        const text = cut(cell, widths[index]!);
        const pad = widths[index]! - [...text].length;
        return heads[index]!.right ? ' '.repeat(pad) + text : text + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  return [line(heads.map((head) => head.header)), ...cells.map(line)].join('\n');
}

/** `history` for people: id, started, duration, status, exit, name, command. */
export function historyTable(runs: readonly StoredRun[]): string {
  const heads = [{header: 'ID', right: true}, {header: 'STARTED'}, {header: 'TOOK', right: true}, {header: 'STATUS'}, {header: 'EXIT', right: true}, {header: 'NAME'}, {header: 'COMMAND'}];
  const rows = runs.map((run) => [
    String(run.id),
    shortTime(run.started_at),
    formatElapsed(run.duration_ms),
    run.status,
    run.exit_code === null ? '-' : String(run.exit_code),
    cut(run.name, 16),
    run.command,
  ]);
  return table(heads, rows, 6);
}

/** `stats` for people. */
export function statsTable(jobs: readonly JobStats[]): string {
  const heads = [{header: 'NAME'}, {header: 'RUNS', right: true}, {header: 'FAILED', right: true}, {header: 'OK%', right: true}, {header: 'P50', right: true}, {header: 'P95', right: true}, {header: 'LAST RUN'}, {header: 'LAST STATUS'}];
  const rows = jobs.map((job) => [
    job.name,
    String(job.runs),
    String(job.failures),
    job.success_rate === null ? '-' : `${(job.success_rate * 100).toFixed(1)}`,
    formatElapsed(job.p50_ms),
    formatElapsed(job.p95_ms),
    shortTime(job.last_started_at),
    job.last_status,
  ]);
  return table(heads, rows, 0);
}

/** JSON for programs: the contract's field names, booleans as booleans, argv and rules as arrays. */
export function toJson(value: unknown): string {
  return jsonText(value, 2);
}

// A field's own line breaks are spelled out like every other control character: a record is one line.
function csvField(value: unknown): string {
  const text = escapeControls(value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV: a header row of the contract's field names, then one record per run, control characters spelled out. */
export function runsCsv(runs: readonly StoredRun[]): string {
  const lines = [columns.join(','), ...runs.map((run) => columns.map((column) => csvField(run[column])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

function tail(label: string, text: string | null, bytes: number | null): string {
  if (text === null) return `--- ${label}: not recorded ---`;
  if (text === '') return `--- ${label}: empty ---`;
  const kept = Buffer.byteLength(text);
  const heading = bytes !== null && bytes > kept ? `${label} (last ${kept} of ${bytes} bytes)` : label;
  return `--- ${heading} ---\n${text.replace(/\n$/, '')}`;
}

/** `show` for people: every field, then both output tails. */
export function runDetails(run: StoredRun): string {
  const fields = columns.filter((column) => column !== 'stdout_tail' && column !== 'stderr_tail');
  const width = Math.max(...fields.map((field) => field.length));
  const value = (field: (typeof fields)[number]) => {
    const raw = run[field];
    return raw === null ? '-' : escapeControls(typeof raw === 'object' ? JSON.stringify(raw) : String(raw));
  };
  const lines = fields.map((field) => `${field.padEnd(width)}  ${value(field)}`);
  return [...lines, tail('stdout', run.stdout_tail, run.stdout_bytes), tail('stderr', run.stderr_tail, run.stderr_bytes)].join('\n');
}
