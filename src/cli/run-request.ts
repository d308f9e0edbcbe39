import {basename} from 'node:path';
import {parseDuration} from '../duration.js';
import {UsageError} from '../errors.js';
import {checkPingUrl} from '../monitor/ping-target.js';
import {parseExitCodes} from '../policy/exit-codes.js';
import type {GivenSettings} from '../policy/job-settings.js';
import type {RunRequest} from '../run/request.js';
import {splitArgv} from './argv.js';
import {runFlags} from './run-flags.js';

type RunFlagName = keyof typeof runFlags;

/** `guard run` argv to a checked request, or `help` when the caller asked for it. */
export function parseRunArgv(words: readonly string[]): RunRequest | 'help' {
  const {command, flags, help} = splitArgv(words, runFlags);
  if (help) return 'help';
  const text = (name: RunFlagName) => {
    const value = flags.get(name) ?? (runFlags[name] as {default?: string}).default;
    return typeof value === 'string' ? value : undefined;
  };

  const duration = (name: RunFlagName) => {
    const value = text(name);
    return value === undefined ? undefined : parseDuration(value, `--${name}`);
  };

  const name = text('name') ?? basename(command[0]!);
  if (flags.has('lock') && flags.has('no-lock')) throw new UsageError('--lock and --no-lock cannot both be given');
  if (flags.has('fleet') && flags.has('no-fleet')) throw new UsageError('--fleet and --no-fleet cannot both be given');
  const fleet = flags.has('fleet') ? true : flags.has('no-fleet') ? false : undefined;
  if (name.trim() === '' || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new UsageError(`--name: '${name}' is not a job name (it must be printable and not empty)`);
  }

  const conflict = text('conflict-exit-code')!;
  if (!/^\d{1,3}$/.test(conflict) || Number(conflict) > 255) {
    throw new UsageError(`--conflict-exit-code: '${conflict}' is not an exit status (0-255)`);
  }

  const lock = flags.get('lock');
  const given: GivenSettings = {
    fleet,
    killAfter: duration('kill-after'),
    lock: flags.has('no-lock') ? false : lock,
    lockWait: duration('lock-wait'),
    ping: ping(text('ping')),
    quiet: flags.has('quiet') || undefined,
    retries: retries(text('retries')),
    retryDelay: duration('retry-delay'),
    retryOn: retryOn(text('retry-on')),
    timeout: duration('timeout'),
  };

  return {
    command,
    conflictExitCode: Number(conflict),
    db: text('db'),
    dryRun: flags.has('dry-run'),
    fleet,
    foreground: flags.has('foreground'),
    given: Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    json: flags.has('json'),
    leaveOrphans: flags.has('leave-orphans'),
    metricsDir: metricsDir(text('metrics-dir')),
    name,
    named: flags.has('name'),
    policy: text('policy'),
    reason: text('reason') ?? null,
    yes: flags.has('yes'),
  };
}

function retries(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100) throw new UsageError(`--retries: '${value}' is not a number of retries (0-100)`);
  return Number(value);
}

function retryOn(value: string | undefined): GivenSettings['retryOn'] {
  if (value === undefined) return undefined;
  const parsed = parseExitCodes(value.split(','));
  if ('bad' in parsed) throw new UsageError(`--retry-on: '${parsed.bad}' is neither an exit status (0-255) nor "timeout"`);
  return parsed.codes;
}

function ping(value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkPingUrl(value).href;
}

function metricsDir(dir: string | undefined): string | null {
  if (dir === undefined) return null;
  if (dir === '') throw new UsageError('--metrics-dir: the folder is an empty word');
  return dir;
}
