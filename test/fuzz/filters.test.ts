// The filters and names users type: --since/--until/--older-than, --status, --limit and ID,
// lock names, job names (--name and the policy's jobs), exit-code lists (retryOn), and the
// `guard run` flags around them. Only UsageError (or PolicyInvalid for a policy) escapes,
// and what is accepted means what it says.
import fc from 'fast-check';
import {expect} from 'vitest';
import {runStatuses} from '../../src/audit/row.js';
import {parseRunArgv} from '../../src/cli/run-request.js';
import {planRun} from '../../src/run/plan.js';
import {parseMoment, parsePositiveInteger, parseStatus} from '../../src/cli/query-flags.js';
import {UsageError} from '../../src/errors.js';
import {argvLockName, checkLockName} from '../../src/lock/name.js';
import {SettingsMerge} from '../../src/policy/merge-settings.js';
import {PolicyInvalid} from '../../src/policy/schema-errors.js';
import {parsePolicyFile} from '../../src/policy/schema.js';
import {durationJunk, durationText, isoMoment, nameText} from './arbitraries.js';
import {fuzz, fuzzTarget} from './harness.js';

const now = Date.UTC(2026, 5, 15, 12, 0, 0);

/** The value, or undefined after checking the error is a UsageError naming the flag. */
function accepted<T>(flag: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(flag);
    return undefined;
  }
}

