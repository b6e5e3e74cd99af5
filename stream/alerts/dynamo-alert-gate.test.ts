import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoClient } from '../aws-clients.js';
import { createDedupeTable } from '../dedupe/dynamo-dedupe-window.js';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import type { Alert } from './alert.js';
import { DynamoAlertGate } from './dynamo-alert-gate.js';
import { DynamoAlertSink, listAlerts } from './dynamo-alert-sink.js';
import { gateKeyOf } from './gate-io.js';
import { callOf, DENIED, RecordingSink } from './test-support.js';

let aws: LocalAws;
let client: DynamoDBClient;
let tables = 0;

beforeAll(async () => {
  aws = await startLocalAws();
  client = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
});

afterAll(async () => {
  await aws.close();
});

const T0 = Date.UTC(2026, 0, 1);
const KEY = 'iam:CreateAccessKey';

/** A fresh state table with the local sink behind a recording, fault-injecting sink. */
async function setup() {
  const tableName = `alerts-${++tables}`;
  await createDedupeTable(client, tableName);
  const sink = new RecordingSink(new DynamoAlertSink({ client, tableName }));
  const gate = (options: { now?: () => number } = {}) =>
    new DynamoAlertGate({ client, tableName, sink, ...options });
  return { tableName, sink, gate, stored: () => listAlerts(client, tableName) };
}

async function statusOf(tableName: string, alert: Pick<Alert, 'kind' | 'principal' | 'action'>) {
  const key = gateKeyOf(alert);
  const item = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: true,
    }),
  );
  return item.Item?.status?.S;
}

describe('DynamoAlertGate with DynamoAlertSink (dynalite)', () => {
  it('raises exactly one alert for the first use, from the earliest call of the batch', async () => {
    const { gate, stored, tableName } = await setup();
    const calls = [
      callOf({ id: 'late', time: T0 + 9, actions: [KEY] }),
      callOf({ id: 'early', time: T0 + 1, actions: [KEY, 's3:ListAllMyBuckets'] }),
    ];

    const result = await gate().process(calls);

    const alerts = await stored();
    expect(result).toEqual({ published: 1, writes: 2 });
    expect(alerts.map((a) => [a.kind, a.action, a.eventId])).toEqual([['first-use', KEY, 'early']]);
    expect(await statusOf(tableName, alerts[0] as Alert)).toBe('sent');
  });

  it('re-applying the same batch (same consumer or a cold one) raises nothing more', async () => {
    const { gate, sink, stored } = await setup();
    const calls = [callOf({ id: 'e1', time: T0, actions: [KEY] })];
    const warm = gate();

    await warm.process(calls);
    const again = await warm.process(calls);
    const cold = await gate().process(calls);

    expect(again).toEqual({ published: 0, writes: 0 });
    expect(cold).toEqual({ published: 0, writes: 0 });
    expect(sink.published).toHaveLength(1);
    expect(await stored()).toHaveLength(1);
  });

  it('a crash between the gate write and the publication is repaired by the retry, still one stored alert', async () => {
    const { gate, sink, stored, tableName } = await setup();
    const calls = [callOf({ id: 'e1', time: T0, actions: [KEY] })];
    sink.failNext();

    const crashed = await gate()
      .process(calls)
      .catch((e: unknown) => e);
    const pending = await statusOf(tableName, {
      kind: 'first-use',
      principal: calls[0]?.principal.arn ?? '',
      action: KEY,
    });
    const retried = await gate().process(calls);
    await gate().process(calls);

    expect(crashed).toMatchObject({ code: 'UNAVAILABLE' });
    expect(pending).toBe('pending');
    expect(retried).toEqual({ published: 1, writes: 1 });
    expect((await stored()).map((a) => a.eventId)).toEqual(['e1']);
  });

  it('a retry that re-sends the crashed call with an earlier one of the same pair publishes the stored alert', async () => {
    const { gate, sink, stored } = await setup();
    const owner = callOf({ id: 'owner', time: T0 + 5, actions: [KEY] });
    const earlier = callOf({ id: 'earlier', time: T0 + 1, actions: [KEY] });
    sink.failNext();

    await expect(gate().process([owner])).rejects.toThrow();
    await gate().process([earlier, owner]);

    expect(sink.published.map((a) => a.eventId)).toEqual(['owner']);
    expect((await stored()).map((a) => a.eventId)).toEqual(['owner']);
  });

  it('two shards racing on the same principal and action raise one alert per pair', async () => {
    const { gate, sink, stored } = await setup();
    const roles = Array.from({ length: 12 }, (_, i) => `racer-${i}`);
    const shard = (tag: string) =>
      roles.map((role, i) => callOf({ id: `${tag}-${i}`, time: T0 + i, role, actions: [KEY] }));
    const [left, right] = [gate(), gate()];

    const results = await Promise.all([left.process(shard('a')), right.process(shard('b'))]);

    expect(results.reduce((n, r) => n + r.published, 0)).toBe(roles.length);
    // Both read every gate as absent before either wrote: the losers' conditional puts prove the race was real.
    expect(results.reduce((n, r) => n + r.writes, 0)).toBeGreaterThan(roles.length * 2);
    expect(sink.published).toHaveLength(roles.length);
    expect(new Set((await stored()).map((a) => a.principal)).size).toBe(roles.length);
    expect(await stored()).toHaveLength(roles.length);
  });

  it('later uses raise nothing and cost no request once the gate is known', async () => {
    const { gate, sink } = await setup();
    const consumer = gate();
    await consumer.process([callOf({ id: 'first', time: T0, actions: [KEY] })]);
    const send = vi.spyOn(client, 'send');

    const later = await consumer.process([callOf({ id: 'second', time: T0 + 1000, actions: [KEY] })]);

    expect(later).toEqual({ published: 0, writes: 0 });
    expect(send).not.toHaveBeenCalled();
    send.mockRestore();
    expect(sink.published.map((a) => a.eventId)).toEqual(['first']);
  });

  it('records the first denied attempt as its own kind; a later success still raises the first-use alert', async () => {
    const { gate, stored } = await setup();
    const consumer = gate();

    await consumer.process([
      callOf({ id: 'd1', time: T0, actions: ['cloudtrail:StopLogging'], outcome: DENIED }),
      callOf({ id: 'd2', time: T0 + 1, actions: ['cloudtrail:StopLogging'], outcome: DENIED }),
    ]);
    await consumer.process([
      callOf({ id: 'd3', time: T0 + 2, actions: ['cloudtrail:StopLogging'], outcome: DENIED }),
    ]);
    await consumer.process([callOf({ id: 'ok', time: T0 + 3, actions: ['cloudtrail:StopLogging'] })]);

    expect((await stored()).map((a) => [a.kind, a.eventId, a.errorCode])).toEqual([
      ['denied', 'd1', 'AccessDenied'],
      ['first-use', 'ok', undefined],
    ]);
  });

  it("leaves another shard's pending gate to it, and finishes it once it is orphaned", async () => {
    const { gate, sink, stored } = await setup();
    let now = T0;
    const clock = () => now;
    sink.failNext();
    await expect(
      gate({ now: clock }).process([callOf({ id: 'lost', time: T0, actions: [KEY] })]),
    ).rejects.toThrow();

    const meanwhile = await gate({ now: clock }).process([
      callOf({ id: 'other', time: T0 + 1, actions: [KEY] }),
    ]);
    now += 16 * 60 * 1000;
    const later = await gate({ now: clock }).process([
      callOf({ id: 'other2', time: T0 + 2, actions: [KEY] }),
    ]);

    expect(meanwhile.published).toBe(0);
    expect(later.published).toBe(1);
    expect((await stored()).map((a) => [a.eventId, a.detectedAt])).toEqual([['lost', T0]]);
  });
});

