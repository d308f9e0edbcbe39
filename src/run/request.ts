import type {FleetConfig} from '../policy/fleet-settings.js';
import type {GivenSettings, ResolvedSettings, RetryOn} from '../policy/job-settings.js';

/** What `guard run` was asked to do, once its flags are parsed and checked. */
export interface RunRequest {
  command: string[];
  /** The status when the lock stays busy (flock's -E). */
  conflictExitCode: number;
  /** The audit database named by `--db`; otherwise GUARD_DB or the state folder. */
  db: string | undefined;
  dryRun: boolean;
  /** `--fleet` (true) or `--no-fleet` (false); undefined: as the policy says (jobs.NAME.fleet, then fleet.lock). */
  fleet: boolean | undefined;
  /** Keep the command in guard's session and terminal; only the command itself is signalled. */
  foreground: boolean;
  /** The settings the flags gave; the policy supplies the rest (see planRun). */
  given: GivenSettings;
  json: boolean;
  leaveOrphans: boolean;
  /** Where `--metrics-dir` writes the job's Prometheus textfile. */
  metricsDir: string | null;
  name: string;
  /** `--name` was given: a bare `--lock` is then named after the job. */
  named: boolean;
  /** The policy file named by `--policy`; otherwise GUARD_POLICY or discovery. */
  policy: string | undefined;
  reason: string | null;
  /** Accept `confirm` rules without a prompt. */
  yes: boolean;
}

export interface LockRequest {
  /** The status when the lock stays busy (flock's -E). */
  conflictExitCode: number;
  name: string;
  waitMs: number;
}

export interface RetryPlan {
  delayMs: number;
  on: RetryOn;
  /** Attempts after the first. */
  retries: number;
}

/** The run as it will happen: flags over the policy's job settings over guard's defaults. */
export interface RunPlan {
  captureBytes: number;
  /** The machine's fleet, or null when it is in none. */
  fleet: FleetConfig | null;
  /** Whether this run's lock is also taken in the fleet: a lock, a fleet, and neither --no-fleet, jobs.NAME.fleet: false nor fleet.lock: false. */
  fleetLock: boolean;
  killAfterMs: number;
  lock: LockRequest | null;
  ping: string | null;
  quiet: boolean;
  retry: RetryPlan;
  settings: ResolvedSettings;
  timeoutMs: number;
}

/** Where and with what the command runs: given, never read from globals inside the pipeline. */
export interface RunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

// `--quiet` keeps this much of the output, both streams together, in memory; the rest goes
// to a private temporary file. Most cron jobs print far less, so they never touch the disk,
// and 1 MiB is small next to guard's own ~50 MB of resident memory.
export const heldMemoryBytes = 1024 * 1024;
