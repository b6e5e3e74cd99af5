import { beforeAll, describe, expect, it } from 'vitest';
import { decodeEntries, encodeEntry, entryKey, joinEntries } from './entry-codec.js';
import { fromAttributes, itemEntries, itemSummaries, toAttributes } from './item.js';
import { itemKey, PRINCIPAL_GROUPS, padSequence, principalGroup, principalKey } from './keys.js';
import {
  decodeSummaries,
  decodeSummary,
  encodeSummaries,
  encodeSummary,
  type StoredSummary,
} from './summary.js';
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
        const decoded = decodeEntries(joinEntries(new Map([[principal, list.map(encodeEntry)]])), day);

        expect([...decoded.values()]).toEqual(list);
        expect([...decoded.keys()]).toEqual(list.map((agg) => entryKey(principal, agg.action, agg.resource)));
      }
    }
  });

  it('round-trips an item of several principals with their summaries and high-water marks', () => {
    const [first, second] = reference.summaries as [StoredSummary, StoredSummary];
    const stored = new Map<string, StoredSummary>(
      [first, second].map((summary, i) => [
        summary.arn,
        { ...summary, firstEventId: `e-${i}`, services: { s3: [3, i], iam: [2, 0] } },
      ]),
    );
    const day = reference.usage.get(first.arn)?.[0]?.window ?? '2024-05-01';
    const today = [first, second].map((summary) =>
      (reference.usage.get(summary.arn) ?? []).filter((agg) => agg.window === day),
    );
    const content = {
      gid: principalGroup(first.arn),
      day,
      bucket: 2,
      version: 7,
      hw: new Map([['shardId-000000000001', padSequence('4965')]]),
      data: joinEntries(new Map([first, second].map((s, i) => [s.arn, (today[i] ?? []).map(encodeEntry)]))),
      summary: encodeSummaries(stored),
      sealed: true,
    };

    const item = fromAttributes(toAttributes(content));

    expect(item).toMatchObject({ gid: content.gid, bucket: 2, version: 7, sealed: true });
    expect(itemSummaries(item)).toEqual(stored);
    expect(item.hw).toEqual(content.hw);
    expect([...itemEntries(item).values()]).toEqual(today.flat());
    expect([...decodeEntries(content.data, day, second.arn).values()]).toEqual(today[1]);
    expect(decodeEntries(content.data, day, 'arn:aws:iam::111122223333:role/nobody').size).toBe(0);
    expect(decodeSummaries(encodeSummaries(stored))).toEqual(stored);
    expect(decodeSummary(encodeSummary(stored.get(first.arn) as StoredSummary), first.arn)).toEqual(
      stored.get(first.arn),
    );
    expect(toAttributes(content).pk?.S).toBe(itemKey(content.gid, day, 2));
    expect(toAttributes(content).pk?.S).toMatch(/^U#g\d{2}#\d{4}-\d{2}-\d{2}#2$/);
  });

  it('refuses stored data it did not write', () => {
    expect(() => decodeEntries('{', '2024-05-01')).toThrow(expect.objectContaining({ code: 'CORRUPT_ITEM' }));
    expect(() => decodeEntries('[]', '2024-05-01')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_ITEM' }),
    );
    expect(() => decodeEntries('{"p":[{"a":"s3:GetObject"}]}', '2024-05-01')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_ITEM' }),
    );
    expect(() => decodeEntries('{"p":{}}', '2024-05-01', 'p')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_ITEM' }),
    );
    expect(() => decodeSummary('{"kind":"role"}', 'p')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_ITEM' }),
    );
    expect(() => decodeSummaries('{"p":{"kind":"role"}}')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_ITEM' }),
    );
    expect(() => decodeSummaries('[]')).toThrow(expect.objectContaining({ code: 'CORRUPT_ITEM' }));
  });

  it('keeps keys within DynamoDB limits and sequence numbers in numeric order', () => {
    const long = `arn:aws:iam::111122223333:role/${'x'.repeat(2_000)}`;

    expect(principalKey('arn:aws:iam::111122223333:role/short')).toBe('arn:aws:iam::111122223333:role/short');
    expect(principalKey(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(principalGroup(long)).toMatch(/^g\d{2}$/);
    expect(principalGroup(long)).toBe(principalGroup(`${long}`));
    const groups = new Set(reference.summaries.map((summary) => principalGroup(summary.arn)));
    expect([...groups].every((gid) => Number(gid.slice(1)) < PRINCIPAL_GROUPS)).toBe(true);
    expect(padSequence('99') < padSequence('100')).toBe(true);
    expect(padSequence('1')).toHaveLength(128);
    expect(() => padSequence('1'.repeat(129))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
