/**
 * Small sorted string sets stored as arrays: aggregates hold a handful of regions, accounts and session names,
 * so arrays beat Set objects in memory and serialise as they are.
 */

/** Inserts a value into a sorted array in place, keeping it sorted and unique. */
export function insertSorted(values: string[], value: string): void {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const current = values[mid] as string;
    if (current === value) return;
    if (current < value) lo = mid + 1;
    else hi = mid;
  }
  values.splice(lo, 0, value);
}

const EMPTY: readonly string[] = Object.freeze([]);
const MAX_SHARED_SINGLETONS = 10_000;
const singletons = new Map<string, readonly string[]>();

/** The empty set, shared. */
export const EMPTY_SET = EMPTY;

/**
 * Returns a sorted set with `value` added, without modifying `values`: the same array when the value is present,
 * a shared frozen one-element array for the most common case (one region, one account), else a copy. Aggregates
 * are numerous and their sets rarely change after the first call, so sharing saves most of their memory.
 */
export function withValue(values: readonly string[], value: string): readonly string[] {
  if (values.length === 0) {
    let single = singletons.get(value);
    if (!single) {
      single = Object.freeze([value]);
      if (singletons.size < MAX_SHARED_SINGLETONS) singletons.set(value, single);
    }
    return single;
  }
  if (values.length === 1 && values[0] === value) return values;
  if (values.includes(value)) return values;
  const copy = [...values];
  insertSorted(copy, value);
  return copy;
}

/** Returns the sorted union of two sorted unique arrays. */
export function unionSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as string);
  while (j < b.length) out.push(b[j++] as string);
  return out;
}

/**
 * A bounded set keeps the `limit` smallest values of everything it has seen, plus whether anything was dropped.
 * Keeping the smallest (not the first) values makes merging associative, commutative and idempotent.
 */
export interface BoundedSet {
  readonly values: readonly string[];
  readonly truncated: boolean;
}

/** Maximum number of session names / source identities kept per aggregate. */
export const BOUNDED_SET_LIMIT = 10;

/** Merges two bounded sets. */
export function mergeBounded(a: BoundedSet, b: BoundedSet, limit = BOUNDED_SET_LIMIT): BoundedSet {
  const union = unionSorted(a.values, b.values);
  return {
    values: union.length > limit ? union.slice(0, limit) : union,
    truncated: a.truncated || b.truncated || union.length > limit,
  };
}

/** The empty bounded set, shared. */
export const EMPTY_BOUNDED: BoundedSet = Object.freeze({ values: EMPTY, truncated: false });

/** Returns a bounded set with `value` added, without modifying `set` (the same object when nothing changes). */
export function withBoundedValue(set: BoundedSet, value: string, limit = BOUNDED_SET_LIMIT): BoundedSet {
  const last = set.values[set.values.length - 1];
  if (set.values.length >= limit && last !== undefined && value > last) {
    // Full, and the value sorts after everything kept: it would be dropped at once.
    return set.truncated ? set : { values: set.values, truncated: true };
  }
  const values = withValue(set.values, value);
  if (values === set.values) return set;
  if (values.length <= limit) return { values, truncated: set.truncated };
  return { values: values.slice(0, limit), truncated: true };
}
