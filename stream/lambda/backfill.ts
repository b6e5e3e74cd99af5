// Lambda entry point of the backfill: an S3 `Object Created` event (via EventBridge) for a CloudTrail log file is
// replayed into the stream. Configuration is read once at cold start and fails fast.
import { createKinesisClient } from '../aws-clients.js';
import { KinesisPublisher } from '../eventbridge/index.js';
import { loadBackfillConfig } from './backfill-config.js';
import { ObjectCreatedEventSchema } from './backfill-event.js';
import { type BackfillOutcome, backfillObject } from './backfill-run.js';
import { logLine } from './log-line.js';
import { downloadS3Object } from './s3-download.js';

const config = loadBackfillConfig(process.env);
const kinesis = createKinesisClient();
const publisher = new KinesisPublisher(kinesis, config.streamName, { where: `in region ${config.region}` });

/** Replays the created object; an event that is not an S3 `Object Created` event is rejected without retry. */
export async function handler(event: unknown): Promise<BackfillOutcome> {
  const parsed = ObjectCreatedEventSchema.safeParse(event);
  if (!parsed.success) {
    logLine({ msg: 'backfill ignored an event that is not an S3 Object Created event' });
    return { kind: 'skipped', reason: 'not an S3 Object Created event' };
  }
  return backfillObject(parsed.data, {
    download: (object, file) =>
      downloadS3Object(
        {
          ...object,
          region: config.region,
          urlSuffix: config.urlSuffix,
          credentials: kinesis.config.credentials,
          maxBytes: config.maxObjectBytes,
        },
        file,
      ),
    publisher,
    tmpDir: config.tmpDir,
    log: logLine,
  });
}
