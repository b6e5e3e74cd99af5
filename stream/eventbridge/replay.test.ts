import { describe, expect, it } from 'vitest';
import { decodeKinesisData } from './decode.js';
import type { KinesisEntry, PutOutcome } from './kinesis-publisher.js';
import { type ReplayOptions, replayToKinesis, type SourceRecord } from './replay.js';
import { deriveEventId } from './replay-pass.js';

const record = (eventID: string) => ({ eventVersion: '1.08', eventID, eventSource: 'iam.amazonaws.com' });

/** A publisher that accepts everything and keeps what it was given. */
function memoryPublisher(onPut?: (batch: readonly KinesisEntry[]) => void) {
  const batches: KinesisEntry[][] = [];
  const publisher = {
    put: async <T extends KinesisEntry>(batch: readonly T[]): Promise<PutOutcome<T>> => {
      batches.push([...batch]);
      onPut?.(batch);
      return { sent: batch.length, retried: 0, failed: [] };
    },
  };
  return { publisher, batches };
}

function source(values: unknown[]): ReplayOptions['read'] {
  return async function* () {
    yield values.map((value, i): SourceRecord => ({ value, source: 'in.jsonl', line: i + 1 }));
  };
}

function detailsOf(batches: KinesisEntry[][]): Record<string, unknown>[] {
  return batches.flat().map((e) => {
    const decoded = decodeKinesisData(e.data);
    if (decoded.kind !== 'event') throw new Error(decoded.reason);
    return (decoded.event as { detail: Record<string, unknown> }).detail;
  });
}

describe('replayToKinesis', () => {
  it('sends wrapped records keyed by eventID, unwrapping lookup-events items and skipping non-objects', async () => {
    const { publisher, batches } = memoryPublisher();
    const skipped: string[] = [];
    const lookupItem = { EventId: 'e-2', CloudTrailEvent: JSON.stringify(record('e-2')) };

    const result = await replayToKinesis({
      publisher,
      read: source([record('e-1'), lookupItem, 42, { CloudTrailEvent: '{' }]),
      onSkip: (where, reason) => skipped.push(`${where.source}:${where.line}: ${reason}`),
    });

    expect(batches.flat().map((e) => e.partitionKey)).toEqual(['e-1', 'e-2']);
    expect(detailsOf(batches)).toEqual([record('e-1'), record('e-2')]);
    expect(skipped).toEqual([
      'in.jsonl:3: not a JSON object',
      'in.jsonl:4: CloudTrailEvent is not valid JSON',
    ]);
    expect(result.stats).toMatchObject({ read: 4, sent: 2, skipped: 2, failed: 0, passes: 1 });
  });

  it('skips records over the record limit and names where they came from', async () => {
    const { publisher, batches } = memoryPublisher();
    const skipped: string[] = [];
    const huge = { ...record('big'), requestParameters: { blob: 'x'.repeat(2000) } };

    const result = await replayToKinesis({
      publisher,
      read: source([record('a'), huge, record('b')]),
      limits: { maxRecords: 500, maxBytes: 10_000, maxRecordBytes: 1000 },
      onSkip: (where, reason) => skipped.push(`${where.source}:${where.line}: ${reason}`),
    });

    expect(batches.flat().map((e) => e.partitionKey)).toEqual(['a', 'b']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(
      /^in\.jsonl:2: record of \d+ bytes exceeds the 1000-byte Kinesis record limit$/,
    );
    expect(result.stats.skipped).toBe(1);
  });

  it('loops with derived eventIDs until aborted', async () => {
    const controller = new AbortController();
    const { publisher, batches } = memoryPublisher(() => {
      if (batches.length === 3) controller.abort();
    });

    const result = await replayToKinesis({
      publisher,
      read: source([record('e-1'), record('e-1')]),
      loop: true,
      signal: controller.signal,
      now: () => new Date('2025-06-01T00:00:00Z'),
    });

    expect(batches.map((b) => b.map((e) => e.partitionKey))).toEqual([
      ['e-1', 'e-1'],
      [deriveEventId('e-1', 2), deriveEventId('e-1', 2)],
      [deriveEventId('e-1', 3), deriveEventId('e-1', 3)],
    ]);
    expect(detailsOf(batches)[2]?.eventTime).toBe('2025-06-01T00:00:00Z');
    expect(result).toMatchObject({ interrupted: true, stats: { passes: 3, sent: 6 } });
  });

  it('stops looping over inputs that hold no records', async () => {
    const { publisher } = memoryPublisher();

    const result = await replayToKinesis({ publisher, read: source([]), loop: true });

    expect(result.stats).toMatchObject({ read: 0, passes: 1 });
  });

  it('caps requests at the rate, so that a low rate sends small batches spread over time', async () => {
    const { publisher, batches } = memoryPublisher();
    const began = performance.now();

    await replayToKinesis({ publisher, read: source([1, 2, 3, 4, 5].map((i) => record(`r${i}`))), rate: 20 });

    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(performance.now() - began).toBeGreaterThanOrEqual(140);
  });

  it('stops at the first request that could not be delivered', async () => {
    let calls = 0;
    const publisher = {
      put: async <T extends KinesisEntry>(batch: readonly T[]): Promise<PutOutcome<T>> => {
        calls++;
        return { sent: 0, retried: 9, failed: batch.map((entry) => ({ entry, code: 'InternalFailure' })) };
      },
    };

    const result = await replayToKinesis({
      publisher,
      read: source([record('a'), record('b')]),
      limits: { maxRecords: 1, maxBytes: 1e6, maxRecordBytes: 1e6 },
    });

    expect(calls).toBe(1);
    expect(result.undelivered.map((u) => u.entry.partitionKey)).toEqual(['a']);
    expect(result.stats).toMatchObject({ sent: 0, failed: 1, retried: 9 });
  });
});
