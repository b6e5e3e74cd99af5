import { templateRequestPaths } from './request-params.js';

/**
 * The service principal a passed role goes to (the value of `iam:PassedToService`). By default it is the calling
 * service's own principal, `<prefix>.amazonaws.com`. Exceptions are keyed `prefix` (whole service) or
 * `prefix:requestPath` (one field), the field winning: a role's trust policy names the principal that assumes it,
 * which for task, instance and fleet roles is not the service that received the call.
 */
export const PASSED_TO_SERVICE: Readonly<Record<string, string>> = {
  // ECS task and execution roles are assumed by ECS tasks.
  ecs: 'ecs-tasks.amazonaws.com',
  // Batch job roles run as ECS tasks; compute environments launch EC2 instances and Spot fleets.
  'batch:containerProperties.jobRoleArn': 'ecs-tasks.amazonaws.com',
  'batch:containerProperties.executionRoleArn': 'ecs-tasks.amazonaws.com',
  'batch:computeResources.instanceRole': 'ec2.amazonaws.com',
  'batch:computeResources.spotIamFleetRole': 'spotfleet.amazonaws.com',
  // Instance profiles go to EC2, whichever service launches the instances.
  'autoscaling:iamInstanceProfile': 'ec2.amazonaws.com',
  'elasticmapreduce:jobFlowRole': 'ec2.amazonaws.com',
  'elasticmapreduce:autoScalingRole': 'application-autoscaling.amazonaws.com',
  'eks:nodeRole': 'ec2.amazonaws.com',
  'opsworks:defaultInstanceProfileArn': 'ec2.amazonaws.com',
  'opsworks:customInstanceProfileArn': 'ec2.amazonaws.com',
  'opsworks-cm:instanceProfileArn': 'ec2.amazonaws.com',
  'iam:roleName': 'ec2.amazonaws.com',
  // EC2 flow logs and Spot fleets have their own principals.
  'ec2:deliverLogsPermissionArn': 'vpc-flow-logs.amazonaws.com',
  'ec2:spotFleetRequestConfig.iamFleetRole': 'spotfleet.amazonaws.com',
  // RDS enhanced monitoring publishes as its own principal.
  'rds:monitoringRoleArn': 'monitoring.rds.amazonaws.com',
  // S3 Batch Operations jobs and Shield's response team.
  's3:roleArn': 'batchoperations.s3.amazonaws.com',
  shield: 'drt.shield.amazonaws.com',
  // Pinpoint's IAM prefix is mobiletargeting; its principal is pinpoint.
  mobiletargeting: 'pinpoint.amazonaws.com',
};

/** Returns the `iam:PassedToService` value for a role passed in `arnTemplate` of a call to service `prefix`. */
export function passedToService(prefix: string, arnTemplate: string): string {
  const path = templateRequestPaths(arnTemplate)[0]?.replaceAll('[]', '');
  const byField = path === undefined ? undefined : PASSED_TO_SERVICE[`${prefix}:${path}`];
  return byField ?? PASSED_TO_SERVICE[prefix] ?? `${prefix}.amazonaws.com`;
}
