/** What `guard run` was asked to do, once its flags are parsed and checked. */
export interface RunRequest {
  command: string[];
  /** The audit database named by `--db`; otherwise GUARD_DB or the state folder. */
  db: string | undefined;
  dryRun: boolean;
  json: boolean;
  killAfterMs: number;
  leaveOrphans: boolean;
  lock: LockRequest | null;
  name: string;
  /** The policy file named by `--policy`; otherwise GUARD_POLICY or discovery. */
  policy: string | undefined;
  /** Hold the command's output (and guard's warnings); print them only if the run does not succeed. */
  quiet: boolean;
  reason: string | null;
  timeoutMs: number;
  /** Accept `confirm` rules without a prompt. */
  yes: boolean;
}

export interface LockRequest {
  /** The status when the lock stays busy (flock's -E). */
  conflictExitCode: number;
  name: string;
  waitMs: number;
}

/** Where and with what the command runs: given, never read from globals inside the pipeline. */
export interface RunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const defaultTailBytes = 64 * 1024;

// `--quiet` keeps this much of the output, both streams together, in memory; the rest goes
// to a private temporary file. Most cron jobs print far less, so they never touch the disk,
// and 1 MiB is small next to guard's own ~50 MB of resident memory.
export const heldMemoryBytes = 1024 * 1024;
