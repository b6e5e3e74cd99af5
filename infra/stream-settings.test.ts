import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAMBDA_LIKE_MAPPING } from '../stream/dev/dev-stack.js';
import { CONSUMER_MAPPING, CONSUMER_NODE_OPTIONS } from './stream-settings.js';

describe('stream settings', () => {
  it('matches the local poller, so local mode retries and gives up as Lambda does', () => {
    expect({
      batchSize: CONSUMER_MAPPING.batchSize,
      bisect: CONSUMER_MAPPING.bisectBatchOnError,
      report: CONSUMER_MAPPING.reportBatchItemFailures,
      retries: CONSUMER_MAPPING.retryAttempts,
      age: CONSUMER_MAPPING.maxRecordAge.toSeconds(),
      windowMs: CONSUMER_MAPPING.maxBatchingWindow.toMilliseconds(),
    }).toEqual({
      batchSize: LAMBDA_LIKE_MAPPING.batchSize,
      bisect: LAMBDA_LIKE_MAPPING.bisectBatchOnFunctionError,
      report: LAMBDA_LIKE_MAPPING.reportBatchItemFailures,
      retries: LAMBDA_LIKE_MAPPING.retryAttempts,
      age: LAMBDA_LIKE_MAPPING.maxRecordAgeSeconds,
      windowMs: LAMBDA_LIKE_MAPPING.maximumBatchingWindowMs,
    });
  });

  it('benchmarks the consumer with the young generation it runs with in Lambda', () => {
    const flag = CONSUMER_NODE_OPTIONS.split(' ').find((option) =>
      option.startsWith('--max-semi-space-size='),
    );
    const scripts = (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;

    expect(flag).toBeDefined();
    expect(scripts['bench:stream']).toContain(`node ${flag} `);
    expect(scripts['bench:handler']).toContain(`node ${flag} `);
  });
});
