import { z } from 'zod';

/** The deployed API's environment, parsed once at cold start. */
export const ApiEnvSchema = z.object({
  IAMLP_USAGE_TABLE: z.string().min(3).max(255),
  IAMLP_STATE_TABLE: z.string().min(3).max(255),
  /** `iam`: API Gateway checks SigV4 (deployed default); `token`: a bearer token in IAMLP_API_TOKEN. */
  IAMLP_AUTH: z.enum(['iam', 'token']).default('iam'),
  IAMLP_API_TOKEN: z.string().min(16).optional(),
  /** Origin of the web UI (CloudFront), allowed by CORS. */
  IAMLP_CORS_ORIGIN: z.url().optional(),
  /** `iam`: read granted permissions from IAM; `none`: drift reports no grants. */
  IAMLP_GRANTED_SOURCE: z.enum(['iam', 'none']).default('iam'),
  IAMLP_GRANTED_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** How often a warm API re-reads the overview (ms). */
  IAMLP_REFRESH_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
});

/** The parsed environment. */
export type ApiEnv = z.infer<typeof ApiEnvSchema>;

/** Parses the environment; throws one line naming the first bad variable (the function then fails to start). */
export function parseApiEnv(env: Record<string, string | undefined>): ApiEnv {
  const result = ApiEnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `iamlp api: environment variable ${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}`,
    );
  }
  if (result.data.IAMLP_AUTH === 'token' && result.data.IAMLP_API_TOKEN === undefined)
    throw new Error('iamlp api: environment variable IAMLP_API_TOKEN: required when IAMLP_AUTH=token');
  return result.data;
}
