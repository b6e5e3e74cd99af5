// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected values are ARN-template placeholders.
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../call-context.js';
import { mapEventToActions, passedToService } from './index.js';

function passRoles(
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown> | null,
) {
  const ctx: CallContext = {
    eventSource,
    eventName,
    requestParameters,
    responseElements: null,
    additionalEventData: null,
    resources: [],
    partition: 'aws',
    region: 'us-east-1',
    account: '111122223333',
  };
  const mapped = mapEventToActions(ctx);
  if (mapped.kind !== 'mapped') throw new Error(`unmapped: ${mapped.reason}`);
  return mapped.targets
    .filter((t) => t.info.action === 'iam:PassRole')
    .map((t) => ({ arn: t.arnTemplate, to: t.passedToService }));
}

const ROLE = 'arn:aws:iam::111122223333:role/app';

describe('implied iam:PassRole', () => {
  it.each([
    [
      'lambda.amazonaws.com',
      'CreateFunction20150331',
      { functionName: 'f', role: ROLE },
      '${role}',
      'lambda.amazonaws.com',
    ],
    [
      'lambda.amazonaws.com',
      'UpdateFunctionConfiguration20150331v2',
      { functionName: 'f', role: ROLE },
      '${role}',
      'lambda.amazonaws.com',
    ],
    [
      'cloudformation.amazonaws.com',
      'CreateStack',
      { stackName: 's', roleARN: ROLE },
      '${roleARN}',
      'cloudformation.amazonaws.com',
    ],
    [
      'cloudformation.amazonaws.com',
      'UpdateStack',
      { stackName: 's', roleARN: ROLE },
      '${roleARN}',
      'cloudformation.amazonaws.com',
    ],
    [
      'states.amazonaws.com',
      'CreateStateMachine',
      { name: 'sm', roleArn: ROLE },
      '${roleArn}',
      'states.amazonaws.com',
    ],
    [
      'codebuild.amazonaws.com',
      'CreateProject',
      { name: 'p', serviceRole: ROLE },
      '${serviceRole}',
      'codebuild.amazonaws.com',
    ],
    [
      'sagemaker.amazonaws.com',
      'CreateTrainingJob',
      { trainingJobName: 't', roleArn: ROLE },
      '${roleArn}',
      'sagemaker.amazonaws.com',
    ],
    [
      'events.amazonaws.com',
      'PutTargets',
      { rule: 'r', targets: [{ id: '1', arn: 'arn:aws:sqs:us-east-1:1:q', roleArn: ROLE }] },
      '${targets[].roleArn}',
      'events.amazonaws.com',
    ],
    [
      's3.amazonaws.com',
      'PutBucketReplication',
      { bucketName: 'b', ReplicationConfiguration: { Role: ROLE } },
      '${ReplicationConfiguration.Role}',
      's3.amazonaws.com',
    ],
  ])('%s %s passes the role', (source, name, params, arn, to) => {
    expect(passRoles(source, name, params)).toEqual([{ arn, to }]);
  });

  it('Glue CreateJob passes its role (a name or an ARN) to glue.amazonaws.com', () => {
    const [passed] = passRoles('glue.amazonaws.com', 'CreateJob', { name: 'j', role: 'etl-role' });

    expect(passed?.to).toBe('glue.amazonaws.com');
    expect(passed?.arn).toContain('${role}');
  });

  it('ECS RegisterTaskDefinition passes task and execution roles to ecs-tasks', () => {
    const passed = passRoles('ecs.amazonaws.com', 'RegisterTaskDefinition', {
      family: 'web',
      taskRoleArn: ROLE,
      executionRoleArn: `${ROLE}-exec`,
    });

    expect(passed).toEqual([
      { arn: '${taskRoleArn}', to: 'ecs-tasks.amazonaws.com' },
      { arn: '${executionRoleArn}', to: 'ecs-tasks.amazonaws.com' },
    ]);
  });

  it('EC2 RunInstances passes the instance profile named by ARN or by name to ec2.amazonaws.com', () => {
    const byArn = passRoles('ec2.amazonaws.com', 'RunInstances', {
      instancesSet: { items: [{ imageId: 'ami-1' }] },
      iamInstanceProfile: { arn: 'arn:aws:iam::111122223333:instance-profile/web' },
    });
    const byName = passRoles('ec2.amazonaws.com', 'RunInstances', { iamInstanceProfile: { name: 'web' } });

    expect(byArn).toEqual([{ arn: '${iamInstanceProfile.arn}', to: 'ec2.amazonaws.com' }]);
    expect(byName).toEqual([
      {
        arn: 'arn:${Partition}:iam::${Account}:instance-profile/${iamInstanceProfile.name}',
        to: 'ec2.amazonaws.com',
      },
    ]);
  });

  it.each([
    ['lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', { functionName: 'f', timeout: 3 }],
    ['lambda.amazonaws.com', 'CreateFunction20150331', null],
    ['ec2.amazonaws.com', 'RunInstances', { instancesSet: { items: [{ imageId: 'ami-1' }] } }],
    ['ecs.amazonaws.com', 'RegisterTaskDefinition', { family: 'web' }],
    ['cloudformation.amazonaws.com', 'CreateStack', { stackName: 's' }],
    ['events.amazonaws.com', 'PutTargets', { rule: 'r', targets: [{ id: '1', arn: 'arn:aws:sqs:::q' }] }],
    ['s3.amazonaws.com', 'DeleteBucketReplication', { bucketName: 'b' }],
    ['rds.amazonaws.com', 'RemoveRoleFromDBInstance', { dBInstanceIdentifier: 'db', roleArn: ROLE }],
  ])('%s %s without a role in the request passes none', (source, name, params) => {
    expect(passRoles(source, name, params)).toEqual([]);
  });

  it('keeps the call’s own action when no role is passed', () => {
    const ctx: CallContext = {
      eventSource: 'lambda.amazonaws.com',
      eventName: 'UpdateFunctionConfiguration20150331v2',
      requestParameters: { functionName: 'f' },
      responseElements: null,
      additionalEventData: null,
      resources: [],
      partition: 'aws',
      region: 'us-east-1',
      account: '111122223333',
    };
    const mapped = mapEventToActions(ctx);

    expect(mapped.kind === 'mapped' && mapped.targets.map((t) => t.info.action)).toEqual([
      'lambda:UpdateFunctionConfiguration',
    ]);
  });

  it.each([
    ['ecs', '${overrides.taskRoleArn}', 'ecs-tasks.amazonaws.com'],
    ['batch', '${containerProperties.jobRoleArn}', 'ecs-tasks.amazonaws.com'],
    ['batch', '${serviceRole}', 'batch.amazonaws.com'],
    ['elasticmapreduce', '${jobFlowRole}', 'ec2.amazonaws.com'],
    ['elasticmapreduce', '${serviceRole}', 'elasticmapreduce.amazonaws.com'],
    ['rds', '${monitoringRoleArn}', 'monitoring.rds.amazonaws.com'],
    ['ec2', '${deliverLogsPermissionArn}', 'vpc-flow-logs.amazonaws.com'],
  ])('passes %s %s to %s', (prefix, template, expected) => {
    expect(passedToService(prefix, template)).toBe(expected);
  });
});
