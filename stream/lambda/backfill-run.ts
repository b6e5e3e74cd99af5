import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type KinesisPublisher, replayToKinesis } from '../eventbridge/index.js';
import { readRecords } from '../input/index.js';
import { type CreatedObject, isDigestKey } from './backfill-event.js';

/** What a backfill needs: a way to fetch the object, the publisher and a scratch directory. */
export interface BackfillDeps {
  /** Writes the object's bytes to `file`; returns how many. */
  readonly download: (object: CreatedObject, file: string) => Promise<number>;
  readonly publisher: Pick<KinesisPublisher, 'put'>;
  readonly tmpDir: string;
  readonly log: (line: Record<string, unknown>) => void;
}

/** What one backfill did. */
export type BackfillOutcome =
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'replayed'; readonly read: number; readonly sent: number; readonly skipped: number };

/**
 * Replays one CloudTrail log object into the stream exactly as EventBridge delivers live events (wrapped, keyed by
 * `detail.eventID`), so the consumer cannot tell them apart; throws when records could not be delivered, and the
 * invocation is retried (re-sent records carry the same eventIDs, so the consumer's redelivery window drops them).
 */
export async function backfillObject(object: CreatedObject, deps: BackfillDeps): Promise<BackfillOutcome> {
  if (isDigestKey(object.key)) return skipped(deps, object, 'CloudTrail digest file');
  // The name keeps its extension (`.json.gz`, `.jsonl`): the readers pick the format from it.
  const file = join(deps.tmpDir, `${randomUUID()}-${basename(object.key).slice(-100)}`);
  try {
    const bytes = await deps.download(object, file);
    const result = await replayToKinesis({
      publisher: deps.publisher,
      read: () => readRecords([file]),
      onSkip: (_where, reason) => deps.log({ msg: 'backfill skipped a record', key: object.key, reason }),
    });
    const { read, sent, skipped: notSent, failed } = result.stats;
    deps.log({
      msg: 'backfill',
      bucket: object.bucket,
      key: object.key,
      bytes,
      read,
      sent,
      skipped: notSent,
      failed,
    });
    const first = result.undelivered[0];
    if (first !== undefined)
      throw new Error(
        `backfill: ${result.undelivered.length} records of ${object.key} not delivered (${first.code})`,
      );
    return { kind: 'replayed', read, sent, skipped: notSent };
  } finally {
    await rm(file, { force: true });
  }
}

function skipped(deps: BackfillDeps, object: CreatedObject, reason: string): BackfillOutcome {
  deps.log({ msg: 'backfill skipped an object', key: object.key, reason });
  return { kind: 'skipped', reason };
}
