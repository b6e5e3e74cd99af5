import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKinesisData, MAX_KINESIS_RECORD_BYTES } from './decode.js';

const event = { 'detail-type': 'AWS API Call via CloudTrail', detail: { eventID: 'e-1' } };
const bytes = Buffer.from(JSON.stringify(event));

describe('decodeKinesisData', () => {
  it('decodes raw bytes and base64 text to the same event', () => {
    expect(decodeKinesisData(new Uint8Array(bytes))).toEqual({ kind: 'event', event });
    expect(decodeKinesisData(bytes.toString('base64'))).toEqual({ kind: 'event', event });
  });

  it.each([
    ['characters outside the alphabet', 'eyJhIjo*fQ=='],
    ['a length that is not a multiple of 4', 'eyJhIjoxfQ='],
    ['padding in the middle', 'ey=hIjoxfQ=='],
    ['whitespace', 'eyJh Ijox fQ=='],
    ['the URL-safe alphabet', 'eyJhIjo-fQ=='],
    ['three padding characters', 'eyJhIjoxf==='],
  ])('rejects base64 with %s', (_, text) => {
    expect(decodeKinesisData(text)).toMatchObject({ kind: 'invalid', code: 'INVALID_BASE64' });
  });

  it('accepts every standard base64 text exactly as Buffer decodes it (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (raw) => {
        const text = Buffer.from(raw).toString('base64');
        const result = decodeKinesisData(text, 1024);
        // Every valid encoding passes the base64 check; what follows is the JSON step.
        expect(result.kind === 'invalid' && result.code === 'INVALID_BASE64').toBe(false);
      }),
    );
  });

  it('rejects data that is not JSON, or not UTF-8, without quoting it', () => {
    const notJson = decodeKinesisData(Buffer.from('<script>alert(1)</script>'));
    const notUtf8 = decodeKinesisData(Uint8Array.of(0x7b, 0xff, 0x7d));

    expect(notJson).toEqual({
      kind: 'invalid',
      code: 'INVALID_JSON',
      reason: 'record data is not valid JSON',
    });
    expect(notUtf8).toMatchObject({ kind: 'invalid', code: 'INVALID_JSON' });
    expect(decodeKinesisData('')).toMatchObject({ kind: 'invalid', code: 'INVALID_JSON' });
  });

  it('accepts data of exactly the limit and rejects one byte more, as bytes and as base64', () => {
    const padded = (size: number) => Buffer.from(`"${'a'.repeat(size - 2)}"`);

    expect(decodeKinesisData(padded(MAX_KINESIS_RECORD_BYTES)).kind).toBe('event');
    expect(decodeKinesisData(padded(MAX_KINESIS_RECORD_BYTES).toString('base64')).kind).toBe('event');
    expect(decodeKinesisData(padded(MAX_KINESIS_RECORD_BYTES + 1))).toMatchObject({ code: 'TOO_LARGE' });
    expect(decodeKinesisData(padded(MAX_KINESIS_RECORD_BYTES + 1).toString('base64'))).toMatchObject({
      code: 'TOO_LARGE',
    });
  });

  it('rejects oversized base64 text before decoding it', () => {
    expect(decodeKinesisData('A'.repeat(1000), 100)).toMatchObject({ kind: 'invalid', code: 'TOO_LARGE' });
  });
});
