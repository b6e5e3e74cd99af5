import { IAMClient } from '@aws-sdk/client-iam';
import { handle } from 'hono/aws-lambda';
import { createDynamoClient } from '../stream/aws-clients.js';
import { DynamoUsageStore } from '../stream/store/index.js';
import { createApp } from './app.js';
import { parseApiEnv } from './config.js';
import { GrantedDriftEngine } from './drift.js';
import { IamGrantedSource } from './granted/index.js';
import { DynamoApiReader } from './read-model/dynamo-reader.js';

// Built once per cold start; warm invocations reuse the clients and the cached overview.
const env = parseApiEnv(process.env);
const client = createDynamoClient();
const store = new DynamoUsageStore({ client, tables: { usage: env.IAMLP_USAGE_TABLE } });
const granted =
  env.IAMLP_GRANTED_SOURCE === 'iam'
    ? new IamGrantedSource({ client: new IAMClient({}), ttlMs: env.IAMLP_GRANTED_TTL_SECONDS * 1000 })
    : undefined;

const app = createApp({
  reader: new DynamoApiReader({
    client,
    store,
    stateTable: env.IAMLP_STATE_TABLE,
    refreshMs: env.IAMLP_REFRESH_MS,
  }),
  drift: new GrantedDriftEngine(granted),
  auth: env.IAMLP_AUTH === 'iam' ? { kind: 'iam' } : { kind: 'token', token: env.IAMLP_API_TOKEN as string },
  ...(env.IAMLP_CORS_ORIGIN === undefined ? {} : { corsOrigin: env.IAMLP_CORS_ORIGIN }),
  // Replaced by the package version when bundled (scripts/bundle-lambdas.ts).
  version: process.env.IAMLP_VERSION ?? '0.0.0',
  log: (line) => console.error(JSON.stringify(line)),
});

/** The API Lambda's handler (API Gateway HTTP API, payload format 2.0). */
export const handler = handle(app);
