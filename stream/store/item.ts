import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import { decodeEntries } from './entry-codec.js';
import { StoreError } from './errors.js';
import { dayBucketOf, itemKey } from './keys.js';
import { decodeSummary, encodeSummary, type StoredSummary } from './summary.js';

/** DynamoDB attributes of a usage item. */
export type Attributes = Record<string, AttributeValue>;

/** Where an item lives: one bucket of one principal-day. */
export interface ItemPlace {
  /** Principal key (see `principalKey`). */
  readonly pid: string;
  /** Full principal ARN. */
  readonly principal: string;
  readonly day: string;
  readonly bucket: number;
}

/** A usage item as read, decoded. */
export interface UsageItem extends ItemPlace {
  /** Bumped by every write; the condition of the next one. */
  readonly version: number;
  /** Shard → padded sequence number of the last record of that shard merged into this item. */
  readonly hw: ReadonlyMap<string, string>;
  /** Aggregates keyed by `entryKey`, in stored order. */
  readonly entries: ReadonlyMap<string, UsageAggregate>;
  readonly summary: StoredSummary | undefined;
  /** A sealed bucket takes no new aggregate keys; new keys go to the next bucket. */
  readonly sealed: boolean;
}

/** The new content of an item, ready to put. */
export interface ItemContent extends ItemPlace {
  readonly version: number;
  readonly hw: ReadonlyMap<string, string>;
  /** Encoded aggregates (`joinEntries`). */
  readonly data: string;
  readonly summary: StoredSummary | undefined;
  readonly sealed: boolean;
}

/** Marshals an item by hand (the project does not depend on `@aws-sdk/util-dynamodb`). */
export function toAttributes(item: ItemContent): Attributes {
  const hw: Attributes = {};
  for (const [shard, sequence] of item.hw) hw[shard] = { S: sequence };
  const attributes: Attributes = {
    pk: { S: itemKey(item.pid, item.day, item.bucket) },
    pid: { S: item.pid },
    principal: { S: item.principal },
    day: { S: item.day },
    bucket: { N: String(item.bucket) },
    dayBucket: { S: dayBucketOf(item.day, item.bucket) },
    v: { N: String(item.version) },
    hw: { M: hw },
    data: { S: item.data },
    size: { N: String(Buffer.byteLength(item.data)) },
    sealed: { BOOL: item.sealed },
  };
  if (item.summary) attributes.summary = { S: encodeSummary(item.summary) };
  return attributes;
}

/** Unmarshals and decodes an item. */
export function fromAttributes(attributes: Attributes): UsageItem {
  const principal = text(attributes, 'principal');
  const day = text(attributes, 'day');
  const hw = new Map<string, string>();
  for (const [shard, value] of Object.entries(attributes.hw?.M ?? {})) {
    if (value.S === undefined) throw malformed('hw');
    hw.set(shard, value.S);
  }
  const summary = attributes.summary?.S;
  return {
    pid: text(attributes, 'pid'),
    principal,
    day,
    bucket: number(attributes, 'bucket'),
    version: number(attributes, 'v'),
    hw,
    entries: decodeEntries(text(attributes, 'data'), principal, day),
    summary: summary === undefined ? undefined : decodeSummary(summary, principal),
    sealed: attributes.sealed?.BOOL === true,
  };
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
