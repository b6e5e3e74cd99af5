import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../core/types.js';
import { alertIdOf } from './alert.js';
import { detectAlerts } from './detect.js';
import { callOf, DENIED } from './test-support.js';

const T0 = Date.UTC(2026, 0, 1);

function summary(calls: readonly ApiCall[]) {
  return detectAlerts(calls)
    .map((c) => ({ ...c.draft, ids: [...c.eventIds].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('detectAlerts', () => {
  it('raises a first-use candidate for each high-risk action of a successful call, with the catalog entry', () => {
    const call = callOf({
      id: 'e1',
      time: T0,
      actions: ['iam:CreateAccessKey', 's3:ListAllMyBuckets'],
      resource: 'arn:aws:iam::111122223333:user/bob',
    });

    const [candidate, ...rest] = detectAlerts([call]);

    expect(rest).toEqual([]);
    expect(candidate?.draft).toEqual({
      id: alertIdOf('first-use', call.principal.arn, 'iam:CreateAccessKey'),
      kind: 'first-use',
      principal: call.principal.arn,
      action: 'iam:CreateAccessKey',
      category: 'credentials-exposure',
      severity: expect.any(String),
      reason: expect.any(String),
      resource: 'arn:aws:iam::111122223333:user/bob',
      eventId: 'e1',
      eventTime: T0,
      eventName: 'CreateAccessKey',
      region: 'us-east-1',
    });
  });

  it('keeps denied attempts as their own kind with the error code, and ignores other outcomes', () => {
    const calls = [
      callOf({ id: 'd', time: T0, actions: ['cloudtrail:StopLogging'], outcome: DENIED }),
      callOf({
        id: 'x',
        time: T0,
        actions: ['cloudtrail:DeleteTrail'],
        outcome: { kind: 'error', code: 'Boom' },
      }),
      callOf({
        id: 'n',
        time: T0,
        actions: ['cloudtrail:DeleteTrail'],
        outcome: { kind: 'not-a-grant', reason: 'aws-service-event' },
      }),
    ];

    const candidates = detectAlerts(calls);

    expect(candidates.map((c) => [c.draft.kind, c.draft.action, c.draft.errorCode])).toEqual([
      ['denied', 'cloudtrail:StopLogging', 'AccessDenied'],
    ]);
  });

  it('keeps one candidate per principal and action: the earliest call, ties broken by eventID', () => {
    const calls = [
      callOf({ id: 'c', time: T0 + 5, actions: ['iam:CreateAccessKey'] }),
      callOf({ id: 'b', time: T0 + 1, actions: ['iam:CreateAccessKey'] }),
      callOf({ id: 'a', time: T0 + 1, actions: ['iam:CreateAccessKey'] }),
      callOf({ id: 'z', time: T0, role: 'other', actions: ['iam:CreateAccessKey'] }),
    ];

    expect(detectAlerts(calls).map((c) => [c.draft.principal.endsWith('/app'), c.draft.eventId])).toEqual([
      [true, 'a'],
      [false, 'z'],
    ]);
    expect([...(detectAlerts(calls)[0]?.eventIds ?? [])].sort()).toEqual(['a', 'b', 'c']);
  });

  it('uses the catalog casing of the action, so ids and gates never split on case', () => {
    const [candidate] = detectAlerts([callOf({ id: 'e', time: T0, actions: ['IAM:createaccesskey'] })]);

    expect(candidate?.draft.action).toBe('iam:CreateAccessKey');
  });

  it('does not depend on the order of the calls', () => {
    const actions = ['iam:CreateAccessKey', 'cloudtrail:StopLogging', 's3:ListAllMyBuckets'];
    const arbCall = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      time: fc.integer({ min: 0, max: 3 }),
      role: fc.constantFrom('r1', 'r2'),
      action: fc.constantFrom(...actions),
      denied: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbCall, { selector: (c) => c.id, maxLength: 6 }), (specs) => {
        const calls = specs.map((s) =>
          callOf({
            id: s.id,
            time: T0 + s.time,
            role: s.role,
            actions: [s.action],
            ...(s.denied ? { outcome: DENIED } : {}),
          }),
        );
        expect(summary([...calls].reverse())).toEqual(summary(calls));
      }),
    );
  });
});
