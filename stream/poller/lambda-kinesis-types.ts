// The Lambda ↔ Kinesis contract, spelled the way AWS delivers it, so the production handler runs unchanged
// under the local poller. Kept here (not @types/aws-lambda) to avoid a dependency for a handful of shapes.

/** The `kinesis` part of one record: the Kinesis record itself, data base64-encoded. */
export interface KinesisStreamRecordPayload {
  kinesisSchemaVersion: '1.0';
  partitionKey: string;
  sequenceNumber: string;
  /** The record's bytes, base64-encoded. */
  data: string;
  /** Epoch seconds with millisecond precision, e.g. `1607497475.123`. */
  approximateArrivalTimestamp: number;
}

/** One record of a Lambda Kinesis event. */
export interface KinesisStreamRecord {
  kinesis: KinesisStreamRecordPayload;
  eventSource: 'aws:kinesis';
  eventVersion: '1.0';
  /** `<shardId>:<sequenceNumber>`. */
  eventID: string;
  eventName: 'aws:kinesis:record';
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

/** The event Lambda passes to a Kinesis-triggered function: records of one shard, in sequence order. */
export interface KinesisStreamEvent {
  Records: KinesisStreamRecord[];
}

/** One failed record of a partial batch response, named by its sequence number. */
export interface KinesisBatchItemFailure {
  itemIdentifier: string;
}

/**
 * The partial batch response (`ReportBatchItemFailures`): the shard restarts from the lowest failed record.
 */
export interface KinesisBatchResponse {
  batchItemFailures: KinesisBatchItemFailure[];
}

/**
 * A Lambda handler for Kinesis events; resolving with nothing (or an empty list) means the whole batch
 * succeeded.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: handlers may resolve with nothing, as on AWS.
export type KinesisStreamHandler = (event: KinesisStreamEvent) => Promise<KinesisBatchResponse | void>;
