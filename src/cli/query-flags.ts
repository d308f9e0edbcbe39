import {parseDuration, readAge} from '../duration.js';
import {UsageError} from '../errors.js';
import {runStatuses, type RunStatus} from '../audit/row.js';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))?)?$/;
const hasZone = /(?:Z|[+-]\d{2}:\d{2})$/;

// Date() rolls what does not exist into what does (February 31 is March 3, 24:00 the next
// day): a moment is taken only when each of its fields is in range.
function exists(match: RegExpExecArray): boolean {
  const [year, month, day, hour = 0, minute = 0, second = 0, zoneHours = 0, zoneMinutes = 0] = match.slice(1).map((field) => (field === undefined ? undefined : Number(field)));
  const daysInMonth = new Date(Date.UTC(2000, month!, 0)).getUTCDate() - (month === 2 && !leap(year!) ? 1 : 0);
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && zoneHours <= 23 && zoneMinutes <= 59;
}

const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * `7d`, `2h` (that long before `now`) or an ISO date or date-time, to the ISO UTC text the
 * log stores. A date or time without a zone is UTC, like the log itself.
 */
export function parseMoment(text: string, flag: string, now = Date.now()): string {
  const match = isoDate.exec(text);
  if (match && exists(match)) {
    const normalized = text.replace(' ', 'T');
    const date = new Date(hasZone.test(normalized) ? normalized : `${normalized}${normalized.includes('T') ? '' : 'T00:00'}Z`);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  } else if (/^\d/.test(text)) {
    const age = readAge(text);
    if (typeof age === 'number') return new Date(now - age).toISOString();
    // Otherwise falls through to the message that names both forms.
  }

  throw new UsageError(`${flag}: '${text}' is neither a duration (7d, 2h, 30m) nor an ISO date (2026-01-31, 2026-01-31T08:00Z)`);
}

/**
 * `--older-than`: a moment as parseMoment reads it, strictly before `now`. Zero (`0`, `0s`)
 * or a date not yet past would prune every finished run, the newest included: a usage error.
 */
export function parsePast(text: string, flag: string, now = Date.now()): string {
  const moment = parseMoment(text, flag, now);
  if (Date.parse(moment) >= now) throw new UsageError(`${flag}: '${text}' is not in the past: it would prune every finished run (give an age such as 90d)`);
  return moment;
}

/** `--head`: a sha256 in hex, as guard logs it; anything else is a usage error, not a broken chain. */
export function parseHeadHash(text: string, flag: string): string {
  if (/^[0-9a-f]{64}$/i.test(text)) return text.toLowerCase();
  if (text === '') throw new UsageError(`${flag}: empty; give the head hash kept apart (64 hex digits, from guard's JSON log)`);
  throw new UsageError(`${flag}: '${text}' is not a head hash (64 hex digits, from guard's JSON log)`);
}

export function parseStatus(text: string, flag: string): RunStatus {
  if ((runStatuses as readonly string[]).includes(text)) return text as RunStatus;
  throw new UsageError(`${flag}: '${text}' is not a status (${runStatuses.join(', ')})`);
}

export function parsePositiveInteger(text: string, flag: string): number {
  if (/^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text))) return Number(text);
  throw new UsageError(`${flag}: '${text}' is not a positive integer`);
}
