import type { PolicyDocument } from '../../core/policy/index.js';

/** Converts an IAM wildcard pattern (`*`, `?`) into an anchored regular expression. */
function wildcard(pattern: string, flags = ''): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

const asList = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

/**
 * True when some Allow statement of the documents matches the action (case-insensitive, as IAM does) and the
 * resource (case-sensitive). Conditions are ignored: they narrow how, not whether, the grant is drafted.
 */
export function policyAllows(
  documents: readonly PolicyDocument[],
  action: string,
  resource: string,
): boolean {
  return documents.some((doc) =>
    doc.Statement.some(
      (s) =>
        s.Effect === 'Allow' &&
        asList(s.Action).some((a) => wildcard(a, 'i').test(action)) &&
        asList(s.Resource).some((r) => wildcard(r).test(resource)),
    ),
  );
}
