/**
 * Contract-shaped data for the web UI's stub API (test/helpers/web-stub-server.ts): four principals, one of them
 * carrying script and markup payloads in every CloudTrail-derived string. Times are fixed at load so repeated
 * polls get identical bodies (and 304s).
 */
import type {
  AlertItem,
  DriftResponse,
  GenerateResponse,
  PrincipalListItem,
  SimulateResponse,
  StatsResponse,
  TimelineResponse,
  UsageItem,
  UsageResponse,
} from '../api/contract.js';

/** A principal the stub knows, with the size of its usage list. */
export interface StubPrincipal {
  item: PrincipalListItem;
  identity: UsageResponse['principal'];
  usageItems: number;
  hostile: boolean;
}

/** Markup that must render as text: any execution sets `window.__xss` or opens a dialog. */
export const PAYLOAD_SCRIPT = '<script>window.__xss=1;alert(1)</script>';
/** An event-handler payload, as a user agent or error code could carry it. */
export const PAYLOAD_IMG = '<img src=x onerror="window.__xss=2;alert(2)">';

const BASE = Math.floor(Date.now() / 60_000) * 60_000;
const DAY = 86_400_000;
const iso = (offsetMs: number): string => new Date(BASE - offsetMs).toISOString();

function principal(
  arn: string,
  kind: PrincipalListItem['kind'],
  numbers: { events: number; denied: number; drift: number | null; lastSeenAgo: number; usage: number },
  hostile = false,
): StubPrincipal {
  const accountId = /::(\d{12}):/.exec(arn)?.[1] ?? '';
  const identity = {
    arn,
    kind,
    accountId,
    partition: accountId === '' ? '' : 'aws',
    flags: hostile ? [PAYLOAD_IMG] : [],
    draftable: kind !== 'aws-service',
  };
  const item: PrincipalListItem = {
    ...identity,
    events: numbers.events,
    success: numbers.events - numbers.denied,
    denied: numbers.denied,
    errors: 0,
    firstSeen: iso(14 * DAY),
    lastSeen: iso(numbers.lastSeenAgo),
    driftScore: numbers.drift,
    alerts: hostile ? 1 : 0,
  };
  return { item, identity, usageItems: numbers.usage, hostile };
}

/** The stub's principals; index 0 is a busy role, index 2 the hostile one. */
export const STUB_PRINCIPALS: StubPrincipal[] = [
  principal('arn:aws:iam::123456789012:role/app-deployer', 'role', {
    events: 15_230,
    denied: 12,
    drift: 62,
    lastSeenAgo: 4_000,
    usage: 64,
  }),
  principal('arn:aws:iam::123456789012:user/alice', 'user', {
    events: 842,
    denied: 0,
    drift: 15,
    lastSeenAgo: 300_000,
    usage: 8,
  }),
  principal(
    `arn:aws:sts::210987654321:assumed-role/ci-${PAYLOAD_SCRIPT}/${PAYLOAD_IMG}`,
    'role',
    { events: 77, denied: 5, drift: 88, lastSeenAgo: 60_000, usage: 3 },
    true,
  ),
  principal('lambda.amazonaws.com', 'aws-service', {
    events: 310,
    denied: 0,
    drift: null,
    lastSeenAgo: 3_600_000,
    usage: 2,
  }),
];

const ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'sqs:SendMessage',
  'kms:Decrypt',
  'lambda:InvokeFunction',
  'logs:PutLogEvents',
];

/** Usage rows of one principal; the hostile one carries payloads in its resources. */
export function usageOf(stub: StubPrincipal): UsageItem[] {
  return Array.from({ length: stub.usageItems }, (_, index) => ({
    action: ACTIONS[index % ACTIONS.length] ?? 's3:GetObject',
    resource: stub.hostile
      ? `arn:aws:s3:::bucket/${index === 0 ? PAYLOAD_SCRIPT : PAYLOAD_IMG}`
      : `arn:aws:s3:::app-data-${index}/*`,
    calls: 400 - index * 5,
    denied: index % 7 === 3 ? 2 : 0,
    errors: index % 11 === 5 ? 1 : 0,
    firstSeen: iso(13 * DAY + index * 60_000),
    lastSeen: iso(index * 90_000 + 5_000),
  }));
}

