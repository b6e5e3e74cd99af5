// The Kinesis consumer: the Lambda handler body shared by AWS, the local poller and tests.
export { type DecodedBatch, decodeBatch } from './decode-batch.js';
export { countQuarantined, DynamoQuarantineSink, type QuarantineCounts } from './dynamo-quarantine-sink.js';
export { type ConsumerDeps, compareSequence, createConsumerHandler } from './handler.js';
export type { AlertStep, QuarantineEntry, QuarantineSink, RedeliveryWindow } from './ports.js';
