// The settings a run goes by, from four places in rising order: guard's built-in
// defaults, the policy's `audit.captureBytes` and `defaults`, the policy's `jobs.NAME`
// (for `guard run --name NAME`), and the flags. A flag wins, except over a setting the
// policy marks `fixed` for the job: a crontab line cannot quietly loosen what a reviewed
// policy pinned, so a flag that disagrees with a fixed value is a usage error.
import {formatDuration} from '../duration.js';
import {UsageError} from '../errors.js';
import type {JobSettingName} from './schema.js';
import type {PolicySettings, Sourced} from './settings-types.js';

export type RetryOn = Array<number | 'timeout'>;

/** Every setting with a definite value: durations in milliseconds, sizes in bytes. */
export interface JobSettingValues {
  captureBytes: number;
  /** Whether the job's lock is also the fleet's: null as the policy's `fleet.lock` says, false for this host alone. */
  fleet: boolean | null;
  killAfter: number;
  /** `true`: the job's lock, named as `--lock` with no name would name it. */
  lock: boolean | string;
  lockWait: number;
  ping: string | null;
  quiet: boolean;
  reasonRequired: boolean;
  retries: number;
  retryDelay: number;
  /** Empty: any failure of the command itself (see retryable in src/run/retry.ts). */
  retryOn: RetryOn;
  timeout: number;
}

/** What the flags asked for; absent when the flag was not given. */
export type GivenSettings = Partial<JobSettingValues>;

/** Where a value came from: `built-in`, `flag --timeout`, or `jobs.backup in /etc/guard/policy.yaml`. */
export type SettingSources = Record<JobSettingName, string>;

export interface ResolvedSettings {
  sources: SettingSources;
  values: JobSettingValues;
}

export const builtinSettings: JobSettingValues = {
  captureBytes: 64 * 1024,
  fleet: null,
  killAfter: 10_000,
  lock: false,
  lockWait: 0,
  ping: null,
  quiet: false,
  reasonRequired: false,
  retries: 0,
  retryDelay: 1000,
  retryOn: [],
  timeout: 0,
};

/** The flag that sets each setting, for messages. */
export const settingFlags: Record<JobSettingName, string> = {
  captureBytes: '(no flag)',
  fleet: '--fleet/--no-fleet',
  killAfter: '--kill-after',
  lock: '--lock/--no-lock',
  lockWait: '--lock-wait',
  ping: '--ping',
  quiet: '--quiet',
  reasonRequired: '--reason',
  retries: '--retries',
  retryDelay: '--retry-delay',
  retryOn: '--retry-on',
  timeout: '--timeout',
};

const durations = new Set<JobSettingName>(['killAfter', 'lockWait', 'retryDelay', 'timeout']);

/** The shortest exact spelling of a size, as the policy writes it: 64KiB, 1MiB, 100B. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }

  return `${bytes}B`;
}

function shown(name: JobSettingName, value: unknown): string {
  if (name === 'fleet' && value === null) return 'as fleet.lock says';
  if (value === null) return '(none)';
  if (name === 'retryOn' && Array.isArray(value) && value.length === 0) return 'any failure';
  if (typeof value === 'number' && durations.has(name)) return value === 0 ? '0' : formatDuration(value);
  if (typeof value === 'number' && name === 'captureBytes') return formatBytes(value);
  return Array.isArray(value) ? value.join(',') : String(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The settings for a run of job `name`. Throws UsageError when a flag disagrees with a
 * setting the policy fixed for the job, naming the flag, the value and the policy file.
 */
export function resolveJobSettings(name: string, given: GivenSettings, policy: PolicySettings): ResolvedSettings {
  const values = {...builtinSettings};
  const sources = Object.fromEntries(Object.keys(builtinSettings).map((key) => [key, 'built-in'])) as SettingSources;
  const take = (key: JobSettingName, sourced: Sourced<unknown> | undefined, where: string) => {
    if (sourced === undefined) return;
    (values as Record<string, unknown>)[key] = sourced.value;
    sources[key] = `${where} in ${sourced.source}`;
  };

  take('captureBytes', policy.audit.captureBytes, 'audit.captureBytes');
  for (const [key, sourced] of Object.entries(policy.defaults)) take(key as JobSettingName, sourced, `defaults.${key}`);
  const job = policy.jobs[name];
  const {fixed = [], ...jobValues} = job ?? {};
  for (const [key, sourced] of Object.entries(jobValues)) take(key as JobSettingName, sourced as Sourced<unknown>, `jobs.${name}.${key}`);

  const pinned = new Map(fixed.map((item) => [item.value, item.source]));
  for (const [key, value] of Object.entries(given) as Array<[JobSettingName, unknown]>) {
    if (value === undefined) continue;
    const fixedBy = pinned.get(key);
    if (fixedBy !== undefined) {
      if (same(values[key], value)) continue;
      throw new UsageError(
        `${settingFlags[key]} ${shown(key, value)}: job ${name} has ${key} fixed at ${shown(key, values[key])} by ${fixedBy}; run it without the flag`,
      );
    }

    (values as Record<string, unknown>)[key] = value;
    sources[key] = `flag ${settingFlags[key]}`;
  }

  return {sources, values};
}

/** The settings as `policy show --name` prints them: name, value, source. */
export function describeSettings(resolved: ResolvedSettings): Array<[string, string, string]> {
  return (Object.keys(resolved.values) as JobSettingName[]).map((key) => [key, shown(key, resolved.values[key]), resolved.sources[key]]);
}
