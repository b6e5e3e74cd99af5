/**
 * Plans the writes of one group-day (principal group × UTC day) for one batch of one shard, from the day's bucket
 * chain as read. Pure.
 *
 * Routing. An aggregate key is (principal, action, resource), and every key lives in exactly one bucket of its
 * group-day: a key already stored merges where it is; a new key goes to the open (last) bucket, and when that
 * bucket would pass `bucketBytes` the bucket is sealed in the same write and the key opens the next one. A sealed
 * bucket never takes a new key again, and bucket b+1 is written only after the write that sealed b, so no key can
 * land in two buckets. A call's summary counts go to its principal's summary in the bucket of its first aggregate
 * key; a call without one (not-a-grant, unmapped) goes to the lowest bucket already holding its principal (an
 * entry or a summary, stored or placed by this batch), else to the open bucket. Both homes are stable: a sealed
 * bucket only ever gains contributions of principals it already holds, so a principal's lowest bucket never
 * changes once it has one, and a write that landed made it so. (Keyless calls of new principals therefore fill the
 * open bucket like new keys do, instead of growing bucket 0 past the item size limit.)
 *
 * Exactly once. An item's `hw[shard]` is the highest sequence number of that shard whose contributions routed to
 * the item are in it, and every write to an item carries all contributions routed to it above its old mark
 * (within the batch). A shard delivers records in order and a retry resends a suffix of what was sent, so a
 * contribution at or below the mark is already in the item, and one above it is not. A retried contribution is
 * routed to the same item it went to before, because once written its key (or its call's first key) stays in
 * that bucket; one whose write never landed may be routed anywhere, since no item counted it. Hence a whole-batch
 * retry, a bisected retry, a restart from the failed sequence number and a crash after some of the writes all
 * converge to each contribution counted exactly once. Redeliveries (same eventID, new record) are the caller's.
 *
 * Grouping principals changes nothing in this: the argument never relies on an item holding one principal, only
 * on (1) every contribution having one stable home item — its group is a fixed function of its principal's ARN,
 * its day of the call's time, and its bucket follows the routing above, which keys now qualify by principal —
 * and (2) the item's marks covering everything routed to it. A mark is per item and shard, not per principal, and
 * a write still carries every contribution routed to the item above the old mark, whichever principal made it.
 * Principals of one group only share items, marks and versions, which costs concurrency, never exactness.
 */
import { addCall, type MutableAggregate, mergeAggregates, newAggregate } from '../../core/usage/aggregate.js';
import type { EntryLists } from './entry-codec.js';
import { decodeEntry, entryObject, joinEntries, principalBytes, storedEntryKey } from './entry-codec.js';
import { StoreError } from './errors.js';
import type { Contribution, DayGroup } from './group-batch.js';
import type { ItemContent, UsageItem } from './item.js';
import {
  encodeSummary,
  foldSummary,
  type MutableStoredSummary,
  mergeStoredSummaries,
  validSummary,
} from './summary.js';

/** DynamoDB's item size limit, names and values included. */
const MAX_ITEM_BYTES = 400 * 1024;

/** One conditional put of a plan. */
export interface ItemWrite {
  readonly content: ItemContent;
  /** Version the stored item must still have; undefined when the item must not exist yet. */
  readonly expectedVersion: number | undefined;
  /** Lowest sequence number contributing to this write; undefined for a write that only seals the bucket. */
  readonly minSeq: string | undefined;
  /** The written `data` as {@link parseEntryLists} would read it back, so the writer need not parse it again. */
  readonly lists: EntryLists;
}

/** What one bucket receives while planning. */
interface Slot {
  readonly base: UsageItem | undefined;
  readonly bucket: number;
  /** Contributions at or below this (padded) sequence number are already in the item. */
  readonly threshold: string;
  /** Principal → entry key → this batch's delta for a stored key: only those entries are decoded and encoded. */
  readonly deltas: Map<string, Map<string, MutableAggregate>>;
  /** Encoded new entries per principal, appended after the stored ones. */
  readonly appended: Map<string, string[]>;
  /** The same new entries in their stored (parsed) form, and their keys. */
  readonly appendedEntries: Map<string, object[]>;
  readonly appendedKeys: Map<string, string[]>;
  /** Principal ARN → totals of this batch's calls counted here. */
  readonly summaries: Map<string, MutableStoredSummary>;
  minSeq: string | undefined;
  maxSeq: string | undefined;
  sealing: boolean;
  /** Encoded stored entries per principal with this batch's deltas merged, computed once. */
  parts: Map<string, string[]> | undefined;
  /** The same entries in their stored (parsed) form, set with `parts`. */
  partEntries: Map<string, readonly unknown[]>;
}

