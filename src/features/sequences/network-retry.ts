/** Tries a step gets while each fails with a network error; after the last it is settled as failed. */
export const networkAttempts = 5;

/** How long after its `failures`-th network failure a step is tried again: 1, 4, 16, 64 minutes. */
export function networkRetryDelayMs(failures: number): number {
  return 60_000 * 4 ** Math.max(0, failures - 1);
}
