// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected values are ARN-template placeholders.
import { describe, expect, it } from 'vitest';
import { passedToService } from './index.js';
import { mapCall, targetsOf } from './test-support.js';

/** The iam:PassRole targets a call implies: which role template, passed to which service. */
function passRoles(
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown> | null,
) {
  return targetsOf(eventSource, eventName, requestParameters)
    .filter((t) => t.info.action === 'iam:PassRole')
    .map((t) => ({ arn: t.arnTemplate, to: t.passedToService }));
}

const ROLE = 'arn:aws:iam::111122223333:role/app';

describe('implied iam:PassRole', () => {
  // Each of these services is handed the role itself, so it is passed to the call's own eventSource.
  it.each([
    ['lambda.amazonaws.com', 'CreateFunction20150331', { functionName: 'f', role: ROLE }, '${role}'],
    [
      'lambda.amazonaws.com',
      'UpdateFunctionConfiguration20150331v2',
      { functionName: 'f', role: ROLE },
      '${role}',
    ],
    ['cloudformation.amazonaws.com', 'CreateStack', { stackName: 's', roleARN: ROLE }, '${roleARN}'],
    ['cloudformation.amazonaws.com', 'UpdateStack', { stackName: 's', roleARN: ROLE }, '${roleARN}'],
    ['states.amazonaws.com', 'CreateStateMachine', { name: 'sm', roleArn: ROLE }, '${roleArn}'],
    ['codebuild.amazonaws.com', 'CreateProject', { name: 'p', serviceRole: ROLE }, '${serviceRole}'],
    ['sagemaker.amazonaws.com', 'CreateTrainingJob', { trainingJobName: 't', roleArn: ROLE }, '${roleArn}'],
    [
      'events.amazonaws.com',
      'PutTargets',
      { rule: 'r', targets: [{ id: '1', arn: 'arn:aws:sqs:us-east-1:1:q', roleArn: ROLE }] },
      '${targets[].roleArn}',
    ],
    [
      's3.amazonaws.com',
      'PutBucketReplication',
      { bucketName: 'b', ReplicationConfiguration: { Role: ROLE } },
      '${ReplicationConfiguration.Role}',
    ],
  ])('%s %s passes the role', (source, name, params, arn) => {
    expect(passRoles(source, name, params)).toEqual([{ arn, to: source }]);
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
    const mapped = mapCall('lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', {
      functionName: 'f',
    });

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
