// Lambda entry points (consumer.ts, backfill.ts — bundled by scripts/bundle-lambdas.ts) and what they are built from.
// The entry points themselves are not re-exported: importing one reads the environment.
export { type BackfillConfig, BackfillConfigSchema, loadBackfillConfig } from './backfill-config.js';
export { type CreatedObject, isDigestKey, ObjectCreatedEventSchema } from './backfill-event.js';
export { type BackfillDeps, type BackfillOutcome, backfillObject } from './backfill-run.js';
export { type ConsumerConfig, ConsumerConfigSchema, loadConsumerConfig } from './consumer-config.js';
export { buildConsumerDeps, type ConsumerClients } from './consumer-deps.js';
export { ConfigError, parseEnv, requiredString } from './env-config.js';
export { FanOutAlertSink } from './fan-out-alert-sink.js';
export { logLine } from './log-line.js';
export { downloadS3Object, S3DownloadError, type S3DownloadTarget } from './s3-download.js';