describe('DynamoAlertSink', () => {
  it('pages alerts by event time and stores a re-publication once', async () => {
    const { tableName, gate, stored } = await setup();
    const sink = new DynamoAlertSink({ client, tableName });
    await gate().process([
      callOf({ id: 'a', time: T0, actions: [KEY] }),
      callOf({ id: 'b', time: T0 + 60_000, role: 'other', actions: [KEY] }),
    ]);
    const [first] = await stored();

    await sink.publish(first as Alert);

    expect(await stored()).toHaveLength(2);
    expect((await listAlerts(client, tableName, { since: T0 + 1 })).map((a) => a.eventId)).toEqual(['b']);
    expect(await listAlerts(client, tableName, { limit: 1 })).toEqual([first]);
  });

  it('POSTs each alert to the webhook and never fails the publication when the webhook does', async () => {
    const { tableName } = await setup();
    const bodies: unknown[] = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        bodies.push(JSON.parse(text));
        res.statusCode = bodies.length === 1 ? 204 : 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const logs: Record<string, unknown>[] = [];
    const sink = new DynamoAlertSink({ client, tableName, webhookUrl: url, log: (l) => logs.push(l) });
    const unreachable = new DynamoAlertSink({
      client,
      tableName,
      webhookUrl: 'http://127.0.0.1:1/x',
      log: (l) => logs.push(l),
    });
    const consumer = new DynamoAlertGate({ client, tableName, sink });
    try {
      await consumer.process([callOf({ id: 'a', time: T0, actions: [KEY] })]);
      await sink.publish((await listAlerts(client, tableName))[0] as Alert);
      await unreachable.publish((await listAlerts(client, tableName))[0] as Alert);
    } finally {
      server.close();
    }

    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({
      source: 'iamlp',
      'detail-type': 'iamlp.HighRiskActionFirstSeen',
      detail: { action: KEY, eventID: 'a' },
    });
    expect(logs.map((l) => l.msg)).toEqual(['alert webhook refused', 'alert webhook failed']);
    expect(await listAlerts(client, tableName)).toHaveLength(1);
  });
});
