import { describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from './envelope.js';
import { MAX_PARTITION_KEY_LENGTH, partitionKeyOf } from './partition-key.js';

function eventWith(detail: Record<string, unknown>, id = 'eb-id'): EventBridgeEvent {
  return {
    version: '0',
    id,
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.s3',
    account: '111122223333',
    time: '2024-03-01T10:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

describe('partitionKeyOf', () => {
  it('keys by detail.eventID', () => {
    expect(partitionKeyOf(eventWith({ eventID: 'abc' }))).toEqual({ key: 'abc', fallback: false });
  });

  it('accepts an eventID of exactly the Kinesis maximum', () => {
    const eventID = 'x'.repeat(MAX_PARTITION_KEY_LENGTH);

    expect(partitionKeyOf(eventWith({ eventID }))).toEqual({ key: eventID, fallback: false });
  });

  it.each([
    ['missing', {}],
    ['empty', { eventID: '' }],
    ['too long', { eventID: 'x'.repeat(MAX_PARTITION_KEY_LENGTH + 1) }],
    ['not a string', { eventID: 42 }],
  ])('falls back to the EventBridge id when the eventID is %s', (_, detail) => {
    expect(partitionKeyOf(eventWith(detail))).toEqual({ key: 'eb-id', fallback: true });
  });

  it('hashes a broken pass-through event deterministically', () => {
    const event = eventWith({}, '');

    const key = partitionKeyOf(event);

    expect(key.fallback).toBe(true);
    expect(key.key).toMatch(/^[0-9a-f]{64}$/);
    expect(partitionKeyOf(eventWith({}, '')).key).toBe(key.key);
  });

  it('survives a detail that is not an object', () => {
    const event = { ...eventWith({}), detail: null } as unknown as EventBridgeEvent;

    expect(partitionKeyOf(event)).toEqual({ key: 'eb-id', fallback: true });
  });
});
