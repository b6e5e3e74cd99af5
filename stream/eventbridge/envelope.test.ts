import { describe, expect, it } from 'vitest';
import { CLOUDTRAIL_DETAIL_TYPE } from '../../core/cloudtrail/schema.js';
import { sourceOf, toEventBridgeEvent, toEventBridgeTime } from './envelope.js';

const record = {
  eventVersion: '1.09',
  eventID: 'e-1',
  eventTime: '2024-03-01T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'eu-west-1',
  recipientAccountId: '111122223333',
  userIdentity: { type: 'IAMUser', accountId: '444455556666' },
};

function ids(...values: string[]): () => string {
  return () => values.shift() ?? 'exhausted';
}

describe('toEventBridgeEvent', () => {
  it('wraps a record as an EventBridge rule delivers it to Kinesis', () => {
    const event = toEventBridgeEvent(record, { newId: ids('id-1') });

    expect(event).toEqual({
      version: '0',
      id: 'id-1',
      'detail-type': CLOUDTRAIL_DETAIL_TYPE,
      source: 'aws.s3',
      account: '111122223333',
      time: '2024-03-01T10:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail: record,
    });
  });

  it('gives every delivery a fresh id while the detail keeps its eventID', () => {
    const newId = ids('id-1', 'id-2');

    const first = toEventBridgeEvent(record, { newId });
    const second = toEventBridgeEvent(record, { newId });

    expect([first.id, second.id]).toEqual(['id-1', 'id-2']);
    expect(first.detail.eventID).toBe(second.detail.eventID);
  });

  it('uses random UUIDs by default', () => {
    const id = toEventBridgeEvent(record).id;

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('formats the time in whole seconds and falls back to the caller identity account', () => {
    const { recipientAccountId: _, ...rest } = record;

    const event = toEventBridgeEvent({ ...rest, eventTime: '2024-03-01T10:00:00.789Z' });

    expect(event.time).toBe('2024-03-01T10:00:00Z');
    expect(event.account).toBe('444455556666');
  });

  it('reads OTRF @timestamp, and uses the clock when no time is readable', () => {
    const now = () => new Date('2025-01-02T03:04:05.600Z');
    const { eventTime: _, ...rest } = record;

    const otrf = toEventBridgeEvent({ ...rest, '@timestamp': '2020-09-14T01:19:40.000Z' }, { now });
    const broken = toEventBridgeEvent({ ...rest, eventTime: 'yesterday' }, { now });

    expect(otrf.time).toBe('2020-09-14T01:19:40Z');
    expect(broken.time).toBe('2025-01-02T03:04:05Z');
  });

  it('passes EventBridge events through unchanged', () => {
    const wrapped = { 'detail-type': CLOUDTRAIL_DETAIL_TYPE, id: 'kept', detail: record };

    expect(toEventBridgeEvent(wrapped, { newId: ids('new') })).toBe(wrapped);
  });
});

describe('sourceOf', () => {
  it.each([
    ['s3.amazonaws.com', 'aws.s3'],
    ['monitoring.amazonaws.com', 'aws.monitoring'],
    ['sso-directory.amazonaws.com', 'aws.sso-directory'],
    ['', 'aws.unknown'],
    [42, 'aws.unknown'],
  ])('%s → %s', (eventSource, source) => {
    expect(sourceOf(eventSource)).toBe(source);
  });
});

describe('toEventBridgeTime', () => {
  it('drops milliseconds', () => {
    expect(toEventBridgeTime(new Date(Date.UTC(2024, 2, 1, 10, 0, 0, 999)))).toBe('2024-03-01T10:00:00Z');
  });
});
