import {UsageError} from './errors.js';

const units = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000} as const;
const grammar = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/;
// A year is longer than any job guard should wait for; beyond it a typo is likelier.
const longest = 366 * units.d;

/** `500ms`, `30s`, `5m`, `2h`, `1d`, or a bare number of seconds, to milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = grammar.exec(text.trim());
  if (!match) {
    throw new UsageError(`${flag}: '${text}' is not a duration (use 500ms, 30s, 5m, 2h, 1d or a number of seconds)`);
  }

  const unit = (match[2] ?? 's') as keyof typeof units;
  const exact = Number(match[1]) * units[unit];
  // 0 means none: a duration shorter than a millisecond is one, never no limit at all.
  const ms = exact > 0 ? Math.max(1, Math.round(exact)) : 0;
  if (ms > longest) throw new UsageError(`${flag}: '${text}' is longer than a year`);
  return ms;
}

/** The shortest exact spelling of a duration, for messages and `policy show`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= units[unit] && ms % units[unit] === 0) return `${ms / units[unit]}${unit}`;
  }

  return `${ms}ms`;
}
