import { isKnownService } from './reference-data.js';

/**
 * CloudTrail eventSource hosts whose name is not the IAM service prefix (host without `.amazonaws.com` → prefix).
 * Every other host maps to itself when IAM knows it as a prefix (`ssmmessages`, `ec2messages`, `execute-api`,
 * `elasticmapreduce`, `ec2-instance-connect` …). Entries are checked in tests: each target is a known prefix.
 */
export const EVENT_SOURCE_ALIASES: Readonly<Record<string, string>> = {
  // Seen in real CloudTrail records (the datasets or public samples):
  // CloudWatch metrics and alarms log as `monitoring` (the API endpoint name); the IAM prefix is `cloudwatch`.
  monitoring: 'cloudwatch',
  // Resource Groups Tagging API (TagResources, GetResources …) logs as `tagging`; actions are `tag:*`.
  tagging: 'tag',
  // Cloud Control API (GetResource, CreateResource …) authorizes as `cloudformation:*`.
  cloudcontrolapi: 'cloudformation',
  // Service Catalog AppRegistry shares the `servicecatalog` prefix.
  'servicecatalog-appregistry': 'servicecatalog',
  // Macie Classic's prefix is gone from IAM; a `macie` record calling UpdateMacieSession is Macie (v2).
  macie: 'macie2',
  // Not seen in the datasets: endpoint host names some producers write instead of the service's eventSource.
  // Harmless when unused, and mapping them beats dropping the call.
  email: 'ses',
  'runtime.sagemaker': 'sagemaker',
  'api.sagemaker': 'sagemaker',
  'bedrock-runtime': 'bedrock',
  'streams.dynamodb': 'dynamodb',
  appconfigdata: 'appconfig',
};

const SUFFIXES = ['.amazonaws.com', '.amazonaws.com.cn'] as const;

/** Longest eventSource worth looking at; anything longer is not an AWS host. */
const MAX_SOURCE_LENGTH = 128;

/** Returns the IAM prefix for a CloudTrail eventSource, or undefined when the host is not a known AWS service. */
export function resolveServicePrefix(eventSource: string): string | undefined {
  if (eventSource.length > MAX_SOURCE_LENGTH) return undefined;
  const suffix = SUFFIXES.find((s) => eventSource.endsWith(s));
  if (suffix === undefined) return undefined;
  const host = eventSource.slice(0, -suffix.length);
  const prefix = Object.hasOwn(EVENT_SOURCE_ALIASES, host) ? EVENT_SOURCE_ALIASES[host] : host;
  return prefix !== undefined && isKnownService(prefix) ? prefix : undefined;
}
