import { eventRecordMaker } from './lambda-event.js';
import type { KinesisStreamEvent } from './lambda-kinesis-types.js';

/** One record to deliver: its bytes and partition key. */
export interface SyntheticRecord {
  readonly data: Uint8Array;
  readonly partitionKey: string;
}

/**
 * The event Lambda would deliver for these records of one shard, numbered from `firstSequence` and all arrived
 * at `arrivalMs`: for driving the consumer directly (API tests, benchmarks) without a Kinesis API in between.
 */
export function syntheticKinesisEvent(
  records: readonly SyntheticRecord[],
  options: { readonly shardId: string; readonly firstSequence: bigint; readonly arrivalMs: number },
): KinesisStreamEvent {
  const make = eventRecordMaker({
    shardId: options.shardId,
    streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/iamlp-local',
    awsRegion: 'us-east-1',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/iamlp-consumer',
  });
  const arrival = new Date(options.arrivalMs);
  return {
    Records: records.map(
      (record, i) =>
        make({
          Data: record.data,
          PartitionKey: record.partitionKey,
          SequenceNumber: String(options.firstSequence + BigInt(i)),
          ApproximateArrivalTimestamp: arrival,
        }).record,
    ),
  };
}
