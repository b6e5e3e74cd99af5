/**
 * Guards against attacker-influenced request values. CloudTrail copies request parameters verbatim, so a name can
 * carry IAM wildcards, policy variables or megabytes of text; emitting such a value into a policy would widen or
 * corrupt the grant, so callers fall back to an unresolved `"*"` instead.
 */

/** Longest value or ARN accepted; IAM ARNs are far shorter, anything longer is noise or an attack. */
export const MAX_VALUE_LENGTH = 2048;

/** Most resources one action may resolve to before the answer is treated as unresolved (bounds work per event). */
export const MAX_RESOURCES = 100;

// IAM reads `*` and `?` as wildcards and `${…}` as a policy variable. Control (Cc), format (Cf: zero-width, bidi
// overrides, BOM) and non-space whitespace characters are never part of a real resource name. A plain space is left
// to the per-variable classes because S3 object keys may contain one.
const FORBIDDEN = /[*?\p{Cc}\p{Cf}]|\$\{|[^\S ]/u;

/** True when a value may be placed into an ARN: non-empty, bounded, and free of wildcard/variable/control chars. */
export function isSafeValue(value: string): boolean {
  return value.length > 0 && value.length <= MAX_VALUE_LENGTH && !FORBIDDEN.test(value);
}
