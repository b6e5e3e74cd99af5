/**
 * Plans the writes of one principal-day for one batch of one shard, from the day's bucket chain as read. Pure.
 *
 * Routing. Every aggregate key lives in exactly one bucket: a key already stored merges where it is; a new key
 * goes to the open (last) bucket, and when that bucket would pass `bucketBytes` the bucket is sealed in the same
 * write and the key opens the next one. A sealed bucket never takes a new key again, and bucket b+1 is written
 * only after the write that sealed b, so no key can land in two buckets. A call's summary counts go with its
 * first aggregate key, or to bucket 0 when it has none (not-a-grant, unmapped): both homes are stable.
 *
 * Exactly once. An item's `hw[shard]` is the highest sequence number of that shard whose contributions routed to
 * the item are in it, and every write to an item carries all contributions routed to it above its old mark
 * (within the batch). A shard delivers records in order and a retry resends a suffix of what was sent, so a
 * contribution at or below the mark is already in the item, and one above it is not. A retried contribution is
 * routed to the same item it went to before, because once written its key (or its call's first key) stays in
 * that bucket; one whose write never landed may be routed anywhere, since no item counted it. Hence a whole-batch
 * retry, a bisected retry, a restart from the failed sequence number and a crash after some of the writes all
 * converge to each contribution counted exactly once. Redeliveries (same eventID, new record) are the caller's.
 */
import { addCall, type MutableAggregate, mergeAggregates, newAggregate } from '../../core/usage/aggregate.js';
import { encodeEntry, joinEntries } from './entry-codec.js';
import { StoreError } from './errors.js';
import type { Contribution, DayGroup } from './group-batch.js';
import type { ItemContent, UsageItem } from './item.js';
import { foldSummary, type MutableStoredSummary, mergeStoredSummaries } from './summary.js';

/** DynamoDB's item size limit, names and values included. */
const MAX_ITEM_BYTES = 400 * 1024;

/** One conditional put of a plan. */
export interface ItemWrite {
  readonly content: ItemContent;
  /** Version the stored item must still have; undefined when the item must not exist yet. */
  readonly expectedVersion: number | undefined;
  /** Lowest sequence number contributing to this write; undefined for a write that only seals the bucket. */
  readonly minSeq: string | undefined;
}

/** What one bucket receives while planning. */
interface Slot {
  readonly base: UsageItem | undefined;
  readonly bucket: number;
  /** Contributions at or below this (padded) sequence number are already in the item. */
  readonly threshold: string;
  readonly deltas: Map<string, MutableAggregate>;
  /** Encoded new entries appended after the stored ones. */
  readonly appended: string[];
  summary: MutableStoredSummary | undefined;
  minSeq: string | undefined;
  maxSeq: string | undefined;
  sealing: boolean;
  /** Encoded stored entries with this batch's deltas merged, computed once. */
  parts: string[] | undefined;
}

/**
 * Plans the puts of one principal-day, in bucket order (a sealing write precedes the next bucket's).
 * @param chain the day's buckets 0..n as read: all sealed except the last, which is open or not yet written.
 */
export function planDay(
  group: DayGroup,
  chain: readonly (UsageItem | undefined)[],
  shardId: string,
  bucketBytes: number,
): ItemWrite[] {
  const slots = chain.map((base, bucket) => newSlot(base, bucket, shardId));
  if (slots.length === 0) throw new Error('planDay needs at least bucket 0 in the chain');
  const home = new Map<string, number>();
  for (const slot of slots) for (const key of slot.base?.entries.keys() ?? []) home.set(key, slot.bucket);
  const fresh: [string, readonly Contribution[]][] = [];
  for (const [key, contributions] of group.byKey) {
    const bucket = home.get(key);
    if (bucket === undefined) fresh.push([key, contributions]);
    else foldKey(slots[bucket] as Slot, key, contributions, group.day);
  }
  placeNewKeys(slots, fresh, home, group.day, bucketBytes);
  for (const { seq, call, keys } of group.calls) {
    const first = keys[0];
    const slot = slots[first === undefined ? 0 : (home.get(first) ?? 0)] as Slot;
    if (seq <= slot.threshold) continue;
    slot.summary = foldSummary(slot.summary, call);
    noteSequence(slot, seq);
  }
  return slots
    .filter((slot) => slot.minSeq !== undefined || (slot.sealing && !slot.base?.sealed))
    .map((slot) => toWrite(slot, group, shardId));
}

function newSlot(base: UsageItem | undefined, bucket: number, shardId: string): Slot {
  return {
    base,
    bucket,
    threshold: base?.hw.get(shardId) ?? '',
    deltas: new Map(),
    appended: [],
    summary: undefined,
    minSeq: undefined,
    maxSeq: undefined,
    sealing: false,
    parts: undefined,
  };
}

