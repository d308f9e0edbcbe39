// Durations (--timeout, --kill-after, --lock-wait and the policy's): only UsageError escapes,
// a value is whole milliseconds from 0 to a year, and formatting then parsing gives it back.
import fc from 'fast-check';
import {expect} from 'vitest';
import {formatDuration, parseDuration} from '../../src/duration.js';
import {UsageError} from '../../src/errors.js';
import {compoundDurationText, durationJunk, durationText} from './arbitraries.js';
import {fuzz, fuzzTarget} from './harness.js';

const year = 366 * 86_400_000;
const unitMs = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000} as const;

/** The milliseconds, or the UsageError's message (one line naming the flag and the text). */
function parsed(text: string): number | string {
  try {
    return parseDuration(text, '--timeout');
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message.startsWith('--timeout: ')).toBe(true);
    return message;
  }
}

fuzzTarget('duration', {
  'any text is whole milliseconds within a year, or a UsageError': fuzz(1000, [fc.oneof(durationJunk, durationText.map(({text}) => text))], (text) => {
    const ms = parsed(text);
    if (typeof ms === 'number') {
      expect(Number.isSafeInteger(ms) && ms >= 0 && ms <= year).toBe(true);
      // One unit (a fraction allowed), or whole numbers of units largest first, each once.
      expect(text.trim()).toMatch(/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d)?|(?:\d+d)?(?:\d+h)?(?:\d+m(?!s))?(?:\d+s)?(?:\d+ms)?)$/);
    }
  }),

  'a duration in the grammar is its value in its unit, rounded (at least 1ms unless 0), or longer than a year': fuzz(1000, [durationText], ({text, value, unit}) => {
    const exact = value * unitMs[unit];
    const expected = exact > 0 ? Math.max(1, Math.round(exact)) : 0;
    const ms = parsed(text);
    if (expected > year) expect(ms).toMatch(/is longer than a year$/);
    else expect(ms).toBe(expected);
  }),

  'a compound is the sum of its parts, or longer than a year': fuzz(1000, [compoundDurationText], ({text, parts}) => {
    const expected = parts.reduce((sum, {unit, value}) => sum + value * unitMs[unit], 0);
    const ms = parsed(text);
    if (expected > year) expect(ms).toMatch(/is longer than a year$/);
    else expect(ms).toBe(expected);
  }),

  'a compound written out of order, with a unit twice, or with a fraction names what is wrong': fuzz(1000, [compoundDurationText, fc.constantFrom('swap', 'twice', 'fraction')], ({parts}, mistake) => {
    const spelled = parts.map(({unit, value}) => `${value}${unit}`);
    const text =
      mistake === 'swap' ? [spelled[1], spelled[0], ...spelled.slice(2)].join('') : mistake === 'twice' ? [...spelled, spelled.at(-1)].join('') : `${parts[0]!.value}.5${parts[0]!.unit}${spelled.slice(1).join('')}`;
    const why = {fraction: 'a fraction is for a single unit', swap: 'write the largest unit first', twice: 'is given twice'}[mistake];
    expect(parsed(text)).toContain(why);
  }),

  'a duration that is not zero never parses to 0, which means none': fuzz(1000, [durationText], ({text, value}) => {
    const ms = parsed(text);
    if (value > 0 && typeof ms === 'number') expect(ms).toBeGreaterThan(0);
  }),

  'formatting then parsing gives the milliseconds back': fuzz(1000, [fc.oneof(fc.integer({min: 0, max: year}), fc.constantFrom(0, 1, 999, 1000, 60_000, 3_600_000, 86_400_000, year, year - 1))], (ms) => {
    const text = formatDuration(ms);
    expect(text).toMatch(/^\d+(?:ms|s|m|h|d)$/);
    expect(parseDuration(text, '--timeout')).toBe(ms);
  }),

  'parsing is stable: what a duration parses to formats and parses to the same': fuzz(1000, [fc.oneof(durationJunk, durationText.map(({text}) => text))], (text) => {
    const ms = parsed(text);
    if (typeof ms === 'number') expect(parseDuration(formatDuration(ms), '--timeout')).toBe(ms);
  }),
});
