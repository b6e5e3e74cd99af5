import type { ContextValues } from './types.js';

/** Request context with lower-case keys and every value as an array, built once per request. */
export type NormalisedContext = ReadonlyMap<string, readonly string[]>;

/** Lower-cases the keys (IAM compares condition key names case-insensitively) and makes every value an array. */
export function normaliseContext(context: ContextValues | undefined): NormalisedContext {
  const out = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(context ?? {})) {
    out.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
  }
  return out;
}
