import type { ItemTable } from './dynamo-io.js';
import type { DayGroup } from './group-batch.js';
import { type Attributes, fromAttributes, type UsageItem } from './item.js';
import { itemKey } from './keys.js';

/** The buckets of one group-day: all sealed except the last, which is open or not written yet. */
export type Chain = (UsageItem | undefined)[];

const MAX_HINTS = 50_000;

/** Bytes of stored `data` the decoded-item cache may hold before it starts over. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/**
 * What a consumer remembers between batches to read less and decode less:
 * - the index of each group-day's open bucket, so the next batch reads the whole chain in one BatchGetItem
 *   round. Sealing is permanent, so a hint is never too high; a stale (too low) one costs one more round;
 * - the items it last decoded or wrote: a batch reads the same few items again and again, and an item read back
 *   unchanged (same key, version, `data` and `summary`, compared in full) is not parsed again.
 * Both are bounded: cleared when full.
 */
export class ChainHints {
  private readonly open = new Map<string, number>();
  private readonly items = new Map<string, UsageItem>();
  private cachedBytes = 0;

  /** Index of the open bucket last seen for a group (0 when unknown). */
  get(groupId: string): number {
    return this.open.get(groupId) ?? 0;
  }

  /** Records the open bucket of a group. */
  set(groupId: string, bucket: number): void {
    if (bucket === 0) {
      this.open.delete(groupId);
      return;
    }
    if (this.open.size >= MAX_HINTS) this.open.clear();
    this.open.set(groupId, bucket);
  }

  /** Decodes an item as read, or returns the decoded item of identical content seen before. */
  decode(key: string, raw: Attributes): UsageItem {
    const known = this.items.get(key);
    if (
      known !== undefined &&
      String(known.version) === raw.v?.N &&
      known.data === raw.data?.S &&
      known.summary === raw.summary?.S
    ) {
      return known;
    }
    const item = fromAttributes(raw);
    this.remember(key, item);
    return item;
  }

  /** Keeps an item this consumer wrote (or read), so reading it back unchanged costs no parsing. */
  remember(key: string, item: UsageItem): void {
    const known = this.items.get(key);
    if (known) this.cachedBytes -= known.data.length;
    if (this.cachedBytes + item.data.length > MAX_CACHED_BYTES) {
      this.items.clear();
      this.cachedBytes = 0;
    }
    this.items.set(key, item);
    this.cachedBytes += item.data.length;
  }

  /** The item kept for a key, if any (for tests). */
  cached(key: string): UsageItem | undefined {
    return this.items.get(key);
  }
}

/**
 * Reads the bucket chains of group-days with strongly consistent BatchGetItem rounds: buckets up to the
 * hinted open one first, then one more bucket per round while the last one read is sealed.
 */
export async function readChains(
  table: ItemTable,
  groups: readonly DayGroup[],
  hints: ChainHints,
): Promise<Map<string, Chain>> {
  const chains = new Map<string, Chain>(groups.map((group) => [group.id, []]));
  let pending = groups.map((group) => ({ group, from: 0, to: hints.get(group.id) }));
  while (pending.length > 0) {
    const keys = pending.flatMap(({ group, from, to }) =>
      range(from, to).map((bucket) => itemKey(group.gid, group.day, bucket)),
    );
    const found = await table.read(keys);
    const next: typeof pending = [];
    for (const { group, from, to } of pending) {
      const chain = chains.get(group.id) as Chain;
      if (extendChain(chain, group, found, hints, from, to)) next.push({ group, from: to + 1, to: to + 1 });
    }
    pending = next;
  }
  for (const [id, chain] of chains) hints.set(id, chain.length - 1);
  return chains;
}

/** Appends buckets `from..to` to a chain; returns true when all were sealed, so the chain goes on. */
function extendChain(
  chain: Chain,
  group: DayGroup,
  found: ReadonlyMap<string, Attributes>,
  hints: ChainHints,
  from: number,
  to: number,
): boolean {
  for (let bucket = from; bucket <= to; bucket++) {
    const key = itemKey(group.gid, group.day, bucket);
    const raw = found.get(key);
    const item = raw && hints.decode(key, raw);
    chain.push(item);
    if (!item?.sealed) return false;
  }
  return true;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
