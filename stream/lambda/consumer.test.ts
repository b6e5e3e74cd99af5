import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoClient } from '../aws-clients.js';
import { createDedupeTable } from '../dedupe/dynamo-dedupe-window.js';
import { partitionKeyOf, toEventBridgeEvent } from '../eventbridge/index.js';
import { readRecords } from '../input/index.js';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import type { KinesisStreamEvent } from '../poller/lambda-kinesis-types.js';
import { createUsageTables } from '../store/index.js';

/** The deployed entry point, as Lambda loads it: configuration from the environment, SDK clients from defaults. */
let aws: LocalAws;

beforeAll(async () => {
  aws = await startLocalAws();
  const client = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
  await createUsageTables(client, { usage: 'lambda-usage' });
  await createDedupeTable(client, 'lambda-state');
  client.destroy();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await aws.close();
});

async function kinesisEvent(): Promise<KinesisStreamEvent> {
  const records: KinesisStreamEvent['Records'] = [];
  for await (const batch of readRecords(['fixtures/edge/data-events.json.gz'])) {
    for (const raw of batch) {
      const event = toEventBridgeEvent(raw.value as Record<string, unknown>);
      const sequenceNumber = String(49_000_000_000 + records.length);
      records.push({
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: partitionKeyOf(event).key,
          sequenceNumber,
          data: Buffer.from(JSON.stringify(event)).toString('base64'),
          approximateArrivalTimestamp: Date.now() / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::111122223333:role/consumer',
        awsRegion: 'us-east-1',
        eventSourceARN: 'arn:aws:kinesis:us-east-1:111122223333:stream/iamlp',
      });
    }
  }
  return { Records: records };
}

describe('consumer Lambda entry point', () => {
  it('fails at load time naming the missing variable', async () => {
    vi.stubEnv('IAMLP_USAGE_TABLE', 'lambda-usage');
    vi.stubEnv('IAMLP_STATE_TABLE', '');
    vi.resetModules();

    await expect(import('./consumer.js')).rejects.toThrow(/IAMLP_STATE_TABLE/);
  });

  it('stores a batch in the configured tables and reports no failures', async () => {
    vi.stubEnv('IAMLP_USAGE_TABLE', 'lambda-usage');
    vi.stubEnv('IAMLP_STATE_TABLE', 'lambda-state');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', aws.dynamodbEndpoint);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    vi.resetModules();
    const { handler } = await import('./consumer.js');
    const event = await kinesisEvent();
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    const response = await handler(event);
    const lines = log.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>);
    log.mockRestore();

    expect(response).toEqual({ batchItemFailures: [] });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'batch', records: event.Records.length }));
    const client = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
    const usage = await client.send(new ScanCommand({ TableName: 'lambda-usage' }));
    client.destroy();
    expect(usage.Items?.length ?? 0).toBeGreaterThan(0);
  });
});
