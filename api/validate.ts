import type { z } from 'zod';
import { ApiError } from './errors.js';

/**
 * Parses input with a contract schema; a failure is a 400 naming the parameter and what is expected — never the
 * value received (it may be attacker-controlled, and would be reflected into the client).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const messages = result.error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    return `${where}: ${describe(issue)}`;
  });
  throw new ApiError('BAD_REQUEST', messages.join('; '));
}

/** The issue's message when it is one of ours, or a fixed description of its kind (zod's may quote input). */
function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must not be shorter than ${issue.minimum}`
        : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must not be longer than ${issue.maximum}`
        : `must be at most ${issue.maximum}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'custom':
    case 'invalid_format':
      return issue.message;
    default:
      return 'is not valid';
  }
}

/** Query parameters as an object: one value as a string, a repeated parameter as an array of its values. */
export function queryObject(queries: Record<string, string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(queries))
    out[key] = values.length === 1 ? (values[0] as string) : values;
  return out;
}
