// setTimeout fires at once for delays past 2^31-1 ms (about 24.8 days): chain shorter ones.
const longestDelay = 2_147_483_647;

export interface Timer {
  cancel(): void;
}

/** A timer on the monotonic clock for any delay, so a wall-clock jump never moves a timeout. */
export function startTimer(delayMs: number, fire: () => void): Timer {
  let handle: NodeJS.Timeout;
  const arm = (remaining: number) => {
    handle = setTimeout(() => (remaining > longestDelay ? arm(remaining - longestDelay) : fire()), Math.min(remaining, longestDelay));
  };

  arm(delayMs);
  return {cancel: () => clearTimeout(handle)};
}
