import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateStreamCommand, type KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../core/analysis/analyzer.js';
import { normaliseRecord } from '../core/cloudtrail/normalise.js';
import { riskOf } from '../core/risk/index.js';
import type { ApiCall } from '../core/types.js';
import { type Alert, DynamoAlertGate, DynamoAlertSink, listAlerts } from '../stream/alerts/index.js';
import { flakySink } from '../stream/alerts/test-support.js';
import { createDynamoClient, createKinesisClient } from '../stream/aws-clients.js';
import { createConsumerHandler, DynamoQuarantineSink } from '../stream/consumer/index.js';
import { createDedupeTable, DynamoDedupeWindow } from '../stream/dedupe/dynamo-dedupe-window.js';
import { partitionKeyOf, toEventBridgeEvent } from '../stream/eventbridge/index.js';
import { readRecords } from '../stream/input/index.js';
import { type LocalAws, startLocalAws } from '../stream/local/emulators.js';
import type { KinesisStreamEvent, KinesisStreamHandler } from '../stream/poller/index.js';
import { silentLogger, startPoller } from '../stream/poller/index.js';
import { createUsageTables, DynamoUsageStore } from '../stream/store/index.js';

/**
 * The production path end to end on the real wire protocols: records wrapped as EventBridge delivers them → kinesalite
 * → local event source mapping (retries, bisect) → consumer → dynalite. The stored aggregates must equal core's
 * in-memory fold of the distinct events, field by field, despite redeliveries, poison records and crashes.
 */
let aws: LocalAws;
let kinesis: KinesisClient;
let events: Record<string, unknown>[];

beforeAll(async () => {
  aws = await startLocalAws();
  kinesis = createKinesisClient({ endpoint: aws.kinesisEndpoint });
  events = [];
  for await (const batch of readRecords([
    'fixtures/edge',
    'fixtures/real/stratus-red-team-detonation-logs',
  ])) {
    for (const record of batch) events.push(record.value as Record<string, unknown>);
  }
});

afterAll(async () => {
  await aws.close();
});

/** Poison the issue names: invalid JSON, not CloudTrail, a 1 MB field, eventVersion 2.0, no userIdentity. */
function poison(): Buffer[] {
  const valid = events.find((e) => e.eventVersion === '1.08') as Record<string, unknown>;
  const wrap = (detail: unknown) => Buffer.from(JSON.stringify({ ...toEventBridgeEvent(valid), detail }));
  return [
    Buffer.from('{"detail-type": "AWS API Call via CloudTrail", "detail": {'),
    Buffer.from([0xff, 0xfe, 0x00, 0x41]),
    Buffer.from(JSON.stringify({ 'detail-type': 'EC2 Instance State-change Notification', detail: {} })),
    wrap({ ...valid, eventID: 'poison-big', userAgent: 'x'.repeat(1_000_000) }),
    wrap({ ...valid, eventID: 'poison-v2', eventVersion: '2.0' }),
    wrap({ ...valid, eventID: 'poison-noid', userIdentity: undefined }),
  ];
}

/** Puts records in order and returns the last sequence number written to each shard. */
async function put(stream: string, entries: { data: Buffer; key: string }[]): Promise<Map<string, string>> {
  const last = new Map<string, string>();
  for (let i = 0; i < entries.length; i += 100) {
    const slice = entries.slice(i, i + 100);
    const result = await kinesis.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: slice.map((e) => ({ Data: e.data, PartitionKey: e.key })),
      }),
    );
    expect(result.FailedRecordCount ?? 0).toBe(0);
    for (const r of result.Records ?? [])
      if (r.ShardId && r.SequenceNumber) last.set(r.ShardId, r.SequenceNumber);
  }
  return last;
}

/** What core folds from the distinct, valid events: the expected store content. */
function expectedFold() {
  const analyzer = new Analyzer();
  for (const event of events) analyzer.addRecord(event);
  return analyzer;
}

/** A handler that crashes after doing its work on every third call: Lambda then retries the whole batch. */
function crashing(handler: KinesisStreamHandler): KinesisStreamHandler {
  let calls = 0;
  return async (event: KinesisStreamEvent) => {
    const result = await handler(event);
    if (++calls % 3 === 0) throw new Error('injected crash after the writes');
    return result;
  };
}

