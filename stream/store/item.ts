import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import { decodeLists, type EntryLists, parseEntryLists } from './entry-codec.js';
import { StoreError } from './errors.js';
import { dayBucketOf, itemKey } from './keys.js';
import { parseSummaries, type StoredSummary, validSummary } from './summary.js';

/** DynamoDB attributes of a usage item. */
export type Attributes = Record<string, AttributeValue>;

/** Where an item lives: one bucket of one group-day. */
export interface ItemPlace {
  /** Principal group key (see `principalGroup`). */
  readonly gid: string;
  readonly day: string;
  readonly bucket: number;
}

/** A usage item as read, decoded. */
export interface UsageItem extends ItemPlace {
  /** Bumped by every write; the condition of the next one. */
  readonly version: number;
  /** Shard → padded sequence number of the last record of that shard merged into this item. */
  readonly hw: ReadonlyMap<string, string>;
  /** Principal ARN → that principal's entries as stored; decoded on demand (see `itemEntries`). */
  readonly lists: EntryLists;
  /** Number of stored entries, all principals together. */
  readonly entryCount: number;
  /** The stored `data` attribute. */
  readonly data: string;
  /** Principal ARN → totals of the calls counted here, as stored; checked on demand (see `itemSummaries`). */
  readonly summaries: ReadonlyMap<string, unknown>;
  /** The stored `summary` attribute. */
  readonly summary: string | undefined;
  /** A sealed bucket takes no new aggregate keys; new keys go to the next bucket. */
  readonly sealed: boolean;
}

/** The new content of an item, ready to put. */
export interface ItemContent extends ItemPlace {
  readonly version: number;
  readonly hw: ReadonlyMap<string, string>;
  /** Encoded aggregates (`joinEntries`). */
  readonly data: string;
  /** Encoded totals per principal (`encodeSummaries`); undefined when no call counted here. */
  readonly summary: string | undefined;
  readonly sealed: boolean;
}

/** Marshals an item by hand (the project does not depend on `@aws-sdk/util-dynamodb`). */
export function toAttributes(item: ItemContent): Attributes {
  const hw: Attributes = {};
  for (const [shard, sequence] of item.hw) hw[shard] = { S: sequence };
  const attributes: Attributes = {
    pk: { S: itemKey(item.gid, item.day, item.bucket) },
    pid: { S: item.gid },
    day: { S: item.day },
    bucket: { N: String(item.bucket) },
    dayBucket: { S: dayBucketOf(item.day, item.bucket) },
    v: { N: String(item.version) },
    hw: { M: hw },
    data: { S: item.data },
    size: { N: String(Buffer.byteLength(item.data)) },
    sealed: { BOOL: item.sealed },
  };
  if (item.summary !== undefined) attributes.summary = { S: item.summary };
  return attributes;
}

/** Unmarshals and decodes an item. */
export function fromAttributes(attributes: Attributes): UsageItem {
  const day = text(attributes, 'day');
  const hw = new Map<string, string>();
  for (const [shard, value] of Object.entries(attributes.hw?.M ?? {})) {
    if (value.S === undefined) throw malformed('hw');
    hw.set(shard, value.S);
  }
  const summary = attributes.summary?.S;
  const data = text(attributes, 'data');
  const lists = parseEntryLists(data, day);
  let entryCount = 0;
  for (const list of lists.values()) entryCount += list.length;
  return {
    gid: text(attributes, 'pid'),
    day,
    bucket: number(attributes, 'bucket'),
    version: number(attributes, 'v'),
    hw,
    lists,
    entryCount,
    data,
    summaries: summary === undefined ? new Map() : parseSummaries(summary),
    summary,
    sealed: attributes.sealed?.BOOL === true,
  };
}

/** Every aggregate of an item, keyed by `entryKey`, in stored order. */
export function itemEntries(item: UsageItem): Map<string, UsageAggregate> {
  return decodeLists(item.lists, item.day);
}

/** Every principal's totals in an item, checked. */
export function itemSummaries(item: UsageItem): Map<string, StoredSummary> {
  return new Map([...item.summaries].map(([arn, raw]) => [arn, validSummary(raw, arn)]));
}

function text(attributes: Attributes, name: string): string {
  const value = attributes[name]?.S;
  if (value === undefined) throw malformed(name);
  return value;
}

function number(attributes: Attributes, name: string): number {
  const value = Number(attributes[name]?.N);
  if (!Number.isSafeInteger(value) || value < 0) throw malformed(name);
  return value;
}

function malformed(name: string): StoreError {
  return new StoreError('CORRUPT_ITEM', `usage item has a missing or malformed '${name}' attribute`);
}
