import { beforeAll, describe, expect, it } from 'vitest';
import { decodeEntries, encodeEntry, entryKey, joinEntries } from './entry-codec.js';
import { fromAttributes, toAttributes } from './item.js';
import { itemKey, padSequence, principalKey } from './keys.js';
import { decodeSummary, encodeSummary, type StoredSummary } from './summary.js';
import { loadFixtureCalls, type Reference, referenceOf } from './test-support.js';

let reference: Reference;

beforeAll(async () => {
  reference = referenceOf(await loadFixtureCalls());
});

describe('item encoding', () => {
  it('round-trips every aggregate of the fixture corpus through the compact entry form', () => {
    for (const [principal, aggregates] of reference.usage) {
      for (const day of new Set(aggregates.map((agg) => agg.window))) {
        const list = aggregates.filter((agg) => agg.window === day);
        const decoded = decodeEntries(joinEntries(list.map(encodeEntry)), principal, day);

        expect([...decoded.values()]).toEqual(list);
        expect([...decoded.keys()]).toEqual(list.map((agg) => entryKey(agg.action, agg.resource)));
      }
    }
  });

  it('round-trips an item with summary and high-water marks', () => {
    const summary = reference.summaries[0] as (typeof reference.summaries)[0];
    const stored: StoredSummary = { ...summary, firstEventId: 'e-1', services: { s3: [3, 1], iam: [2, 0] } };
    const aggregates = reference.usage.get(summary.arn) ?? [];
    const day = aggregates[0]?.window ?? '2024-05-01';
    const today = aggregates.filter((agg) => agg.window === day);
    const content = {
      pid: principalKey(summary.arn),
      principal: summary.arn,
      day,
      bucket: 2,
      version: 7,
      hw: new Map([['shardId-000000000001', padSequence('4965')]]),
      data: joinEntries(today.map(encodeEntry)),
      summary: stored,
      sealed: true,
    };

    const item = fromAttributes(toAttributes(content));

    expect(item).toMatchObject({ pid: content.pid, bucket: 2, version: 7, sealed: true, summary: stored });
    expect(item.hw).toEqual(content.hw);
    expect([...item.entries.values()]).toEqual(today);
    expect(decodeSummary(encodeSummary(stored), summary.arn)).toEqual(stored);
    expect(toAttributes(content).pk?.S).toBe(itemKey(content.pid, day, 2));
  });

  it('refuses stored data it did not write', () => {
    expect(() => decodeEntries('{', 'p', '2024-05-01')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_ITEM' }),
    );
    expect(() => decodeEntries('[{"a":"s3:GetObject"}]', 'p', '2024-05-01')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_ITEM' }),
    );
    expect(() => decodeSummary('{"kind":"role"}', 'p')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_ITEM' }),
    );
  });

  it('keeps keys within DynamoDB limits and sequence numbers in numeric order', () => {
    const long = `arn:aws:iam::111122223333:role/${'x'.repeat(2_000)}`;

    expect(principalKey('arn:aws:iam::111122223333:role/short')).toBe('arn:aws:iam::111122223333:role/short');
    expect(principalKey(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(padSequence('99') < padSequence('100')).toBe(true);
    expect(padSequence('1')).toHaveLength(128);
    expect(() => padSequence('1'.repeat(129))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
