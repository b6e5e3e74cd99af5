/**
 * EventBridge on Kinesis: the envelope EventBridge wraps CloudTrail records in, partition keys, decoding Kinesis
 * record data for the consumer, and replaying CloudTrail records into a stream as EventBridge would deliver them.
 */
export { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.js';
export { type BatchLimits, type BatchPlan, KINESIS_LIMITS, planBatches, type Sized } from './batches.js';
export {
  DECODE_ERROR_CODES,
  type DecodeErrorCode,
  type DecodeResult,
  decodeKinesisData,
  MAX_KINESIS_RECORD_BYTES,
} from './decode.js';
export {
  type EnvelopeOptions,
  type EventBridgeEvent,
  isEventBridgeEvent,
  sourceOf,
  toEventBridgeEvent,
  toEventBridgeTime,
} from './envelope.js';
export {
  type KinesisEntry,
  KinesisPublisher,
  type PublisherOptions,
  type PutOutcome,
  type Undelivered,
} from './kinesis-publisher.js';
export {
  isPartitionKey,
  MAX_PARTITION_KEY_LENGTH,
  type PartitionKey,
  partitionKeyOf,
} from './partition-key.js';
export { PUBLISH_ERROR_CODES, PublishError, type PublishErrorCode } from './publish-errors.js';
export {
  type ReplayEntry,
  type ReplayOptions,
  type ReplayResult,
  type ReplayStats,
  replayToKinesis,
  type SourceRecord,
} from './replay.js';
export { deriveEventId, forPass, type PassOptions } from './replay-pass.js';
export { formatReplayProgress, formatReplaySummary, type ReplayRun } from './replay-summary.js';
export { TokenBucket, type TokenBucketOptions } from './token-bucket.js';
