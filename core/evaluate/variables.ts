import type { NormalisedContext } from './context.js';
import { LITERAL_QUESTION, LITERAL_STAR } from './wildcard.js';

const VARIABLE = /\$\{([^}]*)\}/g;
const WITH_DEFAULT = /^\s*([^,]+?)\s*,\s*'([^']*)'\s*$/;

/** Keeps `*` and `?` from a context value literal when it is inserted into a pattern. */
function literal(value: string): string {
  return value.replaceAll('*', LITERAL_STAR).replaceAll('?', LITERAL_QUESTION);
}

function resolve(body: string, context: NormalisedContext): string | undefined {
  if (body === '*') return LITERAL_STAR;
  if (body === '?') return LITERAL_QUESTION;
  if (body === '$') return '$';
  const withDefault = WITH_DEFAULT.exec(body);
  const key = (withDefault?.[1] ?? body).trim().toLowerCase();
  const values = context.get(key);
  // A multivalued key cannot stand in for a variable; it resolves like a missing key.
  if (values?.length === 1) return literal(values[0] as string);
  return withDefault ? literal(withDefault[2] as string) : undefined;
}

/**
 * Replaces policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`, `${$}`, and
 * `${key, 'default'}`) with request context values; undefined when a variable has neither a value nor a default,
 * in which case the policy value matches nothing.
 */
export function substituteVariables(text: string, context: NormalisedContext): string | undefined {
  if (!text.includes('${')) return text;
  let missing = false;
  const out = text.replace(VARIABLE, (_match, body: string) => {
    const value = resolve(body, context);
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : out;
}