/**
 * Plans the puts of one group-day, in bucket order (a sealing write precedes the next bucket's).
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
  // The bucket of each key of this batch: where it is stored, or (below) where it is placed.
  const home = new Map<string, number>();
  const fresh: [string, readonly Contribution[]][] = [];
  for (const [key, contributions] of group.byKey) {
    const principal = (contributions[0] as Contribution).call.principal.arn;
    const slot = slots.find((s) => s.base !== undefined && holdsKey(s.base, principal, key));
    if (slot === undefined) fresh.push([key, contributions]);
    else {
      home.set(key, slot.bucket);
      foldKey(slot, key, contributions, group.day);
    }
  }
  placeNewKeys(slots, fresh, home, group.day, bucketBytes);
  const present = lowestPresence(slots, fresh, home);
  for (const { seq, call, keys } of group.calls) {
    const first = keys[0];
    const bucket =
      first === undefined
        ? (present.get(call.principal.arn) ?? slots.length - 1)
        : (home.get(first) ?? slots.length - 1);
    const slot = slots[bucket] as Slot;
    if (seq <= slot.threshold) continue;
    const arn = call.principal.arn;
    const summary = slot.summaries.get(arn);
    const folded = foldSummary(summary, call);
    if (!summary) slot.summaries.set(arn, folded);
    noteSequence(slot, seq);
  }
  return slots
    .filter((slot) => slot.minSeq !== undefined || (slot.sealing && !slot.base?.sealed))
    .map((slot) => toWrite(slot, group, shardId));
}

/** The lowest bucket holding each principal: stored entries and summaries, and this batch's new keys. */
function lowestPresence(
  slots: readonly Slot[],
  fresh: readonly [string, readonly Contribution[]][],
  home: ReadonlyMap<string, number>,
): Map<string, number> {
  const present = new Map<string, number>();
  const note = (principal: string, bucket: number) => {
    const known = present.get(principal);
    if (known === undefined || bucket < known) present.set(principal, bucket);
  };
  for (const slot of slots) {
    for (const principal of slot.base?.lists.keys() ?? []) note(principal, slot.bucket);
    for (const principal of slot.base?.summaries.keys() ?? []) note(principal, slot.bucket);
  }
  for (const [key] of fresh) {
    const bucket = home.get(key);
    if (bucket !== undefined) note(key.slice(0, key.indexOf('\u0000')), bucket);
  }
  return present;
}

/**
 * The entry keys of a principal's stored list (key → position) and each entry's text, computed once per list:
 * decoded items are kept between batches, and a written item's lists carry their index forward, so a batch works
 * in proportion to its own keys, not to everything the items it touches hold.
 */
interface ListIndex {
  readonly keys: ReadonlyMap<string, number>;
  readonly texts: readonly string[];
}

const indexOfList = new WeakMap<readonly unknown[], ListIndex>();

function listIndex(list: readonly unknown[], principal: string, day: string): ListIndex {
  let index = indexOfList.get(list);
  if (!index) {
    const keys = new Map<string, number>();
    list.forEach((raw, i) => {
      keys.set(storedEntryKey(raw, principal, day), i);
    });
    index = { keys, texts: list.map((raw) => JSON.stringify(raw)) };
    indexOfList.set(list, index);
  }
  return index;
}

function holdsKey(item: UsageItem, principal: string, key: string): boolean {
  const list = item.lists.get(principal);
  return list !== undefined && listIndex(list, principal, item.day).keys.has(key);
}

/** A principal's stored entries as text, re-serialised once per decoded list. */
const textOfList = new WeakMap<readonly unknown[], string>();

function storedText(list: readonly unknown[]): string {
  let text = textOfList.get(list);
  if (text === undefined) {
    const texts = indexOfList.get(list)?.texts;
    text = texts ? texts.join(',') : JSON.stringify(list).slice(1, -1);
    textOfList.set(list, text);
  }
  return text;
}