/** Folds the contributions above the slot's mark into its delta for `key`, like `Analyzer.addCall`. */
function foldKey(slot: Slot, key: string, contributions: readonly Contribution[], day: string): void {
  const folded = foldContributions(contributions, slot.threshold, day);
  if (!folded) return;
  slot.deltas.set(key, folded.delta);
  noteSequence(slot, folded.minSeq);
  noteSequence(slot, folded.maxSeq);
}

/** Folds the contributions above `threshold` into a new aggregate; undefined when none is above it. */
function foldContributions(
  contributions: readonly Contribution[],
  threshold: string,
  day: string,
): { delta: MutableAggregate; minSeq: string; maxSeq: string } | undefined {
  let delta: MutableAggregate | undefined;
  let minSeq = '';
  let maxSeq = '';
  for (const c of contributions) {
    if (c.seq <= threshold) continue;
    if (!delta) {
      delta = newAggregate(c.call, c.action, c.resource, day);
      minSeq = c.seq;
    }
    addCall(delta, c.call, c.passedTo);
    maxSeq = c.seq;
  }
  return delta && { delta, minSeq, maxSeq };
}

/** Appends new keys to the open bucket, sealing it and opening the next when it would pass `bucketBytes`. */
function placeNewKeys(
  slots: Slot[],
  fresh: readonly [string, readonly Contribution[]][],
  home: Map<string, number>,
  day: string,
  bucketBytes: number,
): void {
  if (fresh.length === 0) return;
  let open = slots[slots.length - 1] as Slot;
  let size = byteSize(mergedParts(open));
  for (const [key, contributions] of fresh) {
    let folded = foldContributions(contributions, open.threshold, day);
    let encoded = folded && encodeEntry(folded.delta);
    const entries = (open.base?.entries.size ?? 0) + open.appended.length;
    if (encoded !== undefined && entries > 0 && size + Buffer.byteLength(encoded) + 1 > bucketBytes) {
      open.sealing = true;
      open = newSlot(undefined, open.bucket + 1, '');
      slots.push(open);
      size = 2;
      folded = foldContributions(contributions, open.threshold, day);
      encoded = folded && encodeEntry(folded.delta);
    }
    home.set(key, open.bucket);
    if (!folded || encoded === undefined) continue;
    open.appended.push(encoded);
    size += Buffer.byteLength(encoded) + 1;
    noteSequence(open, folded.minSeq);
    noteSequence(open, folded.maxSeq);
  }
}

function noteSequence(slot: Slot, seq: string): void {
  if (slot.minSeq === undefined || seq < slot.minSeq) slot.minSeq = seq;
  if (slot.maxSeq === undefined || seq > slot.maxSeq) slot.maxSeq = seq;
}

function mergedParts(slot: Slot): string[] {
  if (!slot.parts) {
    slot.parts = [];
    for (const [key, stored] of slot.base?.entries ?? []) {
      const delta = slot.deltas.get(key);
      slot.parts.push(encodeEntry(delta ? mergeAggregates(stored, delta) : stored));
    }
  }
  return slot.parts;
}

function byteSize(parts: readonly string[]): number {
  let size = 2 + Math.max(0, parts.length - 1);
  for (const part of parts) size += Buffer.byteLength(part);
  return size;
}

function toWrite(slot: Slot, group: DayGroup, shardId: string): ItemWrite {
  const base = slot.base;
  const hw = new Map(base?.hw);
  if (slot.maxSeq !== undefined) hw.set(shardId, slot.maxSeq);
  const stored = base?.summary;
  const summary =
    stored && slot.summary ? mergeStoredSummaries(stored, slot.summary) : (stored ?? slot.summary);
  const data = joinEntries([...mergedParts(slot), ...slot.appended]);
  const content: ItemContent = {
    pid: group.pid,
    principal: group.principal,
    day: group.day,
    bucket: slot.bucket,
    version: (base?.version ?? 0) + 1,
    hw,
    data,
    summary,
    sealed: (base?.sealed ?? false) || slot.sealing,
  };
  checkItemSize(content);
  return { content, expectedVersion: base?.version, minSeq: slot.minSeq };
}

function checkItemSize(content: ItemContent): void {
  const keys = 3 * Buffer.byteLength(content.pid) + Buffer.byteLength(content.principal);
  const marks = content.hw.size * (128 + 64);
  const bytes = Buffer.byteLength(content.data) + keys + marks + 1024;
  if (bytes > MAX_ITEM_BYTES)
    throw new StoreError(
      'ITEM_TOO_LARGE',
      `usage item of ${content.day} bucket ${content.bucket} is too large`,
    );
}
