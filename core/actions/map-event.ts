import type { ActionTarget, CallContext } from '../call-context.js';
import { ACTION_MAP_DATA } from '../data/action-map.generated.js';
import { decodeRule, type Rule } from './action-map-data.js';
import { MAX_EVENT_NAME_LENGTH, normaliseEventName } from './event-names.js';
import { resolveServicePrefix } from './event-sources.js';
import { EVENT_OVERRIDES, EXTRA_RULES } from './overrides.js';
import { lookupAction } from './reference-data.js';
import { type CompiledRule, compileRules, isConditional, selectTargets } from './rules.js';

/** Why an event could not be mapped; a closed list so reports can group by it. */
export const UNMAPPED_REASONS = [
  'unknown event source',
  'no table entry',
  'action not in IAM reference',
] as const;
/** One of UNMAPPED_REASONS. */
export type UnmappedReason = (typeof UNMAPPED_REASONS)[number];

/** Result of mapping one CloudTrail call to the IAM actions it needs (before resources are resolved). */
export type ActionMapping =
  | { readonly kind: 'mapped'; readonly targets: readonly ActionTarget[] }
  | { readonly kind: 'unmapped'; readonly reason: UnmappedReason };

type Entry =
  | { readonly kind: 'fixed'; readonly mapping: ActionMapping }
  | { readonly kind: 'conditional'; readonly rules: readonly CompiledRule[] };

const unmapped = (reason: UnmappedReason): Entry => ({
  kind: 'fixed',
  mapping: Object.freeze({ kind: 'unmapped', reason }),
});
const UNKNOWN_SOURCE = unmapped('unknown event source');
const NO_ENTRY = unmapped('no table entry');
const NOT_IN_IAM = unmapped('action not in IAM reference');

/** Own-property read: event names are attacker-influenced and must not reach `__proto__` or `constructor`. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Finds the rules for an event: override, then derived table, then the `prefix:eventName` fallback. */
function findRules(prefix: string, eventName: string): Rule[] | 'not-in-iam' | undefined {
  const names = [...new Set([eventName, normaliseEventName(eventName)])];
  let knownButUnmapped = false;
  for (const name of names) {
    const override = own(EVENT_OVERRIDES, `${prefix}:${name}`);
    if (override !== undefined) return [...override];
    const encoded = own(own(ACTION_MAP_DATA.services, prefix), name);
    if (encoded !== undefined && encoded.length > 0) return encoded.map(decodeRule);
    if (encoded !== undefined) knownButUnmapped = true;
  }
  // Legitimate fallback: most events are named after their action, so `prefix:eventName` is used when the IAM
  // reference data has exactly that action (S3's GetBucketObjectLockConfiguration, services newer than map.json).
  for (const name of names) {
    const info = lookupAction(`${prefix}:${name}`);
    if (info !== undefined) return [{ action: info.action }];
  }
  return knownButUnmapped ? 'not-in-iam' : undefined;
}

function compileEntry(eventSource: string, eventName: string): Entry {
  const prefix = resolveServicePrefix(eventSource);
  if (prefix === undefined) return UNKNOWN_SOURCE;
  if (eventName === '' || eventName.length > MAX_EVENT_NAME_LENGTH) return NO_ENTRY;
  const found = findRules(prefix, eventName);
  if (found === 'not-in-iam') return NOT_IN_IAM;
  if (found === undefined) return NO_ENTRY;
  const extra = own(EXTRA_RULES, `${prefix}:${normaliseEventName(eventName)}`) ?? [];
  const rules = compileRules(prefix, [...found, ...extra]);
  if (rules.length === 0) return NOT_IN_IAM;
  if (isConditional(rules)) return { kind: 'conditional', rules };
  const targets = Object.freeze(rules.map((r) => r.target));
  return { kind: 'fixed', mapping: Object.freeze({ kind: 'mapped', targets }) };
}

/** Bounds the cache: event names come from untrusted records, so distinct keys are unbounded. */
const MAX_CACHED = 20_000;
const cache = new Map<string, Map<string, Entry>>();
let cached = 0;

function entryFor(eventSource: string, eventName: string): Entry {
  let byName = cache.get(eventSource);
  const hit = byName?.get(eventName);
  if (hit !== undefined) return hit;
  const entry = compileEntry(eventSource, eventName);
  if (cached >= MAX_CACHED) {
    cache.clear();
    cached = 0;
    byName = undefined;
  }
  if (byName === undefined) {
    byName = new Map();
    cache.set(eventSource, byName);
  }
  byName.set(eventName, entry);
  cached++;
  return entry;
}

/**
 * Maps a CloudTrail call to the IAM actions it needs: eventSource → IAM prefix, eventName (version suffix
 * stripped) → rules from the override table or the table derived from map.json, conditions and implied
 * iam:PassRole evaluated against the request parameters. Results that do not depend on the request are cached
 * and shared (frozen).
 */
export function mapEventToActions(ctx: CallContext): ActionMapping {
  const entry = entryFor(ctx.eventSource, ctx.eventName);
  if (entry.kind === 'fixed') return entry.mapping;
  return { kind: 'mapped', targets: selectTargets(entry.rules, ctx.requestParameters) };
}
