/**
 * Per-item principal totals. Counts fold with core's `addToSummary` and merge with `mergeSummaries`; the identity
 * fields (kind, account, flags, …) can differ between calls of one principal (an AWS service called from several
 * accounts), so they are taken from the call with the smallest (time, eventID) — a choice that does not depend
 * on batch boundaries or write order, unlike "the first call folded".
 */
import type { ApiCall, Principal } from '../../core/types.js';
import {
  addToSummary,
  type MutablePrincipalSummary,
  mergeSummaries,
  newPrincipalSummary,
  type PrincipalSummary,
} from '../../core/usage/principal-summary.js';
import { StoreError } from './errors.js';

/** Events and denied events of one service (`eventSource` without `.amazonaws.com`). */
export type ServiceCounts = Readonly<Record<string, readonly [events: number, denied: number]>>;

/** A principal summary plus the eventID of the call its identity fields come from, and counts per service. */
export interface StoredSummary extends PrincipalSummary {
  readonly firstEventId: string;
  readonly services: ServiceCounts;
}

/** Mutable twin used while folding a batch. */
export type MutableStoredSummary = MutablePrincipalSummary & {
  firstEventId: string;
  services: Record<string, [number, number]>;
};

/** Folds one call into a summary (created on first use) and returns it. */
export function foldSummary(summary: MutableStoredSummary | undefined, call: ApiCall): MutableStoredSummary {
  if (!summary) {
    const created: MutableStoredSummary = {
      ...newPrincipalSummary(call.principal, call.time),
      firstEventId: call.eventId,
      services: {},
    };
    addToSummary(created, call);
    countService(created.services, call);
    return created;
  }
  const earlier = isEarlier(call.time, call.eventId, summary);
  addToSummary(summary, call);
  countService(summary.services, call);
  if (earlier) Object.assign(summary, identityOf(call.principal), { firstEventId: call.eventId });
  return summary;
}

/** Merges two summaries of one principal; associative and commutative. */
export function mergeStoredSummaries(a: StoredSummary, b: StoredSummary): StoredSummary {
  const [first, second] = isEarlier(b.firstSeen, b.firstEventId, a) ? [b, a] : [a, b];
  return {
    ...mergeSummaries(first, second),
    firstEventId: first.firstEventId,
    services: mergeServices(a.services, b.services),
  };
}

/** Drops the bookkeeping fields, giving core's type back. */
export function toPrincipalSummary(summary: StoredSummary): PrincipalSummary {
  const { firstEventId: _, services: __, ...rest } = summary;
  return rest;
}

/** The service a call counts under: its `eventSource` host without the AWS domain. */
export function serviceOf(eventSource: string): string {
  const dot = eventSource.indexOf('.');
  return dot < 0 ? eventSource : eventSource.slice(0, dot);
}

function countService(services: Record<string, [number, number]>, call: ApiCall): void {
  const service = serviceOf(call.eventSource);
  const counts = services[service] ?? [0, 0];
  counts[0]++;
  if (call.outcome.kind === 'denied') counts[1]++;
  services[service] = counts;
}

function mergeServices(a: ServiceCounts, b: ServiceCounts): ServiceCounts {
  const merged: Record<string, [number, number]> = {};
  for (const side of [a, b])
    for (const [service, [events, denied]] of Object.entries(side)) {
      const counts = merged[service] ?? [0, 0];
      counts[0] += events;
      counts[1] += denied;
      merged[service] = counts;
    }
  return merged;
}

function isEarlier(time: number, eventId: string, than: StoredSummary): boolean {
  return time < than.firstSeen || (time === than.firstSeen && eventId < than.firstEventId);
}

function identityOf(principal: Principal): Principal {
  return {
    arn: principal.arn,
    kind: principal.kind,
    accountId: principal.accountId,
    partition: principal.partition,
    flags: principal.flags,
    draftable: principal.draftable,
  };
}

/** Serialises a summary without its ARN (the key it is stored under says whose it is). */
export function encodeSummary(summary: StoredSummary): string {
  const { arn: _, ...rest } = summary;
  return JSON.stringify(rest);
}

/** Serialises an item's summaries for its `summary` attribute: a JSON object from principal ARN to summary. */
export function encodeSummaries(summaries: ReadonlyMap<string, StoredSummary>): string {
  const parts: string[] = [];
  for (const [arn, summary] of summaries) parts.push(`${JSON.stringify(arn)}:${encodeSummary(summary)}`);
  return `{${parts.join(',')}}`;
}

const NUMBER_FIELDS = [
  'events',
  'success',
  'denied',
  'errors',
  'notAGrant',
  'unmapped',
  'crossAccount',
  'firstSeen',
  'lastSeen',
] as const;

/** Reads one summary written by {@link encodeSummary} back. */
export function decodeSummary(text: string, arn: string): StoredSummary {
  return validSummary(parseSummaryJson(text), arn);
}

/** Reads a `summary` attribute back: principal ARN → summary, in stored order. */
export function decodeSummaries(text: string): Map<string, StoredSummary> {
  const out = new Map<string, StoredSummary>();
  for (const [arn, value] of parseSummaries(text)) out.set(arn, validSummary(value, arn));
  return out;
}

/** Parses a `summary` attribute into principal ARN → summary as stored, leaving them to {@link validSummary}. */
export function parseSummaries(text: string): Map<string, unknown> {
  const raw = parseSummaryJson(text);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new StoreError('CORRUPT_ITEM', 'usage item holds malformed summaries');
  return new Map(Object.entries(raw));
}

function parseSummaryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreError('CORRUPT_ITEM', 'usage item holds an invalid summary', error);
  }
}

/** Checks one summary as parsed from a `summary` attribute and gives it its ARN back. */
export function validSummary(value: unknown, arn: string): StoredSummary {
  const raw = value as Record<string, unknown>;
  const valid =
    typeof raw === 'object' &&
    raw !== null &&
    typeof raw.kind === 'string' &&
    typeof raw.accountId === 'string' &&
    typeof raw.partition === 'string' &&
    Array.isArray(raw.flags) &&
    typeof raw.draftable === 'boolean' &&
    typeof raw.firstEventId === 'string' &&
    NUMBER_FIELDS.every((field) => Number.isSafeInteger(raw[field]));
  if (!valid) throw new StoreError('CORRUPT_ITEM', 'usage item holds a malformed summary');
  // Items written before per-service counts existed have none.
  const services = raw.services === undefined ? {} : raw.services;
  if (!isServiceCounts(services))
    throw new StoreError('CORRUPT_ITEM', 'usage item holds malformed service counts');
  return { ...(raw as unknown as Omit<StoredSummary, 'arn'>), services, arn };
}

function isServiceCounts(value: unknown): value is ServiceCounts {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(
      (v) => Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n) && n >= 0),
    )
  );
}
