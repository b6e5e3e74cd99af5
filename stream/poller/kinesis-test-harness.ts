// Helpers for the poller's tests against a real kinesalite (no Kinesis mocks): streams, records, a recording
// handler.
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../aws-clients.js';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import type { KinesisStreamEvent, KinesisStreamRecord } from './lambda-kinesis-types.js';
import type { PollerLogEntry, PollerLogger } from './logger.js';

/** A kinesalite on loopback and a client for it. */
export interface KinesisHarness {
  readonly kinesis: KinesisClient;
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Starts kinesalite (and dynalite, which startLocalAws brings along) in this process. */
export async function startKinesisHarness(): Promise<KinesisHarness> {
  const aws: LocalAws = await startLocalAws();
  const kinesis = createKinesisClient({ endpoint: aws.kinesisEndpoint });
  return {
    kinesis,
    endpoint: aws.kinesisEndpoint,
    close: async () => {
      kinesis.destroy();
      await aws.close();
    },
  };
}

/** Creates a stream, waits until it is ACTIVE and returns its shard ids. */
export async function createStream(
  kinesis: KinesisClient,
  streamName: string,
  shardCount: number,
): Promise<string[]> {
  await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shardCount }));
  await waitForActive(kinesis, streamName);
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: streamName }));
  return Shards.map((shard) => shard.ShardId ?? '');
}

/** Waits until the stream is ACTIVE again (after create or a reshard). */
export async function waitForActive(kinesis: KinesisClient, streamName: string): Promise<void> {
  await waitFor(async () => {
    const output = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    return output.StreamDescriptionSummary?.StreamStatus === 'ACTIVE';
  }, `${streamName} to be ACTIVE`);
}

/** A record as put: its payload and where Kinesis placed it. */
export interface PutRecord {
  readonly payload: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
}

/** Puts payloads (500 per PutRecords call), partition key `key(i)`; returns where each landed, in order. */
export async function putRecords(
  kinesis: KinesisClient,
  streamName: string,
  payloads: readonly string[],
  key: (index: number) => string = (index) => `key-${index}`,
): Promise<PutRecord[]> {
  const placed: PutRecord[] = [];
  for (let from = 0; from < payloads.length; from += 500) {
    const chunk = payloads.slice(from, from + 500);
    const output = await kinesis.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: chunk.map((payload, offset) => ({
          PartitionKey: key(from + offset),
          Data: Buffer.from(payload),
        })),
      }),
    );
    (output.Records ?? []).forEach((result, offset) => {
      placed.push({
        payload: chunk[offset] ?? '',
        shardId: result.ShardId ?? '',
        sequenceNumber: result.SequenceNumber ?? '',
      });
    });
  }
  return placed;
}

/** Polls `condition` every 10 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 8_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The payload of a delivered record (its data, base64-decoded). */
export function payloadOf(record: KinesisStreamRecord): string {
  return Buffer.from(record.kinesis.data, 'base64').toString('utf8');
}

/** One handler invocation as the test saw it. */
export interface Invocation {
  readonly shardId: string;
  readonly payloads: readonly string[];
  readonly sequenceNumbers: readonly string[];
}

/** Summarises an event: shard (from eventID), payloads and sequence numbers, in order. */
export function describeEvent(event: KinesisStreamEvent): Invocation {
  const shardId = event.Records[0]?.eventID.split(':')[0] ?? '';
  return {
    shardId,
    payloads: event.Records.map(payloadOf),
    sequenceNumbers: event.Records.map((record) => record.kinesis.sequenceNumber),
  };
}

/** A logger that keeps every entry, for assertions. */
export function memoryLogger(): { logger: PollerLogger; entries: PollerLogEntry[] } {
  const entries: PollerLogEntry[] = [];
  return { logger: (entry) => entries.push(entry), entries };
}

/** Whether sequence numbers are strictly increasing (numerically: they are 128-bit decimals). */
export function isAscending(sequenceNumbers: readonly string[]): boolean {
  return sequenceNumbers.every(
    (value, index) => index === 0 || BigInt(value) > BigInt(sequenceNumbers[index - 1] ?? 0),
  );
}
