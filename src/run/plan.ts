import {UsageError} from '../errors.js';
import {argvLockName, checkLockName} from '../lock/index.js';
import type {FleetConfig} from '../policy/fleet-settings.js';
import {resolveJobSettings} from '../policy/job-settings.js';
import type {PolicySettings} from '../policy/settings-types.js';
import {PolicyError} from '../policy/schema-errors.js';
import type {RunPlan, RunRequest} from './request.js';

/**
 * The run as it will happen, from the flags, the policy's `defaults` and `jobs.NAME`, and
 * the machine's fleet (fleetSettings). Throws UsageError for a flag the policy fixed
 * otherwise, `--lock-wait` or `--fleet` with no lock, or a job whose policy requires
 * `--reason` run without one; PolicyError for `--fleet` on a machine in no fleet.
 */
export function planRun(request: RunRequest, policy: PolicySettings, fleet: FleetConfig | null = null): RunPlan {
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
  if (request.fleet === true) {
    if (lockName === null) throw new UsageError('--fleet needs a lock (--lock, or one from the policy)');
    if (fleet === null) throw new PolicyError('--fleet: no fleet is configured (fleet.url in the system or user policy, or GUARD_FLEET_URL)');
  }

  return {
    captureBytes: values.captureBytes,
    fleet,
    fleetLock: lockName !== null && fleet !== null && (values.fleet ?? fleet.lock),
    killAfterMs: values.killAfter,
    lock: lockName === null ? null : {conflictExitCode: request.conflictExitCode, name: checkLockName(lockName), waitMs: values.lockWait},
    ping: values.ping,
    quiet: values.quiet,
    retry: {delayMs: values.retryDelay, on: values.retryOn, retries: values.retries},
    settings,
    timeoutMs: values.timeout,
  };
}
