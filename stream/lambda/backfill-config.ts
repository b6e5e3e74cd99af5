import { z } from 'zod';
import { parseEnv, requiredString } from './env-config.js';

/** The backfill Lambda's environment: the stream to replay into and where S3 lives. */
export const BackfillConfigSchema = z
  .object({
    IAMLP_STREAM_NAME: requiredString('the Kinesis stream name'),
    /** Set by Lambda itself. */
    AWS_REGION: requiredString('set by Lambda'),
    /** `amazonaws.com` unless in another partition; infra sets it from the stack's URL suffix. */
    IAMLP_URL_SUFFIX: z.string().trim().min(1).default('amazonaws.com'),
    /** Largest log object replayed, in bytes (default 256 MiB: Lambda's /tmp must hold it). */
    IAMLP_MAX_OBJECT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024 * 1024),
    /** Where objects are downloaded to (default /tmp). */
    IAMLP_TMP_DIR: z.string().min(1).default('/tmp'),
  })
  .transform((env) => ({
    streamName: env.IAMLP_STREAM_NAME,
    region: env.AWS_REGION,
    urlSuffix: env.IAMLP_URL_SUFFIX,
    maxObjectBytes: env.IAMLP_MAX_OBJECT_BYTES,
    tmpDir: env.IAMLP_TMP_DIR,
  }));

/** The backfill Lambda's parsed configuration. */
export type BackfillConfig = z.output<typeof BackfillConfigSchema>;

/** Reads the backfill's configuration from the environment, failing fast with the variable's name. */
export function loadBackfillConfig(env: Readonly<Record<string, string | undefined>>): BackfillConfig {
  return parseEnv(BackfillConfigSchema, env);
}
