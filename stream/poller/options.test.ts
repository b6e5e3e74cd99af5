import { describe, expect, it } from 'vitest';
import { createKinesisClient } from '../aws-clients.js';
import { InMemoryCheckpointStore } from './checkpoint-store.js';
import { silentLogger } from './logger.js';
import { type PollerOptions, resolveOptions } from './options.js';

const base: PollerOptions = {
  kinesis: createKinesisClient({ endpoint: 'http://127.0.0.1:1' }),
  streamName: 's',
  startingPosition: 'TRIM_HORIZON',
  handler: async () => {},
};
const defaults = { checkpoints: new InMemoryCheckpointStore(), logger: silentLogger };

describe('resolveOptions', () => {
  it("applies Lambda's defaults for Kinesis", () => {
    expect(resolveOptions(base, defaults)).toMatchObject({
      batchSize: 100,
      maximumBatchingWindowMs: 0,
      retryAttempts: -1,
      bisectBatchOnFunctionError: false,
      maxRecordAgeSeconds: -1,
      reportBatchItemFailures: false,
    });
  });

  it.each([
    ['batchSize', 0],
    ['batchSize', 10_001],
    ['batchSize', 1.5],
    ['maximumBatchingWindowMs', 300_001],
    ['retryAttempts', -2],
    ['retryAttempts', 10_001],
    ['maxRecordAgeSeconds', 59],
    ['maxRecordAgeSeconds', 604_801],
    ['pollIntervalMs', -1],
  ])('refuses %s = %d, naming it', (name, value) => {
    expect(() => resolveOptions({ ...base, [name]: value }, defaults)).toThrow(
      new RegExp(`^${name} must be`),
    );
  });

  it('accepts -1 where AWS means "no limit", and the bounds themselves', () => {
    const resolved = resolveOptions(
      {
        ...base,
        retryAttempts: -1,
        maxRecordAgeSeconds: 604_800,
        batchSize: 10_000,
        maximumBatchingWindowMs: 300_000,
      },
      defaults,
    );
    expect(resolved).toMatchObject({ retryAttempts: -1, maxRecordAgeSeconds: 604_800, batchSize: 10_000 });
  });
});
