import type { ActionInfo } from './actions/reference-data.js';

/** A resource as listed in a CloudTrail record's `resources[]`. */
export interface RecordResource {
  readonly arn?: string;
  readonly type?: string;
  readonly accountId?: string;
}

/**
 * The parts of a CloudTrail record that action and resource mapping read. Built by core/cloudtrail from a
 * validated record; request/response bodies stay `unknown` because CloudTrail does not type them.
 */
export interface CallContext {
  /** e.g. `s3.amazonaws.com` */
  readonly eventSource: string;
  /** e.g. `GetObject`, `UpdateFunctionCode20150331v2` */
  readonly eventName: string;
  readonly requestParameters: Readonly<Record<string, unknown>> | null;
  readonly responseElements: Readonly<Record<string, unknown>> | null;
  readonly additionalEventData: Readonly<Record<string, unknown>> | null;
  readonly resources: readonly RecordResource[];
  /** `aws`, `aws-us-gov`, `aws-cn`, … derived from the caller's ARN or the region. */
  readonly partition: string;
  readonly region: string;
  /** Account that received the call: the default owner of resources named without an account. */
  readonly account: string;
}

/**
 * One IAM action a call needs, before its resources are resolved. Produced by core/actions from the action
 * table (derived from iam-dataset's map.json) and the override table; consumed by core/resources.
 */
export interface ActionTarget {
  readonly info: ActionInfo;
  /**
   * ARN-template variable → template over request parameters, from map.json `resource_mappings`
   * (e.g. `{ BucketName: '${Bucket}', ObjectName: '${Key}' }`), already translated to CloudTrail's
   * lowerCamelCase parameter names where known. Absent when the table has no hint.
   */
  readonly resourceVars?: Readonly<Record<string, string>>;
  /** Whole-ARN template over request parameters (map.json `arn_override`), e.g. `${roleArn}` for iam:PassRole. */
  readonly arnTemplate?: string;
  /** For an implied iam:PassRole: the service the role is passed to, e.g. `lambda.amazonaws.com`. */
  readonly passedToService?: string;
}
