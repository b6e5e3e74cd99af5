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

/** Adds a value to a mutable bounded set in place. */
export function addBounded(
  set: { values: string[]; truncated: boolean },
  value: string,
  limit = BOUNDED_SET_LIMIT,
) {
  insertSorted(set.values, value);
  if (set.values.length > limit) {
    set.values.length = limit;
    set.truncated = true;
  }
}
