import {basename} from 'node:path';
import {parseDuration} from '../duration.js';
import {UsageError} from '../errors.js';
import {argvLockName, checkLockName} from '../lock/index.js';
import type {LockRequest, RunRequest} from '../run/request.js';
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
    return value === undefined ? 0 : parseDuration(value, `--${name}`);
  };

  const name = text('name') ?? basename(command[0]!);
  if (flags.has('lock') && flags.has('no-lock')) throw new UsageError('--lock and --no-lock cannot both be given');
  if (flags.has('lock-wait') && !flags.has('lock')) throw new UsageError('--lock-wait needs --lock');
  if (name.trim() === '' || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new UsageError(`--name: '${name}' is not a job name (it must be printable and not empty)`);
  }

  return {
    command,
    lock: lockRequest(flags, name, command, duration('lock-wait'), text('conflict-exit-code')!),
    db: text('db'),
    dryRun: flags.has('dry-run'),
    json: flags.has('json'),
    killAfterMs: duration('kill-after'),
    leaveOrphans: flags.has('leave-orphans'),
    name,
    policy: text('policy'),
    quiet: flags.has('quiet'),
    reason: text('reason') ?? null,
    timeoutMs: duration('timeout'),
    yes: flags.has('yes'),
  };
}

function lockRequest(flags: Map<string, string | true>, name: string, command: string[], waitMs: number, conflict: string): LockRequest | null {
  const lock = flags.get('lock');
  if (lock === undefined) return null;
  const conflictExitCode = Number(conflict);
  if (!/^\d{1,3}$/.test(conflict) || conflictExitCode > 255) {
    throw new UsageError(`--conflict-exit-code: '${conflict}' is not an exit status (0-255)`);
  }

  const lockName = lock === true ? (flags.has('name') ? name : argvLockName(command)) : lock;
  return {conflictExitCode, name: checkLockName(lockName), waitMs};
}
