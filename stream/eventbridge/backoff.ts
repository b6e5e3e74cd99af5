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

export { backoffDelay, sleep } from '../timing.js';
