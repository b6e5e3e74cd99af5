/**
 * An in-memory {@link ItemTable} with DynamoDB's conditional-put semantics, for pure tests of the apply logic and
 * for measuring it without DynamoDB. Not a store: items are deep-copied in and out like over the wire.
 */
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import { mergeUsage } from '../../core/usage/merge-usage.js';
import type { PrincipalSummary } from '../../core/usage/principal-summary.js';
import type { ItemTable } from './dynamo-io.js';
import { type Attributes, fromAttributes, itemEntries, itemSummaries } from './item.js';
import { mergeStoredSummaries, type StoredSummary, toPrincipalSummary } from './summary.js';

/** A Map-backed item table; `beforePut` may throw to inject a failure before an item is stored. */
export class MemoryItemTable implements ItemTable {
  readonly items = new Map<string, Attributes>();
  puts = 0;
  beforePut: (item: Attributes) => void = () => {};

  /** @param copy deep-copy items in and out, like the wire does (off only to time the apply logic alone). */
  constructor(private readonly copy = true) {}

  async read(keys: readonly string[]): Promise<Map<string, Attributes>> {
    const out = new Map<string, Attributes>();
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) out.set(key, this.copy ? structuredClone(item) : item);
    }
    return out;
  }

  async put(item: Attributes, expectedVersion: number | undefined): Promise<void> {
    this.puts++;
    this.beforePut(item);
    const key = item.pk?.S ?? '';
    const stored = this.items.get(key);
    const holds = expectedVersion === undefined ? !stored : stored?.v?.N === String(expectedVersion);
    if (!holds)
      throw Object.assign(new Error('condition'), { name: 'ConditionalCheckFailedException', $metadata: {} });
    this.items.set(key, this.copy ? structuredClone(item) : item);
  }

  /** Every aggregate stored, merged across buckets, in core order. */
  usage(): UsageAggregate[] {
    return mergeUsage(
      ...[...this.items.values()].map((raw) => [...itemEntries(fromAttributes(raw)).values()]),
    );
  }

  /** Every principal's totals, merged, ordered by ARN. */
  summaries(): PrincipalSummary[] {
    const byArn = new Map<string, StoredSummary>();
    for (const raw of this.items.values())
      for (const summary of itemSummaries(fromAttributes(raw)).values()) {
        const seen = byArn.get(summary.arn);
        byArn.set(summary.arn, seen ? mergeStoredSummaries(seen, summary) : summary);
      }
    return [...byArn.values()].sort((a, b) => (a.arn < b.arn ? -1 : 1)).map(toPrincipalSummary);
  }

  /** Aggregate keys stored in more than one bucket of a group-day (routing says: never). */
  keysInSeveralBuckets(): string[] {
    const seen = new Map<string, number>();
    for (const raw of this.items.values()) {
      const item = fromAttributes(raw);
      for (const key of itemEntries(item).keys()) {
        const id = `${item.gid} ${item.day} ${key}`;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    }
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  }
}
