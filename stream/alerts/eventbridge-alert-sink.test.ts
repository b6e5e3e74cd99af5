import {
  EventBridgeServiceException,
  type PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { type Alert, alertIdOf } from './alert.js';
import { AlertError } from './errors.js';
import { EventBridgeAlertSink, type PutEventsClient } from './eventbridge-alert-sink.js';

const PRINCIPAL = 'arn:aws:iam::111122223333:role/app';

const alert: Alert = {
  id: alertIdOf('first-use', PRINCIPAL, 'iam:CreateAccessKey'),
  kind: 'first-use',
  principal: PRINCIPAL,
  action: 'iam:CreateAccessKey',
  category: 'credentials-exposure',
  severity: 'high',
  reason: 'creates long-lived credentials.',
  resource: 'arn:aws:iam::111122223333:user/bob',
  eventId: 'e-1',
  eventTime: Date.UTC(2026, 0, 1, 12),
  eventName: 'CreateAccessKey',
  region: 'us-east-1',
  detectedAt: Date.UTC(2026, 0, 1, 12, 5),
};

/** A PutEvents double: records the commands it is sent and answers with `reply`. */
function clientReplying(reply: () => Promise<Partial<PutEventsCommandOutput>>) {
  const sent: PutEventsCommand[] = [];
  const client: PutEventsClient = {
    send: async (command) => {
      sent.push(command);
      return { $metadata: {}, ...(await reply()) };
    },
  };
  return { client, sent };
}

const accepted = async () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-1' }] });

describe('EventBridgeAlertSink', () => {
  it('puts one entry on the configured bus with the source, detail-type and detail of the alert', async () => {
    const { client, sent } = clientReplying(accepted);

    await new EventBridgeAlertSink({ client, eventBusName: 'alerts-bus' }).publish(alert);

    expect(sent).toHaveLength(1);
    const [entry, ...rest] = sent[0]?.input.Entries ?? [];
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      EventBusName: 'alerts-bus',
      Source: 'iamlp',
      DetailType: 'iamlp.HighRiskActionFirstSeen',
      Time: new Date(alert.eventTime),
      Resources: [PRINCIPAL, alert.resource],
    });
    expect(JSON.parse(entry?.Detail ?? '')).toEqual({
      alertId: alert.id,
      kind: 'first-use',
      principal: PRINCIPAL,
      action: 'iam:CreateAccessKey',
      category: 'credentials-exposure',
      severity: 'high',
      reason: alert.reason,
      resource: alert.resource,
      eventID: 'e-1',
      eventTime: '2026-01-01T12:00:00.000Z',
      eventName: 'CreateAccessKey',
      awsRegion: 'us-east-1',
      detectedAt: '2026-01-01T12:05:00.000Z',
    });
  });

  it('uses the denied detail-type, keeps non-ARN resources out of Resources, and carries the error code', async () => {
    const { client, sent } = clientReplying(accepted);
    const denied: Alert = { ...alert, kind: 'denied', resource: '*', errorCode: 'AccessDenied' };

    await new EventBridgeAlertSink({ client, eventBusName: 'b' }).publish(denied);

    const entry = sent[0]?.input.Entries?.[0];
    expect(entry?.DetailType).toBe('iamlp.HighRiskActionDenied');
    expect(entry?.Resources).toEqual([PRINCIPAL]);
    expect(JSON.parse(entry?.Detail ?? '')).toMatchObject({ errorCode: 'AccessDenied', resource: '*' });
  });

  it('throws a retryable error when PutEvents fails the entry', async () => {
    const { client } = clientReplying(async () => ({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    }));

    const error = await new EventBridgeAlertSink({ client, eventBusName: 'b' })
      .publish(alert)
      .catch((e) => e);

    expect(error).toBeInstanceOf(AlertError);
    expect(error).toMatchObject({ code: 'PUBLISH_FAILED', retryable: true });
  });

  it('says a malformed entry is not worth retrying soon', async () => {
    const { client } = clientReplying(async () => ({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'MalformedDetail' }],
    }));

    await expect(
      new EventBridgeAlertSink({ client, eventBusName: 'b' }).publish(alert),
    ).rejects.toMatchObject({
      code: 'REJECTED',
      retryable: false,
    });
  });

  it('translates SDK exceptions: throttling is retryable', async () => {
    const { client } = clientReplying(async () => {
      throw new EventBridgeServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Rate exceeded',
      });
    });

    await expect(
      new EventBridgeAlertSink({ client, eventBusName: 'b' }).publish(alert),
    ).rejects.toMatchObject({
      code: 'THROTTLED',
      retryable: true,
    });
  });
});
