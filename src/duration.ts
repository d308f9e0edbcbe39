import {UsageError} from './errors.js';

const units = {d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1} as const;
type Unit = keyof typeof units;
// Largest first: a compound names each unit at most once, in this order (1h15m, never 15m1h).
const order: readonly Unit[] = ['d', 'h', 'm', 's', 'ms'];
const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
// A year is longer than any job guard should wait for; beyond it a typo is likelier.
const longest = 366 * units.d;

/** How a duration may be written, for every message that refuses one (flags and policy alike). */
export const durationSpellings = '500ms, 30s, 5m, 2h, 1d, compounds such as 1m30s, or a number of seconds';

/** Why a text is not a duration: a spelling guard does not read, a compound written wrong, or longer than a year. */
export interface DurationProblem {
  kind: 'compound' | 'length' | 'spelling';
  why: string;
}

/**
 * `500ms`, `30s`, `5m`, `2h`, `1d`, compounds largest unit first (`1m30s`, `1h15m`, `2d12h`),
 * or a bare number of seconds, to milliseconds. A fraction is for a single unit (`1.5m`):
 * `1.5m30s` says the same thing twice, as do `1m1m` and `30s1m`, and each is refused with
 * the spelling meant, since a typo in a timeout is better caught than guessed at.
 */
export function readDuration(text: string): number | DurationProblem {
  const trimmed = text.trim();
  const parts = /^\d+(?:\.\d+)?$/.test(trimmed) ? [{unit: 's' as Unit, value: trimmed}] : splitParts(trimmed);
  const compound = (why: string): DurationProblem => ({kind: 'compound', why});
  if (!parts) return {kind: 'spelling', why: `use ${durationSpellings}`};
  if (parts.length > 1) {
    const repeated = parts.find((item, index) => parts.findIndex((other) => other.unit === item.unit) !== index);
    if (repeated) return compound(`${repeated.unit} is given twice`);
    const sorted = [...parts].sort((a, b) => order.indexOf(a.unit) - order.indexOf(b.unit));
    if (sorted.some((item, index) => item !== parts[index])) return compound(`write the largest unit first: ${sorted.map((item) => item.value + item.unit).join('')}`);
    if (parts.some((item) => item.value.includes('.'))) return compound('a fraction is for a single unit, such as 1.5m; a compound is whole numbers, such as 1m30s');
  }

  const exact = parts.reduce((sum, item) => sum + Number(item.value) * units[item.unit], 0);
  // 0 means none: a duration shorter than a millisecond is one, never no limit at all.
  const ms = exact > 0 ? Math.max(1, Math.round(exact)) : 0;
  return ms > longest ? {kind: 'length', why: 'at most a year'} : ms;
}

/**
 * How long to keep something (an age, as `audit.retention` and `prune --older-than` take it):
 * a duration, or whole days alone beyond a year, since audit trails are kept for years.
 */
export function readAge(text: string): number | DurationProblem {
  const days = /^(\d{1,5})d$/.exec(text.trim());
  return days ? Number(days[1]) * units.d : readDuration(text);
}

/** readDuration for a flag: a duration it cannot read is a usage error naming the flag. */
export function parseDuration(text: string, flag: string): number {
  const read = readDuration(text);
  if (typeof read === 'number') return read;
  throw new UsageError(read.kind === 'length' ? `${flag}: '${text}' is longer than a year` : `${flag}: '${text}' is not a duration (${read.why})`);
}

function splitParts(text: string): Array<{unit: Unit; value: string}> | null {
  const parts: Array<{unit: Unit; value: string}> = [];
  part.lastIndex = 0;
  while (part.lastIndex < text.length) {
    const match = part.exec(text);
    if (!match) return null;
    parts.push({unit: match[2] as Unit, value: match[1]!});
  }

  return parts.length > 0 ? parts : null;
}

/** The shortest exact spelling of a duration in one unit, for messages and `policy show`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= units[unit] && ms % units[unit] === 0) return `${ms / units[unit]}${unit}`;
  }

  return `${ms}ms`;
}

/**
 * How long something took, for a person: `350ms`, `4.2s`, `42s`, `2m10s`, `1h15m`, `2d12h`;
 * precise to a tenth of a second under 10 s, to the second under an hour, to the minute
 * under a day, to the hour beyond. guard accepts each of these spellings back.
 */
export function elapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 9950) return `${(Math.round(ms / 100) / 10).toString()}s`;
  const spell = (step: Unit, names: readonly Unit[]) => {
    let left = Math.round(ms / units[step]) * units[step];
    return names
      .map((unit) => {
        const count = Math.floor(left / units[unit]);
        left -= count * units[unit];
        return count > 0 ? `${count}${unit}` : '';
      })
      .join('');
  };

  if (ms < units.h - 500) return spell('s', ['m', 's']);
  if (ms < units.d - 30_000) return spell('m', ['h', 'm']);
  return spell('h', ['d', 'h']);
}

/** Waits `ms`, or less when `giveUp` aborts first. */
export function pause(ms: number, giveUp: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      giveUp.removeEventListener('abort', done);
      resolve();
    }

    giveUp.addEventListener('abort', done, {once: true});
  });
}
