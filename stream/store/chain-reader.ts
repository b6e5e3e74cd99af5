import type { ItemTable } from './dynamo-io.js';
import type { DayGroup } from './group-batch.js';
import { type Attributes, fromAttributes, type UsageItem } from './item.js';
import { itemKey } from './keys.js';

/** The buckets of one group-day: all sealed except the last, which is open or not written yet. */
export type Chain = (UsageItem | undefined)[];

const MAX_HINTS = 50_000;

/**
 * Remembers the index of each group-day's open bucket so the next batch reads the whole chain in one
 * BatchGetItem round. Sealing is permanent, so a hint is never too high; a stale (too low) one costs one more
 * round. Bounded: cleared when full.
 */
export class ChainHints {
  private readonly open = new Map<string, number>();

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
      if (extendChain(chain, group, found, from, to)) next.push({ group, from: to + 1, to: to + 1 });
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
  from: number,
  to: number,
): boolean {
  for (let bucket = from; bucket <= to; bucket++) {
    const raw = found.get(itemKey(group.gid, group.day, bucket));
    const item = raw && fromAttributes(raw);
    chain.push(item);
    if (!item?.sealed) return false;
  }
  return true;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
