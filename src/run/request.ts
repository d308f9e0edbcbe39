/** What `guard run` was asked to do, once its flags are parsed and checked. */
export interface RunRequest {
  command: string[];
  /** The audit database named by `--db`; otherwise GUARD_DB or the state folder. */
  db: string | undefined;
  json: boolean;
  killAfterMs: number;
  leaveOrphans: boolean;
  lock: LockRequest | null;
  name: string;
  reason: string | null;
  timeoutMs: number;
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
