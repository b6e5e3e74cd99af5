import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../core/types.js';
import { createDynamoClient } from '../aws-clients.js';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import { DynamoUsageStore } from './dynamo-usage-store.js';
import { injectFaults } from './fault-injection.js';
import { createUsageTables } from './tables.js';
import {
  type FaultSwitch,
  loadFixtureCalls,
  readBack,
  referenceOf,
  runSchedule,
  type Step,
  shardCalls,
} from './test-support.js';

let aws: LocalAws;
let calls: ApiCall[];
let tables = 0;

beforeAll(async () => {
  aws = await startLocalAws();
  const all = await loadFixtureCalls();
  calls = [...all.slice(3000, 3120), ...all.slice(5000, 5120)];
});

afterAll(async () => {
  await aws?.close();
});

/** A shard's own store and client (each shard has its own Lambda instance), with its faults. */
function shardStore(table: string, bucketBytes: number): { store: DynamoUsageStore; faults: FaultSwitch } {
  const client = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
  const settings = injectFaults(client);
  const faults: FaultSwitch = {
    arm: (action, k) => {
      if (action === 'crash') settings.putsBeforeCrash = k;
      else settings.putsBeforeLostResponse = k;
    },
    disarm: () => {
      settings.putsBeforeCrash = undefined;
      settings.putsBeforeLostResponse = undefined;
    },
  };
  return {
    store: new DynamoUsageStore({ client, tables: { usage: table }, bucketBytes }),
    faults,
  };
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  size: fc.integer({ min: 1, max: 80 }),
  action: fc.constantFrom('ok', 'twice', 'crash', 'lost', 'bisect'),
  k: fc.nat(5),
});

describe('DynamoUsageStore on dynalite under random batching, retries, bisects, crashes and lost responses', () => {
  it('gives exactly the core fold, with two shards writing concurrently', async () => {
    const shards = shardCalls(calls, 2);
    const reference = referenceOf(calls);

    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(1_500, 4_000, 300_000),
        async (stepsA, stepsB, bucketBytes) => {
          const table = `usage-${++tables}`;
          await createUsageTables(createDynamoClient({ endpoint: aws.dynamodbEndpoint }), { usage: table });
          const stores = shards.map(() => shardStore(table, bucketBytes));

          await Promise.all(
            shards.map((shard, i) => {
              const { store, faults } = stores[i] as (typeof stores)[0];
              return runSchedule(store, shard, i === 0 ? stepsA : stepsB, faults);
            }),
          );

          expect(await readBack(stores[0]?.store as DynamoUsageStore, reference)).toEqual(reference);
        },
      ),
      { numRuns: 12 },
    );
  });
});
