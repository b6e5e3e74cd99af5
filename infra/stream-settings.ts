import { Duration } from 'aws-cdk-lib';

/**
 * How long the consumer remembers applied eventIDs (stream/dedupe's default window): an EventBridge redelivery
 * younger than this is dropped, an older one would count twice.
 */
export const REDELIVERY_WINDOW = Duration.minutes(15);

/**
 * The EventBridge → Kinesis target's retry policy. EventBridge redelivers within `maxEventAge` of receiving an
 * event, so a redelivery lands at most that long after the first copy; 10 minutes stays inside the 15-minute
 * window with room for delivery latency. Retry attempts are EventBridge's maximum: age is the real bound.
 */
export const INGEST_TARGET_RETRY = { maxEventAge: Duration.minutes(10), retryAttempts: 185 } as const;

/**
 * Retry policy of each hop of organization-wide ingestion (member account → organization bus → stream): a member's
 * redelivery becomes a second event on the organization bus, so the two hops' ages add up — 2 × 7 minutes stays
 * inside the 15-minute window.
 */
export const ORGANIZATION_HOP_RETRY = { maxEventAge: Duration.minutes(7), retryAttempts: 185 } as const;

/**
 * The consumer's event source mapping, every retry setting explicit. Matches the local poller's
 * (stream/dev LAMBDA_LIKE_MAPPING) except the batching window, which Lambda takes in whole seconds.
 */
export const CONSUMER_MAPPING = {
  batchSize: 1000,
  maxBatchingWindow: Duration.seconds(1),
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
  retryAttempts: 10,
  maxRecordAge: Duration.hours(1),
  /** One concurrent batch per shard: the store's per-shard high-water marks need the shard's order. */
  parallelizationFactor: 1,
} as const;

/**
 * Node options of the consumer function. V8 sizes its young generation from the memory it may use — a few MiB of
 * semi-space at the consumer's 1,024 MB — and a batch keeps its decoded calls alive until they are stored, so with
 * the default the scavenger copies them again and again. 32 MiB semi-spaces take the handler from 27.7 to 22.5 ms
 * of CPU per 1,000 events at batches of 1,000 (`npm run bench:handler`, docs/BENCHMARKS.md) for 48 MiB more heap
 * at most. The benchmarks run with the same flag.
 */
export const CONSUMER_NODE_OPTIONS = '--enable-source-maps --max-semi-space-size=32';

/**
 * The backfill's asynchronous invocation policy: a retried backfill re-sends records, which the consumer drops only
 * within its redelivery window, so attempt plus retry (2 × 3-minute timeout + Lambda's retry delay) fit inside it.
 */
export const BACKFILL_INVOKE = {
  timeout: Duration.minutes(3),
  retryAttempts: 1,
  maxEventAge: Duration.minutes(10),
} as const;