// Not Date.UTC: it reads years 0-99 as 1900-1999.
function days(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

const runFlagWords = fc.array(
  fc.oneof(
    fc.constantFrom('--lock', '--no-lock', '--name', '--timeout', '--kill-after', '--lock-wait', '--conflict-exit-code', '--dry-run', '--json', '--yes', '--', '-h', '-x', '--bogus', '--timeout=5s', '--lock=', '--name=', '--json=1', '--retries', '--retry-delay', '--retry-on', '--quiet', '--foreground', '--ping', '--metrics-dir', '--retry-on=timeout,75', '--ping=http://h/x'),
    nameText,
    durationText.map(({text}) => text),
    fc.constantFrom('sh', '-c', 'true', '0', '255', '256', '-1', '075'),
  ),
  {maxLength: 8},
);

const exitCodeItem = fc.oneof(fc.integer({min: -5, max: 300}), fc.double(), fc.constantFrom('timeout', 'Timeout', ' 3', '3 ', '', ' ', '0x10', '1e2', '-0', '+5', '0b11', '07', '255', '256', '1.0', 'NaN'), fc.string({maxLength: 5}));

fuzzTarget('filters', {
  '--since/--until: a duration ago, a real ISO moment, or a UsageError': fuzz(1000, [fc.oneof(durationJunk, durationText.map(({text}) => text), isoMoment.map(({text}) => text), fc.string({maxLength: 30}))], (text) => {
    const moment = accepted('--since', () => parseMoment(text, '--since', now));
    if (moment === undefined) return;
    expect(new Date(moment).toISOString()).toBe(moment);
    expect(parseMoment(moment, '--since', now)).toBe(moment);
  }),

  'an ISO moment is accepted only when that day and time exist, and then means them': fuzz(1000, [isoMoment], ({text, year, month, day, hour, minute, second, ms, zone}) => {
    const moment = accepted('--since', () => parseMoment(text, '--since', now));
    // A zone belongs to a time: `2026-01-31Z` is no ISO date, and is refused.
    const exists = (zone === undefined || /[T ]/.test(text)) && month >= 1 && month <= 12 && day >= 1 && day <= days(year, month) && hour <= 23 && minute <= 59 && second <= 59;
    const offset = zone === undefined || zone === 'Z' ? 0 : /^[+-](\d\d):(\d\d)$/.exec(zone) && Number(zone.slice(1, 3)) <= 23 && Number(zone.slice(4)) <= 59 ? (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4))) : undefined;
    if (!exists || offset === undefined) {
      expect(moment).toBeUndefined();
      return;
    }

    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    utc.setUTCHours(hour, minute - offset, second, ms);
    expect(moment).toBe(utc.toISOString());
  }),

  '--status, --limit and ID: accepted exactly when valid': fuzz(1000, [fc.oneof(fc.constantFrom(...runStatuses), fc.string({maxLength: 12}), fc.stringMatching(/^\d{1,20}$/), fc.constantFrom('0', '-1', '1e3', ' 5', '5 ', '+5', '9007199254740991', '9007199254740992', '０'))], (text) => {
    const status = accepted('--status', () => parseStatus(text, '--status'));
    expect(status !== undefined).toBe((runStatuses as readonly string[]).includes(text));
    const limit = accepted('--limit', () => parsePositiveInteger(text, '--limit'));
    expect(limit !== undefined).toBe(/^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text)));
    if (limit !== undefined) expect(limit).toBe(Number(text));
  }),

  'a lock name is accepted only as a plain file name, and kept as given': fuzz(1000, [nameText], (name) => {
    const checked = accepted('--lock', () => checkLockName(name));
    if (checked === undefined) return;
    expect(checked).toBe(name);
    expect(name.length).toBeGreaterThanOrEqual(1);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name.startsWith('.')).toBe(false);
    expect(name).not.toMatch(/[/\\\u0000-\u001f\s]/);
  }),

  "a job name in a policy follows the lock-name grammar exactly (a job's lock is named after it)": fuzz(1000, [nameText], (name) => {
    let policyAccepts = true;
    try {
      parsePolicyFile({jobs: {[name]: {}}}, 'policy.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyInvalid);
      policyAccepts = false;
    }

    expect(policyAccepts).toBe(accepted('--lock', () => checkLockName(name)) !== undefined);
  }),

  "an argv's lock name is always a valid lock name, the same for the same argv": fuzz(1000, [fc.array(fc.string({maxLength: 12}), {minLength: 1, maxLength: 5})], (argv) => {
    const name = argvLockName(argv);
    expect(checkLockName(name)).toBe(name);
    expect(argvLockName([...argv])).toBe(name);
  }),

  'guard run flags: a checked request or a UsageError, never a bad name, lock or status': fuzz(1000, [runFlagWords, fc.array(fc.string({maxLength: 8}), {maxLength: 2})], (words, command) => {
    const request = accepted('', () => parseRunArgv([...words, '--', 'true', ...command]));
    if (request === undefined || request === 'help') return;
    expect(request.name.trim()).not.toBe('');
    expect(request.name).not.toMatch(/[\u0000-\u001f\u007f]/);
    // With no policy, the flags alone decide the plan.
    const plan = accepted('', () => planRun(request, new SettingsMerge().settings));
    if (plan === undefined) return;
    if (plan.lock) {
      expect(checkLockName(plan.lock.name)).toBe(plan.lock.name);
      expect(Number.isInteger(plan.lock.conflictExitCode) && plan.lock.conflictExitCode >= 0 && plan.lock.conflictExitCode <= 255).toBe(true);
    }

    for (const ms of [plan.timeoutMs, plan.killAfterMs, plan.retry.delayMs, plan.lock?.waitMs ?? 0]) expect(Number.isSafeInteger(ms) && ms >= 0).toBe(true);
    expect(Number.isInteger(plan.retry.retries) && plan.retry.retries >= 0 && plan.retry.retries <= 100).toBe(true);
  }),

  'an exit-code list (retryOn) is codes 0-255 spelled in decimal and "timeout", as a list or a string': fuzz(1000, [fc.oneof(fc.array(exitCodeItem, {maxLength: 4}), fc.array(exitCodeItem, {minLength: 1, maxLength: 4}).map((items) => items.join(',')), fc.string({maxLength: 12}))], (value) => {
    let codes: Array<number | 'timeout'> | undefined;
    try {
      codes = parsePolicyFile({defaults: {retryOn: value}}, 'policy.yaml').defaults!.retryOn!;
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyInvalid);
    }

    const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : (value as unknown[]);
    const valid = (item: unknown) => item === 'timeout' || (typeof item === 'number' && Number.isInteger(item) && item >= 0 && item <= 255) || (typeof item === 'string' && /^\d{1,3}$/.test(item.trim()) && Number(item) <= 255);
    expect(codes !== undefined).toBe(items.every(valid));
    // -0 is exit code 0 (a YAML `-0` is a number): `+ 0` makes it so for the comparison.
    if (codes) expect(codes).toEqual(items.map((item) => (item === 'timeout' ? item : Number(item) + 0)));
  }),
});