/** Fourteen days of activity ending today, with a quiet day in the middle. */
export function timelineOf(stub: StubPrincipal): TimelineResponse {
  const days = Array.from({ length: 14 }, (_, index) => {
    const calls = index === 6 ? 0 : Math.round((stub.item.events / 14) * (0.5 + ((index * 37) % 10) / 10));
    return {
      day: iso((13 - index) * DAY).slice(0, 10),
      calls,
      denied: Math.min(calls, index % 4 === 1 ? 3 : 0),
      errors: Math.min(calls, index % 5 === 2 ? 2 : 0),
      actions: Math.min(8, calls),
    };
  });
  return { principal: stub.item.arn, days: days.filter((day) => day.calls > 0) };
}

/** Drift of one principal; an AWS service has no granted permissions. */
export function driftOf(stub: StubPrincipal): DriftResponse {
  const known = stub.item.driftScore !== null;
  const unused = known
    ? ['iam:PassRole', 'iam:CreateAccessKey', 's3:DeleteBucket', 'ec2:DescribeInstances', 'sns:Publish']
    : [];
  return {
    principal: stub.item.arn,
    granted: {
      source: known ? 'iam' : 'none',
      fetchedAt: known ? iso(120_000) : null,
      policies: known
        ? [
            { name: stub.hostile ? PAYLOAD_IMG : 'AppDeployerPolicy', type: 'inline' },
            { name: 'ReadOnlyAccess', type: 'managed', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
          ]
        : [],
      permissionsBoundary: null,
      caveats: stub.hostile
        ? [`Condition on ${PAYLOAD_SCRIPT} was not evaluated`]
        : known
          ? ['1 statement has a Condition that was not evaluated']
          : [],
    },
    score: stub.item.driftScore,
    counts: {
      granted: known ? 13 : 0,
      used: 8,
      grantedUnused: unused.length,
      usedNotGranted: known ? 0 : 8,
      deniedActions: stub.item.denied > 0 ? 2 : 0,
    },
    grantedUnused: unused.map((action) => ({
      action,
      accessLevel: action.includes('Describe') ? 'List' : 'Write',
      highRisk: action.startsWith('iam:') || action === 's3:DeleteBucket',
    })),
    usedNotGranted: known ? [] : ACTIONS.map((action) => ({ action, calls: 10, lastSeen: iso(60_000) })),
    denied:
      stub.item.denied > 0
        ? [
            {
              action: 's3:DeleteObject',
              resource: stub.hostile ? `arn:aws:s3:::x/${PAYLOAD_IMG}` : 'arn:aws:s3:::prod-backups/2026/*',
              denied: stub.item.denied,
              lastSeen: iso(30_000),
            },
            {
              action: 'iam:PassRole',
              resource: 'arn:aws:iam::123456789012:role/admin',
              denied: 1,
              lastSeen: iso(DAY),
            },
          ]
        : [],
    lastUse: [],
  };
}

/** The drafted policy of one principal: its usage grouped by action. */
export function policyOf(stub: StubPrincipal): GenerateResponse {
  const usage = usageOf(stub);
  const actions = [...new Set(usage.map((row) => row.action))].sort();
  const statements = actions.map((action) => ({
    Sid: action.replace(/[^A-Za-z0-9]/g, ''),
    Effect: 'Allow' as const,
    Action: action,
    Resource: [...new Set(usage.filter((row) => row.action === action).map((row) => row.resource))].slice(
      0,
      4,
    ),
  }));
  return {
    principal: stub.item.arn,
    generatedAt: iso(0),
    documents: [{ Version: '2012-10-17', Statement: statements }],
    notes: stub.hostile
      ? [{ kind: 'resource-wildcard', action: 's3:GetObject', detail: `userAgent ${PAYLOAD_IMG}` }]
      : [
          {
            kind: 'resource-wildcard',
            action: 'logs:PutLogEvents',
            detail: 'log stream names vary per invocation',
          },
        ],
    stats: {
      actions: actions.length,
      statements: statements.length,
      successfulCalls: stub.item.success,
      deniedOnlyActions: stub.item.denied > 0 ? 1 : 0,
      unresolvedActions: [],
    },
  };
}

/** The simulation of a principal's drafted policy: its actions kept, the rest of a broad grant removed. */
export function simulationOf(stub: StubPrincipal): SimulateResponse {
  const policy = policyOf(stub);
  const actions = policy.stats.actions;
  const regressions = stub.hostile
    ? [
        {
          action: 's3:GetObject',
          resource: `arn:aws:s3:::bucket/${PAYLOAD_SCRIPT}`,
          calls: 2,
          reason: `no statement allows it ${PAYLOAD_IMG}`,
        },
      ]
    : [];
  return {
    principal: stub.item.arn,
    baseline: 'granted permissions (snapshot) (2 policies)',
    proposed: `drafted policy (${actions} actions)`,
    recorded: {
      rows: usageOf(stub).length,
      successfulCalls: stub.item.success,
      deniedCalls: stub.item.denied,
    },
    metrics: {
      allowedActionDelta: {
        before: 420,
        after: actions,
        removed: 420 - actions,
        added: 0,
        kept: actions,
        removedSample: ['s3:DeleteBucket', 's3:PutBucketPolicy'],
        addedSample: [],
      },
      resourceConcretenessRatio: {
        before: { concrete: 0, total: 2, ratio: 0, wildcardOnly: 0 },
        after: { concrete: 3, total: 4, ratio: 0.75, wildcardOnly: 1 },
      },
      accessDeniedChange: {
        before: stub.item.denied,
        beforeSource: 'baseline',
        after: stub.item.denied + regressions.length * 2,
        newlyDenied: regressions.length * 2,
        newlyAllowed: 0,
        baselineGaps: 0,
        unknownResourceRows: 1,
      },
      highRiskReductions: [
        { category: 'privilege-escalation', before: 12, after: 1, removed: ['iam:PutRolePolicy'], added: [] },
        { category: 'data-exfiltration', before: 3, after: 0, removed: ['s3:PutBucketPolicy'], added: [] },
      ],
    },
    regressions,
    regressionCount: regressions.length,
    notes: [],
  };
}

/** An alert for a principal; `sequence` makes its id and time unique (later = newer). */
export function alertFor(stub: StubPrincipal | undefined, sequence: number): AlertItem {
  const arn = stub?.item.arn ?? 'arn:aws:iam::123456789012:role/unknown';
  const hostile = stub?.hostile === true;
  const alert: AlertItem = {
    id: `alert-${sequence}`,
    kind: hostile ? 'denied' : 'first-use',
    principal: arn,
    action: hostile ? 'iam:CreateAccessKey' : 'iam:PassRole',
    category: 'privilege-escalation',
    severity: 'high',
    reason: hostile
      ? `first call from userAgent ${PAYLOAD_IMG}`
      : 'first use of a high-risk action by this principal',
    resource: hostile
      ? `arn:aws:iam::210987654321:user/${PAYLOAD_SCRIPT}`
      : 'arn:aws:iam::123456789012:role/admin',
    eventId: `event-${sequence}`,
    eventTime: iso(600_000 - sequence * 1000),
    eventName: 'PassRole',
    region: 'eu-west-1',
    detectedAt: iso(600_000 - sequence * 1000 - 500),
  };
  return hostile ? { ...alert, errorCode: PAYLOAD_IMG } : alert;
}

/** /stats computed from the principals and alerts the stub currently holds. */
export function statsOf(principals: StubPrincipal[], alerts: AlertItem[]): StatsResponse {
  const sum = (pick: (item: PrincipalListItem) => number): number =>
    principals.reduce((total, p) => total + pick(p.item), 0);
  const events = sum((item) => item.events);
  const lastSeen =
    principals
      .map((p) => p.item.lastSeen)
      .sort()
      .at(-1) ?? null;
  return {
    generatedAt: iso(0),
    totals: {
      principals: principals.length,
      events,
      success: sum((item) => item.success),
      denied: sum((item) => item.denied),
      errors: 0,
      notAGrant: 0,
      unmapped: 0,
      crossAccount: events > 0 ? 77 : 0,
    },
    services: events > 0 ? [{ service: 's3', events: 9000, denied: 10 }] : [],
    topPrincipals: principals.slice(0, 3).map((p) => ({
      arn: p.item.arn,
      kind: p.item.kind,
      events: p.item.events,
      denied: p.item.denied,
      lastSeen: p.item.lastSeen,
    })),
    eventsPerMinute: Array.from({ length: 60 }, (_, index) => ({
      minute: iso((59 - index) * 60_000),
      events: events === 0 ? 0 : 180 + Math.round(120 * Math.sin(index / 6)) + (index % 9) * 14,
    })),
    lastEventTime: lastSeen,
    pipelineLagMs: events > 0 ? 840 : null,
    quarantined: { total: events > 0 ? 3 : 0, byCode: events > 0 ? { INVALID_RECORD: 3 } : {} },
    alerts: alerts.length,
  };
}
