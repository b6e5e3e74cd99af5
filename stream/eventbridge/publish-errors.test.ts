import { describe, expect, it } from 'vitest';
import { isRetryableRecordError, toPublishError } from './publish-errors.js';

function named(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} details`), { name, ...extra });
}

describe('toPublishError', () => {
  it.each([
    [named('ResourceNotFoundException'), 'STREAM_NOT_FOUND', false],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      'UNREACHABLE',
      true,
    ],
    [
      Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}),
      'UNREACHABLE',
      true,
    ],
    [named('TimeoutError'), 'THROTTLED', true],
    [named('ProvisionedThroughputExceededException'), 'THROTTLED', true],
    [named('SomethingNew', { $metadata: { httpStatusCode: 503 } }), 'THROTTLED', true],
    [named('CredentialsProviderError'), 'NO_CREDENTIALS', false],
    [new Error('Region is missing'), 'NO_REGION', false],
    [named('AccessDeniedException'), 'ACCESS_DENIED', false],
    [named('ValidationException', { $metadata: { httpStatusCode: 400 } }), 'REQUEST_FAILED', false],
  ])('%s → %s (retryable %s)', (error, code, retryable) => {
    const failure = toPublishError(error, 'orders', 'at http://127.0.0.1:4567');

    expect(failure).toMatchObject({ code, retryable });
    expect(failure.message).not.toContain('\n');
    expect(failure.message).not.toContain('details');
  });

  it('names the stream, the place and the AWS error', () => {
    expect(toPublishError(named('ResourceNotFoundException'), 'orders', 'in region eu-west-1').message).toBe(
      "stream 'orders' not found in region eu-west-1 (ResourceNotFoundException)",
    );
  });
});

describe('isRetryableRecordError', () => {
  it('retries throttling and internal failures only', () => {
    expect(isRetryableRecordError('ProvisionedThroughputExceededException')).toBe(true);
    expect(isRetryableRecordError('InternalFailure')).toBe(true);
    expect(isRetryableRecordError('KMSThrottlingException')).toBe(true);
    expect(isRetryableRecordError('KMSAccessDeniedException')).toBe(false);
    expect(isRetryableRecordError('KMSDisabledException')).toBe(false);
  });
});
