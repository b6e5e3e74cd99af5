import { z } from 'zod';

/** A Lambda's environment did not hold a valid configuration; the message names every offending variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'INVALID_CONFIG';

  constructor(
    message: string,
    /** The environment variables that are missing or invalid. */
    readonly variables: readonly string[],
  ) {
    super(message);
  }
}

/** A required, non-blank string variable; `what` says what it holds. */
export function requiredString(what: string): z.ZodString {
  const message = `required (${what})`;
  return z.string({ error: message }).trim().min(1, message);
}

/**
 * Parses a Lambda's environment once with a zod object schema whose keys are variable names; throws a
 * {@link ConfigError} naming each missing or invalid variable (never echoing its value).
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(environment)'),
    message: issue.message,
  }));
  const variables = [...new Set(problems.map((p) => p.variable))];
  const detail = problems.map((p) => `${p.variable}: ${p.message}`).join('; ');
  return fail(new ConfigError(`invalid Lambda configuration: ${detail}`, variables));
}

function fail(error: ConfigError): never {
  throw error;
}
