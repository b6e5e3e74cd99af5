/**
 * A value loaded from the store and refreshed in the background: readers get the last value at once while it is
 * younger than `maxStaleMs`, and one refresh runs when it is older than `refreshMs` (concurrent readers share it).
 * Only the very first read, or a read after the value went stale, waits for the store.
 */
export class RefreshingValue<T> {
  private value: { readonly data: T; readonly at: number } | undefined;
  private loading: Promise<{ readonly data: T; readonly at: number }> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly options: {
      readonly refreshMs: number;
      readonly maxStaleMs: number;
      readonly now: () => number;
    },
  ) {}

  /** The value and when it was loaded (epoch ms). */
  async get(): Promise<{ readonly data: T; readonly at: number }> {
    const now = this.options.now();
    const current = this.value;
    if (current && now - current.at < this.options.refreshMs) return current;
    const refresh = this.refresh();
    if (current && now - current.at < this.options.maxStaleMs) {
      // A failed background refresh is retried by the next reader; this one is served the last value.
      refresh.catch(() => undefined);
      return current;
    }
    return refresh;
  }

  /** Forgets the value, so the next read loads it again. */
  invalidate(): void {
    this.value = undefined;
  }

  private refresh(): Promise<{ readonly data: T; readonly at: number }> {
    if (!this.loading) {
      const started = this.options.now();
      this.loading = this.load()
        .then((data) => {
          this.value = { data, at: started };
          return this.value;
        })
        .finally(() => {
          this.loading = undefined;
        });
    }
    return this.loading;
  }
}

/** A small least-recently-used map with a fixed capacity. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value of a key (marking it recently used), or undefined. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores a value, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Removes a key. */
  delete(key: K): void {
    this.entries.delete(key);
  }
}
