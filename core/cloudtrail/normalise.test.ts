import { describe, expect, it } from 'vitest';
import type { ApiCall, NormaliseResult } from '../types.js';
import { normaliseRecord } from './normalise.js';

const record = {
  eventVersion: '1.08',
  eventID: '3f1f1a8e-0000-4000-8000-000000000001',
  eventTime: '2024-03-01T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'eu-west-1',
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
  userIdentity: {
    type: 'AssumedRole',
    arn: 'arn:aws:sts::111122223333:assumed-role/app/i-1',
    accountId: '111122223333',
    sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/app' } },
  },
  requestParameters: { bucketName: 'data', key: 'a/b.csv' },
  resources: [
    { ARN: 'arn:aws:s3:::data/a/b.csv', type: 'AWS::S3::Object' },
    { ARN: 'arn:aws:s3:::data', type: 'AWS::S3::Bucket', accountId: '111122223333' },
  ],
};

function callOf(result: NormaliseResult): ApiCall {
  if (result.kind !== 'call') throw new Error(`expected a call, got ${JSON.stringify(result)}`);
  return result.call;
}

function quarantineOf(result: NormaliseResult) {
  if (result.kind !== 'quarantined') throw new Error('expected a quarantined record');
  return result.quarantined;
}

describe('normaliseRecord', () => {
  it('turns a CloudTrail record into an ApiCall with actions and resources', () => {
    const call = callOf(normaliseRecord(record));

    expect(call).toMatchObject({
      eventId: record.eventID,
      time: Date.parse('2024-03-01T10:00:00Z'),
      region: 'eu-west-1',
      principal: { arn: 'arn:aws:iam::111122223333:role/app', kind: 'role' },
      sessionName: 'i-1',
      crossAccount: false,
      outcome: { kind: 'success' },
      mapping: {
        kind: 'mapped',
        actions: [
          { action: 's3:GetObject', resources: [{ arn: 'arn:aws:s3:::data/a/b.csv', origin: 'record' }] },
        ],
      },
    });
  });

  it('unwraps an EventBridge envelope and rejects other EventBridge events', () => {
    const envelope = {
      version: '0',
      id: 'x',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.s3',
      detail: record,
    };
    const other = { ...envelope, 'detail-type': 'EC2 Instance State-change Notification' };

    expect(callOf(normaliseRecord(envelope)).eventId).toBe(record.eventID);
    expect(quarantineOf(normaliseRecord(other)).code).toBe('NOT_CLOUDTRAIL');
  });

  it('accepts old 1.x records without eventType, recipientAccountId or resources', () => {
    const old = {
      ...record,
      eventVersion: '1.01',
      eventType: undefined,
      recipientAccountId: undefined,
      resources: null,
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/bob', accountId: '111122223333' },
    };

    const call = callOf(normaliseRecord(old));

    expect(call.recipientAccount).toBe('111122223333');
    expect(call.principal.arn).toBe('arn:aws:iam::111122223333:user/bob');
  });

  it('reads the time from @timestamp when eventTime is missing (OTRF exports)', () => {
    const { eventTime: _, ...rest } = record;

    expect(callOf(normaliseRecord({ ...rest, '@timestamp': '2020-09-14T01:19:40.000Z' })).time).toBe(
      Date.parse('2020-09-14T01:19:40.000Z'),
    );
  });

  it('marks cross-account calls and keeps the caller account apart from the resource owner', () => {
    const call = callOf(
      normaliseRecord({
        ...record,
        userIdentity: {
          ...record.userIdentity,
          accountId: '444455556666',
          arn: 'arn:aws:sts::444455556666:assumed-role/x/y',
          sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::444455556666:role/x' } },
        },
      }),
    );

    expect(call.crossAccount).toBe(true);
    expect(call.sourceAccount).toBe('444455556666');
    expect(call.recipientAccount).toBe('111122223333');
  });

  it.each([
    [{ ...record, eventVersion: '2.0' }, 'UNSUPPORTED_EVENT_VERSION'],
    [{ ...record, eventID: undefined }, 'MISSING_FIELD'],
    [{ ...record, userIdentity: undefined }, 'MISSING_FIELD'],
    [{ ...record, eventTime: 'yesterday' }, 'INVALID_FIELD'],
    [{ ...record, eventName: '<script>alert(1)</script>' }, 'INVALID_FIELD'],
    [{ ...record, eventID: 'x'.repeat(1_000_000) }, 'TOO_LARGE'],
    [[record], 'NOT_AN_OBJECT'],
    ['text', 'NOT_AN_OBJECT'],
  ])('quarantines bad records with a reason (%#)', (bad, code) => {
    const quarantined = quarantineOf(normaliseRecord(bad));

    expect(quarantined.code).toBe(code);
    expect(quarantined.reason).not.toContain('<script>');
    expect(quarantined.reason.length).toBeLessThan(200);
  });

  it('keeps huge attacker-controlled fields out of what it keeps', () => {
    const call = callOf(
      normaliseRecord({ ...record, userAgent: 'A'.repeat(1_000_000), errorMessage: 'B'.repeat(1_000_000) }),
    );

    expect(JSON.stringify(call).length).toBeLessThan(2_000);
  });

  it('classifies denied calls and keeps their mapping', () => {
    const call = callOf(
      normaliseRecord({ ...record, errorCode: 'AccessDenied', errorMessage: 'Access Denied' }),
    );

    expect(call.outcome).toEqual({ kind: 'denied', code: 'AccessDenied' });
    expect(call.mapping.kind).toBe('mapped');
  });
});

describe('event times', () => {
  it.each([
    '2024-03-01T10:00:00Z',
    '2024-03-01T10:00:00.5Z',
    '2024-03-01T10:00:00.123456Z',
    '2024-03-01T10:00:00.12Z',
    '2024-3-01T10:00:00Z',
    '2024-03-01T10:00:00.Z',
    '2024-02-30T00:00:00Z',
    '2024-03-01 10:00:00',
    '2024-03-01T10:00:00+02:00',
  ])('parses %s exactly as Date.parse does', (eventTime) => {
    const result = normaliseRecord({ ...record, eventTime });

    expect(result.kind === 'call' ? result.call.time : Number.NaN).toBe(Date.parse(eventTime));
  });

  it.each(['2024-13-01T00:00:00Z', '2024-03-01T24:00:01Z', 'redacted'])('rejects %s', (eventTime) => {
    expect(quarantineOf(normaliseRecord({ ...record, eventTime })).code).toBe('INVALID_FIELD');
  });
});

describe('aws cloudtrail lookup-events items', () => {
  it('unwraps the record from the CloudTrailEvent string', () => {
    const item = { EventId: record.eventID, EventName: 'GetObject', CloudTrailEvent: JSON.stringify(record) };

    expect(callOf(normaliseRecord(item)).eventId).toBe(record.eventID);
  });

  it('quarantines an item whose CloudTrailEvent is not JSON', () => {
    expect(quarantineOf(normaliseRecord({ EventId: 'x', CloudTrailEvent: '{"eventVersion":' })).code).toBe(
      'INVALID_JSON',
    );
  });
});
