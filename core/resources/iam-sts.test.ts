// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM ARN and map.json templates use ${…} syntax.
import { describe, expect, it } from 'vitest';
import { fromRecord, fromRequest, resolve, UNRESOLVED } from './test-support.js';

const ACCOUNT = '123837392027';
const iam = (resource: string, account = ACCOUNT, partition = 'aws') =>
  `arn:${partition}:iam::${account}:${resource}`;
const here = { account: ACCOUNT };

describe('IAM entities', () => {
  it('builds user, role and instance profile ARNs without a region', () => {
    expect(resolve('iam:GetUser', { userName: 'stratus-red-team-backdoor-u-user' }, here)).toEqual(
      fromRequest(iam('user/stratus-red-team-backdoor-u-user')),
    );
    expect(resolve('iam:GetRole', { roleName: 'stratus-red-team-ec2-get-password-data-role' }, here)).toEqual(
      fromRequest(iam('role/stratus-red-team-ec2-get-password-data-role')),
    );
    const profile = { instanceProfileName: 'stratus-instance', roleName: 'stratus-role' };
    expect(resolve('iam:AddRoleToInstanceProfile', profile, here)).toEqual(
      fromRequest(iam('instance-profile/stratus-instance')),
    );
  });

  it('includes the path the request carries', () => {
    const params = {
      path: '/',
      roleName: 'app-role',
      assumeRolePolicyDocument: '{}',
      maxSessionDuration: 3600,
    };
    expect(resolve('iam:CreateRole', params, here)).toEqual(fromRequest(iam('role/app-role')));
    expect(resolve('iam:CreateRole', { ...params, path: '/teams/payments/' }, here)).toEqual(
      fromRequest(iam('role/teams/payments/app-role')),
    );
    expect(resolve('iam:CreateUser', { userName: 'bob', path: '/ops/' }, here)).toEqual(
      fromRequest(iam('user/ops/bob')),
    );
  });

  it('prefers the ARN in the response of a create call', () => {
    const responseElements = {
      role: { path: '/svc/', roleName: 'r', arn: iam('role/svc/r'), roleId: 'AROA' },
    };
    expect(resolve('iam:CreateRole', { roleName: 'r' }, { ...here, responseElements })).toEqual(
      fromRequest(iam('role/svc/r')),
    );
  });

  it('rejects malformed paths', () => {
    expect(resolve('iam:CreateRole', { roleName: 'r', path: 'no-slashes' }, here)).toEqual(UNRESOLVED);
    expect(resolve('iam:CreateRole', { roleName: 'r', path: '/a b/' }, here)).toEqual(UNRESOLVED);
  });

  it('uses policy ARNs as given, including AWS managed policies', () => {
    const managed = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';
    expect(resolve('iam:GetPolicy', { policyArn: managed }, here)).toEqual(fromRequest(managed));
    expect(
      resolve('iam:CreatePolicy', { policyName: 'p', path: '/app/', policyDocument: '{}' }, here),
    ).toEqual(fromRequest(iam('policy/app/p')));
  });

  it('attaches a policy to the role only (the policy is a condition, not a resource)', () => {
    const params = { roleName: 'r', policyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' };
    expect(resolve('iam:AttachRolePolicy', params, here)).toEqual(fromRequest(iam('role/r')));
  });

  it('follows the partition', () => {
    expect(resolve('iam:GetRole', { roleName: 'r' }, { account: ACCOUNT, partition: 'aws-us-gov' })).toEqual(
      fromRequest(iam('role/r', ACCOUNT, 'aws-us-gov')),
    );
  });

  it('leaves GetUser on oneself unresolved (no userName)', () => {
    expect(resolve('iam:GetUser', null, here)).toEqual(UNRESOLVED);
  });

  it('falls back on hostile names', () => {
    expect(resolve('iam:GetRole', { roleName: 'admin*' }, here)).toEqual(UNRESOLVED);
    expect(resolve('iam:GetRole', { roleName: 'a:b' }, here)).toEqual(UNRESOLVED);
    expect(resolve('iam:GetPolicy', { policyArn: 'arn:aws:iam::aws:policy/*' }, here)).toEqual(UNRESOLVED);
  });
});

describe('iam:PassRole', () => {
  const lambdaParams = {
    functionName: 'stratus-red-team-backdoor-f-func',
    runtime: 'nodejs18.x',
    role: 'arn:aws:iam::123837392027:role/stratus-red-team-backdoor-f-lambda',
    handler: 'index.test',
  };

  it('follows target.arnTemplate', () => {
    expect(resolve('iam:PassRole', lambdaParams, here, { arnTemplate: '${role}' })).toEqual(
      fromRequest(iam('role/stratus-red-team-backdoor-f-lambda')),
    );
  });

  it('resolves both roles of an ECS task definition', () => {
    const params = {
      family: 'web',
      taskRoleArn: iam('role/web-task'),
      executionRoleArn: iam('role/ecsTaskExecutionRole'),
    };
    expect(
      resolve('iam:PassRole', params, here, { arnTemplate: '%%many%${taskRoleArn}%${executionRoleArn}%%' }),
    ).toEqual(fromRequest(iam('role/ecsTaskExecutionRole'), iam('role/web-task')));
    expect(resolve('iam:PassRole', params, here, { arnTemplate: '${executionRoleArn}' })).toEqual(
      fromRequest(iam('role/ecsTaskExecutionRole')),
    );
  });

  it('reads the usual role parameters without a template, and builds names into ARNs', () => {
    expect(resolve('iam:PassRole', lambdaParams, here)).toEqual(
      fromRequest(iam('role/stratus-red-team-backdoor-f-lambda')),
    );
    expect(resolve('iam:PassRole', { roleARN: iam('role/cfn') }, here)).toEqual(fromRequest(iam('role/cfn')));
    expect(resolve('iam:PassRole', { role: 'GlueServiceRole' }, here)).toEqual(
      fromRequest(iam('role/GlueServiceRole')),
    );
  });

  it('cannot know the role behind an instance profile', () => {
    const params = {
      instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890', minCount: 1, maxCount: 1 }] },
      iamInstanceProfile: { arn: iam('instance-profile/web') },
    };
    expect(resolve('iam:PassRole', params, here)).toEqual(UNRESOLVED);
    // map.json's arn_override for RunInstances evaluates to a literal "*": still flagged, never emitted as exact.
    expect(
      resolve('iam:PassRole', params, here, { arnTemplate: '%%iftruthy%${iamInstanceProfile.arn}%*%%%' }),
    ).toEqual(UNRESOLVED);
  });

  it('ignores roles listed in the record', () => {
    const resources = [{ type: 'AWS::IAM::Role', arn: iam('role/unrelated') }];
    expect(resolve('iam:PassRole', lambdaParams, { ...here, resources }, { arnTemplate: '${role}' })).toEqual(
      fromRequest(iam('role/stratus-red-team-backdoor-f-lambda')),
    );
  });

  it('rejects a passed value that is not a role ARN', () => {
    expect(resolve('iam:PassRole', { role: iam('user/bob') }, here, { arnTemplate: '${role}' })).toEqual(
      UNRESOLVED,
    );
    expect(resolve('iam:PassRole', { role: iam('role/*') }, here, { arnTemplate: '${role}' })).toEqual(
      UNRESOLVED,
    );
  });
});

describe('sts:AssumeRole', () => {
  it('uses roleArn as is, even in another account', () => {
    const params = {
      roleArn: 'arn:aws:iam::999988887777:role/OrganizationAccountAccessRole',
      roleSessionName: 'aws-go-sdk-1688990082523310002',
      durationSeconds: 900,
    };
    expect(resolve('sts:AssumeRole', params, here)).toEqual(
      fromRequest('arn:aws:iam::999988887777:role/OrganizationAccountAccessRole'),
    );
  });

  it('prefers the record', () => {
    const arn = iam('role/stratus-red-team-ec2-get-password-data-role');
    const resources = [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', arn }];
    expect(resolve('sts:AssumeRole', { roleArn: arn }, { ...here, resources })).toEqual(fromRecord(arn));
  });

  it('covers the web identity variant and keeps role paths', () => {
    const arn = iam('role/github/deploy');
    expect(resolve('sts:AssumeRoleWithWebIdentity', { roleArn: arn, roleSessionName: 'gh' }, here)).toEqual(
      fromRequest(arn),
    );
  });

  it('falls back when roleArn is missing or not a role', () => {
    expect(resolve('sts:AssumeRole', null, here)).toEqual(UNRESOLVED);
    expect(resolve('sts:AssumeRole', { roleArn: iam('user/bob') }, here)).toEqual(UNRESOLVED);
  });
});
