/** Options of a {@link SingleFlightCache}. */
export interface SingleFlightCacheOptions {
  /** How long a loaded value is served, from when its load finished. */
  readonly ttlMs: number;
  /** Epoch-ms clock. */
  readonly now: () => number;
  /** Entries kept at most; the least recently loaded go first. */
  readonly maxEntries: number;
}

interface Entry<V> {
  readonly promise: Promise<V>;
  expiresAt: number;
}

/**
 * A TTL cache of asynchronous loads in which concurrent requests for one key share a single load; failed loads
 * are not cached, so the next request tries again.
 */
export class SingleFlightCache<V> {
  readonly #options: SingleFlightCacheOptions;
  readonly #entries = new Map<string, Entry<V>>();

  constructor(options: SingleFlightCacheOptions) {
    this.#options = options;
  }

  /** The cached or in-flight value of `key`, or the result of a new `load()`. */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const existing = this.#entries.get(key);
    if (existing !== undefined && this.#options.now() < existing.expiresAt) return existing.promise;
    this.#entries.delete(key);
    // Pending entries never expire: a slow load is shared, not duplicated.
    const entry: Entry<V> = { promise: Promise.resolve().then(load), expiresAt: Number.POSITIVE_INFINITY };
    this.#entries.set(key, entry);
    this.#evict();
    entry.promise.then(
      () => {
        entry.expiresAt = this.#options.now() + this.#options.ttlMs;
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return entry.promise;
  }

  /** Number of entries held, loaded or in flight. */
  get size(): number {
    return this.#entries.size;
  }

  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#options.maxEntries) return;
      this.#entries.delete(key);
    }
  }
}
