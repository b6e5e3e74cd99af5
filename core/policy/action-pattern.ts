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

/**
 * Iterative wildcard matching with backtracking to the last `*` only: linear in practice and, unlike a regular
 * expression built from user input, immune to catastrophic backtracking.
 */
function globMatch(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && (pc === '?' || pc === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
