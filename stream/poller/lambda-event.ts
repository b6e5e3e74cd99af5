import type { _Record } from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from './lambda-kinesis-types.js';

/** Lambda's synchronous invocation payload limit (6 MB), which also caps a Kinesis batch. */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;
/** Bytes of the event envelope around the records: `{"Records":[]}`. */
export const EVENT_ENVELOPE_BYTES = '{"Records":[]}'.length;

/** What every record of one shard's events shares. */
export interface EventSource {
  readonly shardId: string;
  readonly streamArn: string;
  readonly awsRegion: string;
  readonly invokeIdentityArn: string;
}

/** A record as the function receives it, with its arrival time in ms and its size in the event JSON. */
export interface EventRecord {
  readonly record: KinesisStreamRecord;
  readonly arrivalMs: number;
  readonly bytes: number;
}

/**
 * Returns a converter from GetRecords records to the records Lambda delivers for this shard (data base64,
 * arrival in epoch seconds), each with its size in the event JSON, measured without serialising its (up to
 * 1.3 MB) data.
 */
export function eventRecordMaker(source: EventSource): (record: _Record) => EventRecord {
  const fixedBytes = skeletonBytes(source);
  return (record) => {
    const lambdaRecord = toLambdaRecord(source, record);
    const { kinesis } = lambdaRecord;
    // The skeleton holds `""` for the partition key; the stringified key brings its own quotes.
    const variableBytes =
      kinesis.data.length +
      Buffer.byteLength(JSON.stringify(kinesis.partitionKey)) -
      2 +
      Buffer.byteLength(lambdaRecord.eventID) +
      kinesis.sequenceNumber.length;
    return {
      record: lambdaRecord,
      arrivalMs: kinesis.approximateArrivalTimestamp * 1000,
      bytes: fixedBytes + variableBytes,
    };
  };
}

function toLambdaRecord(source: EventSource, record: _Record): KinesisStreamRecord {
  const sequenceNumber = record.SequenceNumber ?? '';
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.PartitionKey ?? '',
      sequenceNumber,
      data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
      approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${source.shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: source.invokeIdentityArn,
    awsRegion: source.awsRegion,
    eventSourceARN: source.streamArn,
  };
}

/** Bytes of a record of this shard with empty variable fields, plus the comma separating it from the next. */
function skeletonBytes(source: EventSource): number {
  // The widest arrival stamp (`9999999999.999`) stands in for every record's.
  const widest = new Date(9_999_999_999_999);
  const skeleton = toLambdaRecord(source, {
    SequenceNumber: '',
    Data: undefined,
    ApproximateArrivalTimestamp: widest,
  });
  return Buffer.byteLength(JSON.stringify({ ...skeleton, eventID: '' })) + 1;
}