function newSlot(base: UsageItem | undefined, bucket: number, shardId: string): Slot {
  return {
    base,
    bucket,
    threshold: base?.hw.get(shardId) ?? '',
    deltas: new Map(),
    appended: new Map(),
    appendedEntries: new Map(),
    appendedKeys: new Map(),
    summaries: new Map(),
    minSeq: undefined,
    maxSeq: undefined,
    sealing: false,
    parts: undefined,
    partEntries: new Map(),
  };
}

/** Folds the contributions above the slot's mark into its delta for `key`, like `Analyzer.addCall`. */
function foldKey(slot: Slot, key: string, contributions: readonly Contribution[], day: string): void {
  const folded = foldContributions(contributions, slot.threshold, day);
  if (!folded) return;
  const principal = folded.delta.principal;
  let deltas = slot.deltas.get(principal);
  if (!deltas) {
    deltas = new Map();
    slot.deltas.set(principal, deltas);
  }
  deltas.set(key, folded.delta);
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
  // The summaries share the item with `data`, so they count toward the bucket's size too.
  let size = byteSize(mergedParts(open)) + Buffer.byteLength(open.base?.summary ?? '');
  let entries = open.base?.entryCount ?? 0;
  for (const [key, contributions] of fresh) {
    const principal = (contributions[0] as Contribution).call.principal.arn;
    let folded = foldContributions(contributions, open.threshold, day);
    let entry = folded && entryObject(folded.delta);
    let encoded = entry && JSON.stringify(entry);
    let added = encoded === undefined ? 0 : Buffer.byteLength(encoded) + 1 + listBytes(open, principal);
    if (encoded !== undefined && entries > 0 && size + added > bucketBytes) {
      open.sealing = true;
      open = newSlot(undefined, open.bucket + 1, '');
      open.parts = new Map();
      slots.push(open);
      size = 2;
      entries = 0;
      folded = foldContributions(contributions, open.threshold, day);
      entry = folded && entryObject(folded.delta);
      encoded = entry && JSON.stringify(entry);
      added = encoded === undefined ? 0 : Buffer.byteLength(encoded) + 1 + listBytes(open, principal);
    }
    home.set(key, open.bucket);
    if (!folded || entry === undefined || encoded === undefined) continue;
    const list = open.appended.get(principal);
    if (list) list.push(encoded);
    else open.appended.set(principal, [encoded]);
    const objects = open.appendedEntries.get(principal);
    if (objects) objects.push(entry);
    else open.appendedEntries.set(principal, [entry]);
    const keys = open.appendedKeys.get(principal);
    if (keys) keys.push(key);
    else open.appendedKeys.set(principal, [key]);
    size += added;
    entries++;
    noteSequence(open, folded.minSeq);
    noteSequence(open, folded.maxSeq);
  }
}

/** Bytes a principal's list would add to the slot's `data` before its first entry: none when it has one. */
function listBytes(slot: Slot, principal: string): number {
  return slot.appended.has(principal) || slot.parts?.has(principal) ? 0 : principalBytes(principal);
}

function noteSequence(slot: Slot, seq: string): void {
  if (slot.minSeq === undefined || seq < slot.minSeq) slot.minSeq = seq;
  if (slot.maxSeq === undefined || seq > slot.maxSeq) slot.maxSeq = seq;
}

/**
 * The slot's stored entries per principal with this batch's deltas merged. A principal without a delta here
 * keeps its entries as stored, as one part (they were written by `encodeEntry`, so re-serialising the parsed
 * list gives the same text); of the others, entries with a delta are decoded, merged and encoded, and the rest
 * kept as stored too. Called only once every stored key's delta is folded (`placeNewKeys` runs after
 * `foldKey`), since the result is kept.
 */
function mergedParts(slot: Slot): Map<string, string[]> {
  if (!slot.parts) {
    slot.parts = new Map();
    const day = slot.base?.day ?? '';
    for (const [principal, list] of slot.base?.lists ?? []) {
      if (list.length === 0) continue;
      const changes = slot.deltas.get(principal);
      if (!changes) {
        slot.parts.set(principal, [storedText(list)]);
        slot.partEntries.set(principal, list);
        continue;
      }
      // Only the entries with a delta change; their positions, and so the list's key index, stay the same.
      const index = listIndex(list, principal, day);
      const entries = list.slice();
      const texts = index.texts.slice();
      for (const [key, delta] of changes) {
        const i = index.keys.get(key);
        if (i === undefined) continue; // Cannot happen: a delta is folded only for a key this list holds.
        const merged = entryObject(mergeAggregates(decodeEntry(entries[i], principal, day), delta));
        entries[i] = merged;
        texts[i] = JSON.stringify(merged);
      }
      indexOfList.set(entries, { keys: index.keys, texts });
      slot.parts.set(principal, texts);
      slot.partEntries.set(principal, entries);
    }
  }
  return slot.parts;
}

