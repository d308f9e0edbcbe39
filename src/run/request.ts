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
  /** Where `--metrics-dir` writes the job's Prometheus textfile. */
  metricsDir: string | null;
  name: string;
  /** The `--ping` URL, checked (http or https). */
  ping: string | null;
  /** The policy file named by `--policy`; otherwise GUARD_POLICY or discovery. */
  policy: string | undefined;
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
