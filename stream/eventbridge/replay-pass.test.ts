import { describe, expect, it } from 'vitest';
import { deriveEventId, forPass } from './replay-pass.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const now = new Date('2025-06-01T12:34:56.789Z');
const options = { now, newId: () => 'fresh-id' };
const record = { eventID: 'e-1', eventTime: '2024-03-01T10:00:00Z', eventName: 'GetObject' };

describe('deriveEventId', () => {
  it('is a deterministic UUIDv5 per eventID and pass', () => {
    const id = deriveEventId('e-1', 2);

    expect(id).toMatch(UUID_V5);
    expect(deriveEventId('e-1', 2)).toBe(id);
    expect(deriveEventId('e-1', 3)).not.toBe(id);
    expect(deriveEventId('e-2', 2)).not.toBe(id);
  });

  it('does not collide when the eventID ends in what looks like a pass number', () => {
    expect(deriveEventId('a#1', 2)).not.toBe(deriveEventId('a', 12));
  });
});

describe('forPass', () => {
  it('sends the first pass as read', () => {
    expect(forPass(record, 1, options)).toBe(record);
  });

  it('derives the eventID and sets eventTime to now in later passes, without mutating the input', () => {
    const copy = structuredClone(record);

    const replayed = forPass(record, 2, options);

    expect(replayed).toEqual({
      ...record,
      eventID: deriveEventId('e-1', 2),
      eventTime: '2025-06-01T12:34:56Z',
    });
    expect(record).toEqual(copy);
  });

  it('gives copies of one event in one pass the same new eventID', () => {
    expect(forPass(record, 2, options).eventID).toBe(forPass({ ...record }, 2, options).eventID);
  });

  it('leaves a missing eventID missing', () => {
    expect(forPass({ eventName: 'X' }, 2, options)).toEqual({
      eventName: 'X',
      eventTime: '2025-06-01T12:34:56Z',
    });
  });

  it('rewrites the detail of an EventBridge event and gives it a new id and time', () => {
    const event = { 'detail-type': 'AWS API Call via CloudTrail', id: 'old', time: 'then', detail: record };

    const replayed = forPass(event, 3, options);

    expect(replayed).toEqual({
      'detail-type': 'AWS API Call via CloudTrail',
      id: 'fresh-id',
      time: '2025-06-01T12:34:56Z',
      detail: { ...record, eventID: deriveEventId('e-1', 3), eventTime: '2025-06-01T12:34:56Z' },
    });
  });
});
