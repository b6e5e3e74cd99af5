/** Runs a task every interval, backing off exponentially while the API is unreachable and pausing in hidden tabs. */

/** What one poll found: data (or a 304), an unreachable or failing API, or a rejected token. */
export type PollOutcome = 'ok' | 'unavailable' | 'unauthorized';

/** The connection as the header shows it. */
export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'live'; lastSuccess: Date }
  | { kind: 'retrying'; lastSuccess: Date | null; retryAt: number; attempt: number }
  | { kind: 'unauthorized' };

const MAX_BACKOFF_MS = 30_000;

/** Computes the wait before retry number `attempt` (1-based): interval × 2^attempt, capped at 30 s. */
export function backoffDelay(intervalMs: number, attempt: number): number {
  return Math.min(intervalMs * 2 ** attempt, MAX_BACKOFF_MS);
}

/** A self-scheduling poll loop; a tick never overlaps the previous one. */
export class Poller {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #again = false;
  #stopped = true;
  #failures = 0;
  #lastSuccess: Date | null = null;
  readonly #onVisibility = (): void => {
    if (document.hidden) this.#clear();
    else if (!this.#stopped && !this.#running) this.#schedule(0);
  };

  constructor(
    private readonly task: () => Promise<PollOutcome>,
    private readonly intervalMs: number,
    private readonly onState: (state: ConnectionState) => void,
  ) {}

  /** False once stopped: a tick that finishes after its page is gone must not act on the app. */
  get active(): boolean {
    return !this.#stopped;
  }

  /** Starts polling now. */
  start(): void {
    this.#stopped = false;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#schedule(0);
  }

  /** Stops polling for good (the view is gone). */
  stop(): void {
    this.#stopped = true;
    this.#clear();
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  /** Polls now instead of waiting (after a filter change or a manual refresh). */
  pollNow(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else this.#schedule(0);
  }

  #clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    this.#clear();
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    this.#running = true;
    const outcome = await this.task().catch((): PollOutcome => 'unavailable');
    this.#running = false;
    if (this.#stopped) return;
    if (this.#again) {
      this.#again = false;
      this.#schedule(0);
      return;
    }
    if (outcome === 'unauthorized') {
      this.onState({ kind: 'unauthorized' });
      return;
    }
    if (outcome === 'ok') {
      this.#failures = 0;
      this.#lastSuccess = new Date();
      this.onState({ kind: 'live', lastSuccess: this.#lastSuccess });
      if (!document.hidden) this.#schedule(this.intervalMs);
      return;
    }
    this.#failures += 1;
    const delay = backoffDelay(this.intervalMs, this.#failures);
    this.onState({
      kind: 'retrying',
      lastSuccess: this.#lastSuccess,
      retryAt: Date.now() + delay,
      attempt: this.#failures,
    });
    this.#schedule(delay);
  }
}
