/**
 * Compact JSON form of the aggregates of one item: an object from principal ARN to that principal's entries, so
 * an ARN is stored once per item. The day is the item's, so entries carry neither; times are epoch ms; zero
 * counts, empty sets and false flags are left out. An entry costs ~150 bytes where a UsageRow costs ~450, so a
 * 300 KB bucket holds ~2,000 principal × action × resource triples.
 */
import type { ResourceOrigin } from '../../core/types.js';
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import type { BoundedSet } from '../../core/usage/sorted-set.js';
import { StoreError } from './errors.js';

interface Entry {
  a: string;
  r: string;
  o: ResourceOrigin;
  f: number;
  l: number;
  c?: number;
  d?: number;
  e?: number;
  g?: readonly string[];
  sa?: readonly string[];
  s?: readonly string[];
  st?: 1;
  i?: readonly string[];
  it?: 1;
  v?: readonly string[];
  x?: 1;
  p?: readonly string[];
}

const ORIGINS: ReadonlySet<string> = new Set([
  'record',
  'request',
  'wildcard-only',
  'unscoped',
  'unresolved',
]);
const EMPTY: readonly string[] = Object.freeze([]);

/** Key of an aggregate within its item (NUL cannot occur in actions or ARNs). */
export function entryKey(principal: string, action: string, resource: string): string {
  return `${principal}\u0000${action}\u0000${resource}`;
}

/** Serialises one aggregate as a compact JSON object. */
export function encodeEntry(agg: UsageAggregate): string {
  return JSON.stringify(entryObject(agg));
}

/** The stored form of one aggregate, as `JSON.parse` gives it back from {@link encodeEntry}'s text. */
export function entryObject(agg: UsageAggregate): object {
  const entry: Entry = { a: agg.action, r: agg.resource, o: agg.origin, f: agg.firstSeen, l: agg.lastSeen };
  if (agg.calls) entry.c = agg.calls;
  if (agg.denied) entry.d = agg.denied;
  if (agg.errors) entry.e = agg.errors;
  if (agg.regions.length) entry.g = agg.regions;
  if (agg.sourceAccounts.length) entry.sa = agg.sourceAccounts;
  if (agg.sessions.values.length) entry.s = agg.sessions.values;
  if (agg.sessions.truncated) entry.st = 1;
  if (agg.sourceIdentities.values.length) entry.i = agg.sourceIdentities.values;
  if (agg.sourceIdentities.truncated) entry.it = 1;
  if (agg.viaServices.length) entry.v = agg.viaServices;
  if (agg.direct) entry.x = 1;
  if (agg.passedTo.length) entry.p = agg.passedTo;
  return entry;
}

/** Joins encoded entries, per principal, into the item's `data` attribute. */
export function joinEntries(byPrincipal: ReadonlyMap<string, readonly string[]>): string {
  const parts: string[] = [];
  for (const [principal, encoded] of byPrincipal)
    if (encoded.length > 0) parts.push(`${JSON.stringify(principal)}:[${encoded.join(',')}]`);
  return `{${parts.join(',')}}`;
}

/** Bytes a principal's (empty) list adds to `data`: its quoted ARN, `:[]` and a separating comma. */
export function principalBytes(principal: string): number {
  return Buffer.byteLength(JSON.stringify(principal)) + 4;
}

/** An item's `data` parsed but not decoded: principal ARN → that principal's entries as stored. */
export type EntryLists = ReadonlyMap<string, readonly unknown[]>;

/** Parses an item's `data` into per-principal lists of entries, leaving the entries to {@link decodeEntry}. */
export function parseEntryLists(data: string, window: string): Map<string, unknown[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw new StoreError('CORRUPT_ITEM', `usage item of ${window} holds invalid JSON`, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw corrupt(window);
  const out = new Map<string, unknown[]>();
  for (const [principal, list] of Object.entries(parsed)) {
    if (!Array.isArray(list)) throw corrupt(window);
    out.set(principal, list);
  }
  return out;
}

/** The {@link entryKey} of a stored entry, without decoding the rest of it. */
export function storedEntryKey(raw: unknown, principal: string, window: string): string {
  const e = raw as { a?: unknown; r?: unknown } | null;
  if (typeof e !== 'object' || e === null || typeof e.a !== 'string' || typeof e.r !== 'string')
    throw corrupt(window);
  return entryKey(principal, e.a, e.r);
}

/**
 * Reads an item's `data` back into aggregates keyed by {@link entryKey}, in stored order; only those of
 * `principal` when it is given.
 */
export function decodeEntries(data: string, window: string, principal?: string): Map<string, UsageAggregate> {
  return decodeLists(parseEntryLists(data, window), window, principal);
}

/** Decodes parsed lists into aggregates keyed by {@link entryKey}; only those of `principal` when it is given. */
export function decodeLists(
  lists: EntryLists,
  window: string,
  principal?: string,
): Map<string, UsageAggregate> {
  const out = new Map<string, UsageAggregate>();
  for (const [arn, list] of lists) {
    if (principal !== undefined && arn !== principal) continue;
    for (const raw of list) {
      const agg = decodeEntry(raw, arn, window);
      out.set(entryKey(arn, agg.action, agg.resource), agg);
    }
  }
  return out;
}

/** Decodes one stored entry of `principal`, checking every field. */
export function decodeEntry(raw: unknown, principal: string, window: string): UsageAggregate {
  if (typeof raw !== 'object' || raw === null) throw corrupt(window);
  const e = raw as Partial<Record<keyof Entry, unknown>>;
  if (typeof e.a !== 'string' || typeof e.r !== 'string' || typeof e.o !== 'string' || !ORIGINS.has(e.o))
    throw corrupt(window);
  return {
    principal,
    action: e.a,
    resource: e.r,
    window,
    origin: e.o as ResourceOrigin,
    calls: count(e.c, window),
    denied: count(e.d, window),
    errors: count(e.e, window),
    firstSeen: time(e.f, window),
    lastSeen: time(e.l, window),
    regions: strings(e.g, window),
    sourceAccounts: strings(e.sa, window),
    sessions: bounded(e.s, e.st, window),
    sourceIdentities: bounded(e.i, e.it, window),
    viaServices: strings(e.v, window),
    direct: e.x === 1,
    passedTo: strings(e.p, window),
  };
}

function count(value: unknown, window: string): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw corrupt(window);
  return value as number;
}

function time(value: unknown, window: string): number {
  if (!Number.isSafeInteger(value)) throw corrupt(window);
  return value as number;
}

function strings(value: unknown, window: string): readonly string[] {
  if (value === undefined) return EMPTY;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw corrupt(window);
  return value as string[];
}

function bounded(values: unknown, truncated: unknown, window: string): BoundedSet {
  return { values: strings(values, window), truncated: truncated === 1 };
}

function corrupt(window: string): StoreError {
  return new StoreError('CORRUPT_ITEM', `usage item of ${window} holds a malformed aggregate`);
}
