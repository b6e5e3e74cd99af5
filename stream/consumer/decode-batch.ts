import { normaliseRecord } from '../../core/cloudtrail/normalise.js';
import { decodeKinesisData } from '../eventbridge/index.js';
import type { KinesisStreamEvent } from '../poller/lambda-kinesis-types.js';
import type { SequencedCall } from '../store/index.js';
import type { QuarantineEntry } from './ports.js';

/**
 * Largest record accepted: EventBridge events are at most 256 KB, so anything bigger did not come from the rule
 * (or carries a field no CloudTrail record has) and is quarantined as TOO_LARGE before parsing.
 */
export const MAX_EVENT_BYTES = 256 * 1024;

/** A Lambda Kinesis event split into API calls (in sequence order) and quarantined records. */
export interface DecodedBatch {
  readonly shardId: string;
  readonly calls: SequencedCall[];
  readonly quarantined: QuarantineEntry[];
  /** Latest arrival time in the batch, epoch ms (0 for an empty batch). */
  readonly at: number;
  /** Oldest arrival time in the batch, epoch ms: how far behind the consumer is. */
  readonly oldest: number;
}

/**
 * Decodes every record of one shard's batch: base64 → EventBridge envelope → CloudTrail record → core ApiCall.
 * A record that fails any step is quarantined with its reason; it never fails the batch.
 */
export function decodeBatch(event: KinesisStreamEvent): DecodedBatch {
  const calls: SequencedCall[] = [];
  const quarantined: QuarantineEntry[] = [];
  let shardId = '';
  let at = 0;
  let oldest = Number.POSITIVE_INFINITY;
  for (const record of event.Records) {
    const { sequenceNumber, data, approximateArrivalTimestamp } = record.kinesis;
    shardId ||= record.eventID.slice(0, record.eventID.lastIndexOf(':'));
    const arrival = Math.round(approximateArrivalTimestamp * 1000);
    at = Math.max(at, arrival);
    oldest = Math.min(oldest, arrival);
    const bytes = Math.floor((data.length * 3) / 4);
    const decoded = decodeKinesisData(data, MAX_EVENT_BYTES);
    if (decoded.kind === 'invalid') {
      quarantined.push({
        shardId,
        sequenceNumber,
        at: arrival,
        code: decoded.code,
        reason: decoded.reason,
        bytes,
      });
      continue;
    }
    const result = normaliseRecord(decoded.event);
    if (result.kind === 'quarantined') {
      const { code, reason } = result.quarantined;
      quarantined.push({ shardId, sequenceNumber, at: arrival, code, reason, bytes });
    } else {
      calls.push({ sequenceNumber, call: result.call });
    }
  }
  return { shardId, calls, quarantined, at, oldest: Number.isFinite(oldest) ? oldest : 0 };
}
