import { afterAll, beforeAll } from 'vitest';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import { describeStoreContract } from './store-contract-test-harness.js';

let aws: LocalAws;

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws?.close();
});

// The store's exactly-once scenarios (store-contract-test-harness.ts) on dynalite. The random fault-schedule
// property runs 12 times here (about 5 s on dynalite) and 6 times on DynamoDB Local.
describeStoreContract('dynalite', () => aws.dynamodbEndpoint, { propertyRuns: 12 });
