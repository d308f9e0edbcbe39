// With IMMEDIATE transactions the busy timeout covers almost every wait, but SQLite still
// answers SQLITE_BUSY at once in a few cases (WAL recovery, a connection closing, a
// journal-mode switch): those are retried with jitter, within the same overall budget.
export const busyBudgetMs = 5000;

const pause = new Int32Array(new SharedArrayBuffer(4));

function isBusy(error: unknown): boolean {
  const code = (error as {code?: unknown} | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Runs `work`, again after a short random pause when SQLite is busy, until the budget is spent. */
export function retryBusy<T>(work: () => T): T {
  const deadline = Date.now() + busyBudgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.random() * Math.min(100, 5 * 2 ** attempt));
    }
  }
}
