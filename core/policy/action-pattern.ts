import { globMatch } from '../evaluate/wildcard.js';

/**
 * Tests an IAM action against a glob pattern such as `s3:*`, `iam:Get*` or `*:List*`: case-insensitive, `*`
 * matches any run of characters (the `:` included) and `?` exactly one.
 */
export function matchesActionPattern(action: string, pattern: string): boolean {
  return globMatch(action.toLowerCase(), pattern.toLowerCase());
}

/** True when the action matches at least one pattern. */
export function matchesAnyPattern(action: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesActionPattern(action, p));
}
