// Bounded retries: which endings deserve another attempt, and how long to wait first.
// Only a failure of the command itself is retried; never a refusal, a busy lock, a usage
// error, a signal sent to guard, or a program that is missing or not executable (126/127
// will not fix themselves).
import {exitStatus} from '../exit-status.js';
import type {RetryPlan} from './request.js';
import type {Exit} from './exit.js';

/** Whether an attempt that ended so should be run again under `plan` (attempts left aside). */
export function retryable(exit: Exit, on: RetryPlan['on']): boolean {
  if (exit.status === 'timed_out') return on.length === 0 || on.includes('timeout');
  if (exit.status !== 'failed' && exit.status !== 'killed') return false;
  if (exit.exitCode === exitStatus.notFound || exit.exitCode === exitStatus.notExecutable) {
    // A script may exit 126/127 itself; only guard's own spawn failure is never retried.
    if (exit.problem !== null) return false;
  }

  return on.length === 0 || on.includes(exit.exitCode);
}

// A backoff that grows without bound turns a retry into a hang.
const longestWaitMs = 3_600_000;

/**
 * The wait before retry number `retry` (1, 2, ...): "full jitter", a uniform draw from 0 up
 * to the exponential step (delay, 2×delay, 4×delay ...), capped at 64× the delay or an hour.
 * Jitter keeps a fleet of cron jobs that failed together from retrying together.
 */
export function backoffMs(retry: number, delayMs: number, random: () => number = Math.random): number {
  const step = Math.min(delayMs * 2 ** Math.min(retry - 1, 6), longestWaitMs);
  return Math.round(random() * step);
}
