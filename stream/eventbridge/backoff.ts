/** Exponential backoff with full jitter, bounded. */
export interface BackoffPolicy {
  /** Total attempts, the first one included. */
  readonly maxAttempts: number;
  /** Delay ceiling before the second attempt, in ms; doubles with each attempt. */
  readonly baseDelayMs: number;
  /** Largest delay ceiling, in ms. */
  readonly maxDelayMs: number;
}

/** Defaults sized for Kinesis throttling: at most 10 attempts over about 20 s in the worst case. */
export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 5_000 };

/** Delay before the attempt after `attempt` (1-based): uniform in [0, min(max, base·2^(attempt−1))). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Waits `ms`, or less when the signal aborts (it resolves then, never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
