import { describe, expect, it } from 'vitest';
import { parseAuthorizationDetails } from './authorization-details.js';
import { grantedErrorOf } from './test-support.js';

const FETCHED_AT = Date.UTC(2024, 4, 2);
const ACCOUNT = '111122223333';
const allow = (Action: string | string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource: '*' }],
});
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/Boundary`;
const SHARED_ARN = `arn:aws:iam::${ACCOUNT}:policy/team/Shared`;

/** A snapshot as the AWS CLI prints it: documents as objects, except where the IAM API's encoding is tested. */
function snapshot(): Record<string, unknown> {
  return {
    RoleDetailList: [
      {
        Path: '/service/',
        RoleName: 'Deployer',
        RoleId: 'AROAEXAMPLE',
        Arn: `arn:aws:iam::${ACCOUNT}:role/service/Deployer`,
        CreateDate: '2024-01-01T00:00:00Z',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
        RolePolicyList: [
          { PolicyName: 'Deploy', PolicyDocument: encodeURIComponent(JSON.stringify(allow('s3:*'))) },
        ],
        AttachedManagedPolicies: [{ PolicyName: 'Shared', PolicyArn: SHARED_ARN }],
        PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: BOUNDARY_ARN },
        Tags: [],
        RoleLastUsed: {},
      },
    ],
    UserDetailList: [
      {
        Path: '/',
        UserName: 'alice',
        Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
        UserPolicyList: [{ PolicyName: 'Own', PolicyDocument: allow('sqs:SendMessage') }],
        GroupList: ['devs'],
        AttachedManagedPolicies: [],
        PermissionsBoundary: {
          PermissionsBoundaryType: 'Policy',
          PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
        },
      },
    ],
    GroupDetailList: [
      {
        Path: '/',
        GroupName: 'devs',
        Arn: `arn:aws:iam::${ACCOUNT}:group/devs`,
        GroupPolicyList: [{ PolicyName: 'Logs', PolicyDocument: allow('logs:Get*') }],
        AttachedManagedPolicies: [{ PolicyName: 'Shared', PolicyArn: SHARED_ARN }],
      },
    ],
    Policies: [
      {
        PolicyName: 'Shared',
        Arn: SHARED_ARN,
        DefaultVersionId: 'v2',
        PolicyVersionList: [
          { Document: allow('ec2:*'), VersionId: 'v1', IsDefaultVersion: false },
          { Document: allow('ec2:Describe*'), VersionId: 'v2', IsDefaultVersion: true },
        ],
      },
      {
        PolicyName: 'Boundary',
        Arn: BOUNDARY_ARN,
        PolicyVersionList: [{ Document: allow(['s3:*', 'ec2:*']), VersionId: 'v1', IsDefaultVersion: true }],
      },
    ],
  };
}

describe('parseAuthorizationDetails', () => {
  it('keys roles and users by ARN with their path, as iamlp aggregates principals', () => {
    const granted = parseAuthorizationDetails(snapshot(), FETCHED_AT);
    expect([...granted.keys()]).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/service/Deployer`,
      `arn:aws:iam::${ACCOUNT}:user/alice`,
    ]);
  });

  it('collects a role’s inline and managed policies (default version) and its boundary document', () => {
    const role = parseAuthorizationDetails(snapshot(), FETCHED_AT).get(
      `arn:aws:iam::${ACCOUNT}:role/service/Deployer`,
    );
    expect(role).toEqual({
      principal: `arn:aws:iam::${ACCOUNT}:role/service/Deployer`,
      source: 'snapshot',
      fetchedAt: FETCHED_AT,
      policies: [
        { name: 'Deploy', type: 'inline', document: allow('s3:*') },
        { name: 'Shared', type: 'managed', arn: SHARED_ARN, document: allow('ec2:Describe*') },
      ],
      permissionsBoundary: { arn: BOUNDARY_ARN, document: allow(['s3:*', 'ec2:*']) },
    });
  });

  it('adds the inline and managed policies of a user’s groups, named after the group', () => {
    const user = parseAuthorizationDetails(snapshot(), FETCHED_AT).get(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(user?.policies.map((p) => [p.name, p.type])).toEqual([
      ['Own', 'inline'],
      ['devs/Logs', 'group-inline'],
      ['devs/Shared', 'group-managed'],
    ]);
  });

  it('keeps a boundary whose policy is not in the snapshot, without a document', () => {
    const user = parseAuthorizationDetails(snapshot(), FETCHED_AT).get(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(user?.permissionsBoundary).toEqual({ arn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
  });

  it('finds the default version by DefaultVersionId, or takes the only version', () => {
    const details = snapshot();
    const [shared, boundary] = details.Policies as Record<string, unknown>[];
    for (const v of (shared?.PolicyVersionList ?? []) as Record<string, unknown>[]) delete v.IsDefaultVersion;
    for (const v of (boundary?.PolicyVersionList ?? []) as Record<string, unknown>[])
      delete v.IsDefaultVersion;
    const role = parseAuthorizationDetails(details, FETCHED_AT).get(
      `arn:aws:iam::${ACCOUNT}:role/service/Deployer`,
    );
    expect(role?.policies[1]?.document).toEqual(allow('ec2:Describe*'));
    expect(role?.permissionsBoundary?.document).toEqual(allow(['s3:*', 'ec2:*']));
  });

  it('works in other partitions', () => {
    const arn = `arn:aws-cn:iam::${ACCOUNT}:role/cn-role`;
    const details = { RoleDetailList: [{ RoleName: 'cn-role', Path: '/', Arn: arn, RolePolicyList: [] }] };
    expect(parseAuthorizationDetails(details, FETCHED_AT).get(arn)?.policies).toEqual([]);
  });

  it('accepts a snapshot with only some of the lists', () => {
    expect(parseAuthorizationDetails({ Policies: [] }, FETCHED_AT).size).toBe(0);
  });
});

describe('parseAuthorizationDetails on malformed snapshots', () => {
  const withRole = (role: Record<string, unknown>) => {
    const details = snapshot();
    details.RoleDetailList = [{ ...(details.RoleDetailList as Record<string, unknown>[])[0], ...role }];
    return details;
  };

  it.each([
    ['an array', [], 'INVALID_SNAPSHOT', 'not a JSON object'],
    ['null', null, 'INVALID_SNAPSHOT', 'not a JSON object'],
    ['another document', { Roles: [] }, 'INVALID_SNAPSHOT', 'not get-account-authorization-details output'],
    ['a list that is not a list', { RoleDetailList: {} }, 'INVALID_SNAPSHOT', 'RoleDetailList'],
    ['a role without a name', withRole({ RoleName: '' }), 'INVALID_SNAPSHOT', 'RoleDetailList[0].RoleName'],
    [
      'an ARN that is not the role’s',
      withRole({ Arn: `arn:aws:iam::${ACCOUNT}:role/Deployer` }),
      'INVALID_PRINCIPAL_ARN',
      'RoleDetailList[0] (role Deployer): Arn is not the role ARN of path /service/ and name Deployer',
    ],
    [
      'a broken inline document',
      withRole({ RolePolicyList: [{ PolicyName: 'Bad', PolicyDocument: '%7B' }] }),
      'INVALID_POLICY_DOCUMENT',
      'RoleDetailList[0] (role Deployer), inline policy Bad: the document is not valid JSON',
    ],
    [
      'a managed policy missing from Policies',
      withRole({
        AttachedManagedPolicies: [{ PolicyName: 'Gone', PolicyArn: 'arn:aws:iam::aws:policy/Gone' }],
      }),
      'UNKNOWN_MANAGED_POLICY',
      'managed policy arn:aws:iam::aws:policy/Gone is attached but not in Policies',
    ],
  ])('rejects %s with a message naming what is wrong', (_, json, code, message) => {
    const error = grantedErrorOf(() => parseAuthorizationDetails(json, FETCHED_AT));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('rejects a user in a group the snapshot does not hold', () => {
    const details = snapshot();
    details.GroupDetailList = [];
    const error = grantedErrorOf(() => parseAuthorizationDetails(details, FETCHED_AT));
    expect(error.code).toBe('UNKNOWN_GROUP');
    expect(error.message).toBe(
      'UserDetailList[0] (user alice): group devs is not in GroupDetailList (take the snapshot without --filter)',
    );
  });

  it('rejects a managed policy without a default version', () => {
    const details = snapshot();
    const shared = (details.Policies as Record<string, unknown>[])[0] ?? {};
    shared.PolicyVersionList = [];
    const error = grantedErrorOf(() => parseAuthorizationDetails(details, FETCHED_AT));
    expect(error.code).toBe('UNKNOWN_MANAGED_POLICY');
    expect(error.message).toBe(`Policies[0] (${SHARED_ARN}): PolicyVersionList has no default version`);
  });
});
