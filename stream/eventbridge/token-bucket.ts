import { sleep } from './backoff.js';

/** Clock and timer seams of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Most tokens held, i.e. the largest burst (default: one second of tokens, at least 1). */
  readonly capacity?: number;
  /** Milliseconds clock (default `performance.now`). */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A token bucket: a ceiling of `ratePerSecond` events per second on average, with bursts up to `capacity`. */
export class TokenBucket {
  /** Most tokens one {@link take} may ask for. */
  readonly capacity: number;
  private readonly ratePerMs: number;
  private readonly now: () => number;
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  private tokens: number;
  private updated: number;

  constructor(ratePerSecond: number, options: TokenBucketOptions = {}) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond))
      throw new RangeError('rate must be a positive number');
    this.capacity = options.capacity ?? Math.max(1, Math.floor(ratePerSecond));
    this.ratePerMs = ratePerSecond / 1000;
    this.now = options.now ?? (() => performance.now());
    this.wait = options.sleep ?? sleep;
    this.tokens = this.capacity;
    this.updated = this.now();
  }

  /** Waits until `count` tokens (at most the capacity) are available and takes them; returns early on abort. */
  async take(count: number, signal?: AbortSignal): Promise<void> {
    if (count > this.capacity)
      throw new RangeError(`cannot take ${count} tokens from a bucket of ${this.capacity}`);
    for (;;) {
      this.refill();
      if (this.tokens >= count) {
        this.tokens -= count;
        return;
      }
      if (signal?.aborted) return;
      await this.wait(Math.ceil((count - this.tokens) / this.ratePerMs), signal);
    }
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updated) * this.ratePerMs);
    this.updated = now;
  }
}