describe('stream pipeline', () => {
  it('stores exactly the fold of the distinct events under redeliveries, poison and crashes', async () => {
    const dynamo = createDynamoClient({ endpoint: aws.dynamodbEndpoint });
    await createUsageTables(dynamo, { usage: 'e2e-usage' });
    await createDedupeTable(dynamo, 'e2e-state');
    await kinesis.send(new CreateStreamCommand({ StreamName: 'e2e', ShardCount: 2 }));
    const wrapped = events.map((e) => toEventBridgeEvent(e));
    const entries = wrapped.map((e) => ({
      data: Buffer.from(JSON.stringify(e)),
      key: partitionKeyOf(e).key,
    }));
    // EventBridge redelivers 10% of the events: same eventID, new EventBridge id, new Kinesis record.
    const redelivered = wrapped
      .filter((_, i) => i % 10 === 0)
      .map((e) => {
        const again = toEventBridgeEvent(e.detail as Record<string, unknown>);
        return { data: Buffer.from(JSON.stringify(again)), key: partitionKeyOf(again).key };
      });
    const poisoned = poison().map((data, i) => ({ data, key: `poison-${i}` }));
    const lastSequence = await put('e2e', [...entries, ...poisoned, ...redelivered]);

    const store = new DynamoUsageStore({ client: dynamo, tables: { usage: 'e2e-usage' } });
    const logs: Record<string, unknown>[] = [];
    // Every third alert fails once between its gate write and its publication: the batch is retried.
    const sink = flakySink(new DynamoAlertSink({ client: dynamo, tableName: 'e2e-state' }), 3);
    const handler = createConsumerHandler({
      store,
      window: new DynamoDedupeWindow({ client: dynamo, tableName: 'e2e-state' }),
      quarantine: new DynamoQuarantineSink(dynamo, 'e2e-state'),
      alerts: new DynamoAlertGate({ client: dynamo, tableName: 'e2e-state', sink }),
      log: (line) => logs.push(line),
    });
    const poller = await startPoller({
      kinesis,
      streamName: 'e2e',
      handler: crashing(handler),
      batchSize: 50,
      startingPosition: 'TRIM_HORIZON',
      bisectBatchOnFunctionError: true,
      reportBatchItemFailures: true,
      pollIntervalMs: 20,
      retryDelayMs: 1,
      logger: silentLogger,
    });
    try {
      const done = () =>
        [...lastSequence].every(
          ([shard, seq]) => poller.stats().find((s) => s.shardId === shard)?.checkpoint === seq,
        );
      await waitFor(done, 60_000);
    } finally {
      await poller.stop();
    }

    const expected = expectedFold();
    const principals = expected.principalSummaries();
    expect(await store.principalSummaries()).toEqual(principals);
    for (const principal of principals) {
      expect(await store.usageOf(principal.arn), principal.arn).toEqual(
        expected.usage().filter((u) => u.principal === principal.arn),
      );
    }
    const quarantinedEvents = [...events, ...redelivered.map((r) => JSON.parse(r.data.toString()))].filter(
      (e) => normaliseRecord(e).kind === 'quarantined',
    ).length;
    const stored = await dynamo.send(
      new ScanCommand({
        TableName: 'e2e-state',
        FilterExpression: 'begins_with(pk, :q)',
        ExpressionAttributeValues: { ':q': { S: 'Q#' } },
      }),
    );
    expect(stored.Count).toBe(poisoned.length + quarantinedEvents);
    expect(logs.some((l) => Number(l.duplicates) > 0)).toBe(true);
    expect(callsOf(expected)).toBeGreaterThan(300);

    const alerts = await listAlerts(dynamo, 'e2e-state');
    const calls = distinctCalls();
    expect(alerts.map(pairOf).sort()).toEqual(expectedAlertPairs(calls));
    // Every failed publication was repaired by a retry, and no alert reached the sink twice.
    expect(sink.failures).toBeGreaterThan(0);
    expect(sink.delivered).toBe(alerts.length);
    // Each alert was raised by one of the calls it is about, and its gate says it went out.
    for (const alert of alerts) expect(raisedBy(alert, calls.get(alert.eventId)), alert.eventId).toBe(true);
    const pending = await dynamo.send(
      new ScanCommand({
        TableName: 'e2e-state',
        FilterExpression: 'begins_with(pk, :a) AND #s <> :sent',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':a': { S: 'A#' }, ':sent': { S: 'sent' } },
      }),
    );
    expect(pending.Count).toBe(0);
  });
});

/** The distinct valid calls of the fixtures, by eventID. */
function distinctCalls(): Map<string, ApiCall> {
  const calls = new Map<string, ApiCall>();
  for (const event of events) {
    const result = normaliseRecord(event);
    if (result.kind === 'call') calls.set(result.call.eventId, result.call);
  }
  return calls;
}

const kindOf = (call: ApiCall) =>
  call.outcome.kind === 'success' ? 'first-use' : call.outcome.kind === 'denied' ? 'denied' : undefined;

function pairOf(alert: Pick<Alert, 'kind' | 'principal' | 'action'>): string {
  return `${alert.kind} ${alert.principal} ${alert.action}`;
}

/** From core alone: one alert per principal × high-risk action used successfully, and per one attempted and denied. */
function expectedAlertPairs(calls: ReadonlyMap<string, ApiCall>): string[] {
  const pairs = new Set<string>();
  for (const call of calls.values()) {
    const kind = kindOf(call);
    if (kind === undefined || call.mapping.kind !== 'mapped') continue;
    for (const use of call.mapping.actions) {
      const risk = riskOf(use.action);
      if (risk) pairs.add(pairOf({ kind, principal: call.principal.arn, action: risk.action }));
    }
  }
  return [...pairs].sort();
}

function raisedBy(alert: Alert, call: ApiCall | undefined): boolean {
  if (call === undefined || kindOf(call) !== alert.kind || call.principal.arn !== alert.principal)
    return false;
  return (
    call.mapping.kind === 'mapped' &&
    call.mapping.actions.some((u) => riskOf(u.action)?.action === alert.action)
  );
}

function callsOf(analyzer: Analyzer): number {
  return analyzer.principalSummaries().reduce((n, p) => n + p.events, 0);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for the poller');
    await new Promise((r) => setTimeout(r, 50));
  }
}
