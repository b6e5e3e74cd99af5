// Public surface of the local Kinesis event source mapping (the poller that drives the Lambda handler
// locally).
export type { CheckpointStore } from './checkpoint-store.js';
export { InMemoryCheckpointStore, JsonFileCheckpointStore } from './checkpoint-store.js';
export { POLLER_ERROR_CODES, PollerError, type PollerErrorCode } from './errors.js';
export type {
  KinesisBatchItemFailure,
  KinesisBatchResponse,
  KinesisStreamEvent,
  KinesisStreamHandler,
  KinesisStreamRecord,
  KinesisStreamRecordPayload,
} from './lambda-kinesis-types.js';
export {
  jsonLineLogger,
  type PollerLogEntry,
  type PollerLogger,
  type PollerLogLevel,
  silentLogger,
} from './logger.js';
export type { FailedBatchInfo, OnFailureDestination, PollerOptions } from './options.js';
export { type Poller, startPoller } from './poller.js';
export type { FailureReason } from './retry-policy.js';
export type { ShardState, ShardStats } from './shard-stats.js';
export { type SyntheticRecord, syntheticKinesisEvent } from './synthetic-event.js';
