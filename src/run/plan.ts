import {UsageError} from '../errors.js';
import {argvLockName, checkLockName} from '../lock/index.js';
import {resolveJobSettings} from '../policy/job-settings.js';
import type {PolicySettings} from '../policy/merge-settings.js';
import type {RunPlan, RunRequest} from './request.js';

/**
 * The run as it will happen, from the flags and the policy's `defaults` and `jobs.NAME`.
 * Throws UsageError for a flag the policy fixed otherwise, `--lock-wait` with no lock,
 * or a job whose policy requires `--reason` run without one.
 */
export function planRun(request: RunRequest, policy: PolicySettings): RunPlan {
  const settings = resolveJobSettings(request.name, request.given, policy);
  const {values, sources} = settings;
  if (values.reasonRequired && request.reason === null) {
    throw new UsageError(`--reason: job ${request.name} needs a reason (a ticket, an incident): ${sources.reasonRequired}`);
  }

  if (request.foreground && values.quiet) {
    throw new UsageError(`--foreground: the output goes to the terminal, so it cannot be held as --quiet asks (${sources.quiet})`);
  }

  const lockName = values.lock === false ? null : values.lock === true ? (request.named ? request.name : argvLockName(request.command)) : values.lock;
  if (lockName === null && request.given.lockWait !== undefined) throw new UsageError('--lock-wait needs a lock (--lock, or one from the policy)');
  return {
    captureBytes: values.captureBytes,
    killAfterMs: values.killAfter,
    lock: lockName === null ? null : {conflictExitCode: request.conflictExitCode, name: checkLockName(lockName), waitMs: values.lockWait},
    ping: values.ping,
    quiet: values.quiet,
    retry: {delayMs: values.retryDelay, on: values.retryOn, retries: values.retries},
    settings,
    timeoutMs: values.timeout,
  };
}
