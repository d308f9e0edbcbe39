import {columns} from '../audit/columns.js';
import type {StoredRun} from '../audit/row.js';
import type {CentralJobStats, Overlap, OverlapSide} from '../fleet/central.js';
import {recentCount, type JobRecent, type JobStats} from '../audit/stats.js';
import {escapeControls, type Piece} from '../print.js';
import {legend, outcomeMark, sparkline, statusTone, type Look} from './look.js';
import {plainText, tableLines, type Cell, type Column} from './table.js';

export const screenWidth = 80;

/** `123ms`, `12.3s`, `5m03s`, `2h05m`: short enough for a table column. */
export function formatElapsed(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * `10,000`: a count with a comma every three digits, as toLocaleString('en-US') writes it,
 * without waking ICU's number formatting, which costs a reading command 15-25 ms the first time.
 */
export function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** `11-25 23:18` in the reader's own time zone. */
export function shortTime(iso: string): string {
  const date = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** `11-25 23:18:07`: shortTime to the second, where runs a few seconds apart must be told apart. */
export function secondsTime(iso: string): string {
  return `${shortTime(iso)}:${String(new Date(iso).getSeconds()).padStart(2, '0')}`;
}

/** A plain-text table no wider than the screen: the `flex` column gives way, ending in `…`. */
export function table(heads: readonly Column[], rows: readonly string[][], flex: number): string {
  return plainText(tableLines(heads.map((head, index) => ({...head, cut: index === flex})), rows, screenWidth));
}

/**
 * `history` for people: id, started, duration, status with its mark, exit, name, command.
 * The command gives way to the width (80 columns off a terminal), then the name wraps.
 */
export function historyTable(runs: readonly StoredRun[], look: Look): Piece[][] {
  return tableLines(historyHeads, runs.map((run) => historyRow(run, look)), look.width ?? screenWidth);
}

const historyHeads: Column[] = [{header: 'ID', right: true}, {header: 'STARTED'}, {header: 'TOOK', right: true}, {header: 'STATUS'}, {header: 'EXIT', right: true}, {header: 'NAME', wrap: true}, {header: 'COMMAND', cut: true}];

function historyRow(run: StoredRun, look: Look, note?: string): Cell[] {
  return [
    String(run.id),
    shortTime(run.started_at),
    formatElapsed(run.duration_ms),
    [outcomeMark(run.status, look), {text: ' '}, {text: run.status, tone: statusTone(run.status)}, ...(note ? [{text: ` (${note})`, tone: 'warn' as const}] : [])],
    run.exit_code === null ? '-' : String(run.exit_code),
    run.name,
    run.command,
  ];
}

/**
 * `history --fleet` for people: history's table with each run's HOST after its local ID, and
 * a live run whose host has said nothing for long marked "host silent since …".
 */
export function fleetHistoryTable(runs: ReadonlyArray<StoredRun & {host_silent_since: string | null}>, look: Look): Piece[][] {
  const heads = [historyHeads[0]!, {header: 'HOST'}, ...historyHeads.slice(1)];
  const rows = runs.map((run) => {
    const [id, ...rest] = historyRow(run, look, run.host_silent_since ? `host silent since ${shortTime(run.host_silent_since)}` : undefined);
    return [id!, run.host, ...rest];
  });
  return tableLines(heads, rows, look.width ?? screenWidth);
}

/** `stats` for people: the numbers, the last outcomes and the last durations of each job, its name never cut. */
export function statsTable(jobs: readonly JobStats[], recent: ReadonlyMap<string, JobRecent>, look: Look): Piece[][] {
  const heads: Column[] = [
    {header: 'NAME', wrap: true},
    {header: 'RUNS', right: true},
    {header: 'FAILED', right: true},
    {header: 'OK%', right: true},
    {header: 'P50', right: true},
    {header: 'P95', right: true},
    {header: `LAST ${recentCount}`, right: true},
    {header: 'DURATIONS', right: true},
    {header: 'LAST RUN', optional: true},
  ];
  const rows = jobs.map((job) => {
    const {outcomes, durations} = recent.get(job.name) ?? {durations: [], outcomes: []};
    return [
      job.name,
      String(job.runs),
      String(job.failures),
      job.success_rate === null ? '-' : `${(job.success_rate * 100).toFixed(1)}`,
      formatElapsed(job.p50_ms),
      formatElapsed(job.p95_ms),
      outcomes.map((status) => outcomeMark(status, look)),
      sparkline(durations, look),
      shortTime(job.last_started_at),
    ];
  });
  const shown = [...recent.values()].flatMap((job) => job.outcomes);
  const marks = wrapLegend(`LAST ${recentCount}, oldest first: `, legend(shown, look), look.width);
  const bars = [{text: `DURATIONS: the last ${recentCount} runs that ran, each as tall as its share of the longest`}];
  return [...tableLines(heads, rows, look.width), [], ...marks, bars];
}

/** The legend after its title, on as many lines as a terminal's width needs, each entry (mark and meaning) whole. */
function wrapLegend(title: string, pieces: Piece[], width: number | undefined): Piece[][] {
  const lines: Piece[][] = [[{text: title}]];
  let used = title.length;
  // legend() gives each entry as three pieces: the gap before it, its mark, its meaning.
  for (let index = 0; index < pieces.length; index += 3) {
    const [gap, mark, meaning] = [pieces[index]!, pieces[index + 1]!, pieces[index + 2]!];
    const size = [...gap.text, ...mark.text, ...meaning.text].length;
    if (width !== undefined && index > 0 && used + size > width) {
      lines.push([{text: ' '.repeat(title.length)}, mark, meaning]);
      used = title.length + size - gap.text.length;
    } else {
      lines.at(-1)!.push(gap, mark, meaning);
      used += size;
    }
  }

  return lines;
}

// A field's own line breaks are spelled out like every other control character: a record is one line.
function csvField(value: unknown): string {
  const text = escapeControls(value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV: a header row of the contract's field names (then any `extra` ones: a central
 * run's log), then one record per run, control characters spelled out.
 */
export function runsCsv<R extends StoredRun>(runs: readonly R[], extra: ReadonlyArray<keyof R & string> = []): string {
  const fields: ReadonlyArray<keyof R & string> = [...columns, ...extra];
  const lines = [fields.join(','), ...runs.map((run) => fields.map((field) => csvField(run[field])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

function tail(label: string, text: string | null, bytes: number | null): string {
  if (text === null) return `--- ${label}: not recorded ---`;
  if (text === '') return `--- ${label}: empty ---`;
  const kept = Buffer.byteLength(text);
  const heading = bytes !== null && bytes > kept ? `${label} (last ${kept} of ${bytes} bytes)` : label;
  return `--- ${heading} ---\n${text.replace(/\n$/, '')}`;
}

/** `show` for people: every field (and any `extra` before them: a central run's log), then both output tails. */
export function runDetails(run: StoredRun, extra: ReadonlyArray<[string, string | number]> = []): string {
  const fields = columns.filter((column) => column !== 'stdout_tail' && column !== 'stderr_tail');
  const width = Math.max(...fields.map((field) => field.length), ...extra.map(([label]) => label.length));
  const value = (field: (typeof fields)[number]) => {
    const raw = run[field];
    return raw === null || raw === undefined ? '-' : escapeControls(typeof raw === 'object' ? JSON.stringify(raw) : String(raw));
  };
  const lines = [...extra.map(([label, text]) => `${label.padEnd(width)}  ${escapeControls(String(text))}`), ...fields.map((field) => `${field.padEnd(width)}  ${value(field)}`)];
  return [...lines, tail('stdout', run.stdout_tail, run.stdout_bytes), tail('stderr', run.stderr_tail, run.stderr_bytes)].join('\n');
}

/**
 * `stats --fleet` for people: per job across hosts (HOSTS, LAST HOST), or with `byHost` one
 * row per job and host. Times are the hosts' own clocks.
 */
export function fleetStatsTable(jobs: readonly CentralJobStats[], byHost: boolean, width: number | undefined): Piece[][] {
  const heads: Column[] = [
    {header: 'NAME', wrap: true},
    ...(byHost ? [{header: 'HOST'}] : []),
    {header: 'RUNS', right: true},
    {header: 'FAILED', right: true},
    {header: 'OK%', right: true},
    {header: 'P50', right: true},
    {header: 'P95', right: true},
    ...(byHost ? [] : [{header: 'HOSTS', right: true}, {header: 'LAST HOST'}]),
    {header: 'LAST RUN', optional: true},
  ];
  const rows = jobs.map((job) => [
    job.name,
    ...(byHost ? [job.host ?? '-'] : []),
    String(job.runs),
    String(job.failures),
    job.success_rate === null ? '-' : `${(job.success_rate * 100).toFixed(1)}`,
    formatElapsed(job.p50_ms),
    formatElapsed(job.p95_ms),
    ...(byHost ? [] : [String(job.hosts), job.last_host ?? '-']),
    shortTime(job.last_started_at),
  ]);
  return tableLines(heads, rows, width);
}

/** `stats --fleet --overlaps` for people: each double run of a fleet lock, both sides with host, id, epoch and times. */
export function overlapLines(overlaps: readonly Overlap[]): string[] {
  const side = (run: OverlapSide) => `${run.host}:${run.id} (epoch ${run.epoch ?? '-'}, ${secondsTime(run.started_at)} to ${run.ended_at ? secondsTime(run.ended_at) : 'still running'})`;
  return overlaps.map((overlap) => `fleet lock '${overlap.lock}': ${side(overlap.first)} overlaps ${side(overlap.second)}`);
}
