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

/** A principal summary plus the eventID of the call its identity fields come from. */
export interface StoredSummary extends PrincipalSummary {
  readonly firstEventId: string;
}

/** Mutable twin used while folding a batch. */
export type MutableStoredSummary = MutablePrincipalSummary & { firstEventId: string };

/** Folds one call into a summary (created on first use) and returns it. */
export function foldSummary(summary: MutableStoredSummary | undefined, call: ApiCall): MutableStoredSummary {
  if (!summary) {
    const created = { ...newPrincipalSummary(call.principal, call.time), firstEventId: call.eventId };
    addToSummary(created, call);
    return created;
  }
  const earlier = isEarlier(call.time, call.eventId, summary);
  addToSummary(summary, call);
  if (earlier) Object.assign(summary, identityOf(call.principal), { firstEventId: call.eventId });
  return summary;
}

/** Merges two summaries of one principal; associative and commutative. */
export function mergeStoredSummaries(a: StoredSummary, b: StoredSummary): StoredSummary {
  const [first, second] = isEarlier(b.firstSeen, b.firstEventId, a) ? [b, a] : [a, b];
  return { ...mergeSummaries(first, second), firstEventId: first.firstEventId };
}

/** Drops the bookkeeping field, giving core's type back. */
export function toPrincipalSummary(summary: StoredSummary): PrincipalSummary {
  const { firstEventId: _, ...rest } = summary;
  return rest;
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

/** Serialises a summary for the item's `summary` attribute (the ARN is the item's). */
export function encodeSummary(summary: StoredSummary): string {
  const { arn: _, ...rest } = summary;
  return JSON.stringify(rest);
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

/** Reads a `summary` attribute back. */
export function decodeSummary(text: string, arn: string): StoredSummary {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new StoreError('CORRUPT_ITEM', 'usage item holds an invalid summary', error);
  }
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
  return { ...(raw as unknown as Omit<StoredSummary, 'arn'>), arn };
}