function byteSize(parts: ReadonlyMap<string, readonly string[]>): number {
  let size = 2;
  for (const [principal, list] of parts) {
    size += principalBytes(principal) + Math.max(0, list.length - 1);
    for (const part of list) size += Buffer.byteLength(part);
  }
  return size;
}

function toWrite(slot: Slot, group: DayGroup, shardId: string): ItemWrite {
  const base = slot.base;
  const hw = new Map(base?.hw);
  if (slot.maxSeq !== undefined) hw.set(shardId, slot.maxSeq);
  const content: ItemContent = {
    gid: group.gid,
    day: group.day,
    bucket: slot.bucket,
    version: (base?.version ?? 0) + 1,
    hw,
    data: slotData(slot),
    summary: slotSummary(slot),
    sealed: (base?.sealed ?? false) || slot.sealing,
  };
  checkItemSize(content);
  return { content, expectedVersion: base?.version, minSeq: slot.minSeq, lists: slotLists(slot, group.day) };
}

/** The slot's new `data` in its parsed form, in the order {@link slotData} writes it, with the lists' indexes. */
function slotLists(slot: Slot, day: string): EntryLists {
  if (slot.base && slot.deltas.size === 0 && slot.appended.size === 0) return slot.base.lists;
  mergedParts(slot);
  const lists = new Map(slot.partEntries);
  for (const [principal, added] of slot.appendedEntries) {
    const before = lists.get(principal) ?? [];
    const index = before.length > 0 ? listIndex(before, principal, day) : { keys: new Map(), texts: [] };
    const keys = new Map(index.keys);
    for (const [j, key] of (slot.appendedKeys.get(principal) ?? []).entries())
      keys.set(key, before.length + j);
    const list = [...before, ...added];
    indexOfList.set(list, { keys, texts: [...index.texts, ...(slot.appended.get(principal) ?? [])] });
    lists.set(principal, list);
  }
  return lists;
}

/** The slot's new `data`: the stored text itself when no entry changed. */
function slotData(slot: Slot): string {
  if (slot.base && slot.deltas.size === 0 && slot.appended.size === 0) return slot.base.data;
  const lists = new Map(mergedParts(slot));
  for (const [principal, encoded] of slot.appended)
    lists.set(principal, [...(lists.get(principal) ?? []), ...encoded]);
  return joinEntries(lists);
}

/** The slot's new `summary`: stored summaries this batch did not change keep their stored form. */
function slotSummary(slot: Slot): string | undefined {
  const stored = slot.base?.summaries ?? new Map<string, unknown>();
  if (slot.summaries.size === 0) return slot.base?.summary;
  const parts: string[] = [];
  for (const [arn, raw] of stored) {
    const delta = slot.summaries.get(arn);
    const merged = delta && mergeStoredSummaries(validSummary(raw, arn), delta);
    parts.push(`${JSON.stringify(arn)}:${merged ? encodeSummary(merged) : JSON.stringify(raw)}`);
  }
  for (const [arn, delta] of slot.summaries)
    if (!stored.has(arn)) parts.push(`${JSON.stringify(arn)}:${encodeSummary(delta)}`);
  return `{${parts.join(',')}}`;
}

function checkItemSize(content: ItemContent): void {
  const keys = 3 * Buffer.byteLength(content.gid) + 64;
  const marks = content.hw.size * (128 + 64);
  const summary = content.summary === undefined ? 0 : Buffer.byteLength(content.summary);
  const bytes = Buffer.byteLength(content.data) + summary + keys + marks + 1024;
  if (bytes > MAX_ITEM_BYTES)
    throw new StoreError(
      'ITEM_TOO_LARGE',
      `usage item of ${content.day} bucket ${content.bucket} is too large`,
    );
}
