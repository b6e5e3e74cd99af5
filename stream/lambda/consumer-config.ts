import { z } from 'zod';
import { parseEnv, requiredString } from './env-config.js';

/** The consumer Lambda's environment: table names and the optional alert bus. */
export const ConsumerConfigSchema = z
  .object({
    IAMLP_USAGE_TABLE: requiredString('the usage table name'),
    IAMLP_STATE_TABLE: requiredString('the state table name'),
    /** Name or ARN of the EventBridge bus alerts are published to; absent, alerts are only stored. */
    IAMLP_ALERT_BUS: z.string().trim().min(1, 'must not be empty when set').optional(),
  })
  .transform((env) => ({
    usageTable: env.IAMLP_USAGE_TABLE,
    stateTable: env.IAMLP_STATE_TABLE,
    alertBus: env.IAMLP_ALERT_BUS,
  }));

/** The consumer Lambda's parsed configuration. */
export type ConsumerConfig = z.output<typeof ConsumerConfigSchema>;

/** Reads the consumer's configuration from the environment, failing fast with the variable's name. */
export function loadConsumerConfig(env: Readonly<Record<string, string | undefined>>): ConsumerConfig {
  return parseEnv(ConsumerConfigSchema, env);
}
