/**
 * Stand-ins that policy variables produce for literal characters (`${*}`, `${?}`, and `*`/`?` inside a variable's
 * value): they match only themselves, never act as wildcards.
 */
export const LITERAL_STAR = '\uE000';
export const LITERAL_QUESTION = '\uE001';

function literalOf(pc: string): string | undefined {
  if (pc === LITERAL_STAR) return '*';
  if (pc === LITERAL_QUESTION) return '?';
  return undefined;
}

/**
 * Glob matching as IAM does it: `*` is any run of characters (none included), `?` exactly one. Iterative with
 * backtracking to the last `*` only, so linear in practice and immune to catastrophic backtracking.
 */
export function globMatch(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && (pc === '?' || pc === text[t] || literalOf(pc) === text[t])) {
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

/** Splits an ARN into its six parts (the resource part keeps its colons); undefined when it is not an ARN. */
export function splitArn(value: string): string[] | undefined {
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * Matches a resource (or an `Arn*` condition value) against an ARN pattern: each of the six colon-separated parts
 * separately, case-sensitively, so a wildcard in the region never spills into the account. A pattern that is not
 * an ARN (`*`) is matched against the whole value.
 */
export function arnMatch(value: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  if (p === undefined) return globMatch(value, pattern);
  const v = splitArn(value);
  if (v === undefined) return false;
  return p.every((part, i) => globMatch(v[i] as string, part));
}
