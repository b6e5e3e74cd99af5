import {
  ABSENT,
  type ExtractInput,
  type Extraction,
  found,
  type ServiceRules,
  UNRESOLVABLE,
} from '../extraction.js';
import { text } from '../request-params.js';

/**
 * SQS queues from `queueUrl` (`https://sqs.us-east-1.amazonaws.com/123456789012/name`, legacy
 * `https://queue.amazonaws.com/…` and `https://<region>.queue.amazonaws.com/…`, VPC endpoint hosts) or from
 * `queueName` (CreateQueue, GetQueueUrl with an optional `queueOwnerAWSAccountId`). The URL's account is the queue
 * owner, which may differ from the account that received the call.
 */

const QUEUE_URL = /^https?:\/\/([^/]+)\/(\d{12})\/([^/?#]+)\/?$/;
/** Host patterns that carry the region, in order: current, legacy regional, VPC endpoint. */
const REGION_IN_HOST = [
  /^sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^([a-z0-9-]+)\.queue\.amazonaws\.com(?:\.cn)?$/,
  /\.sqs\.([a-z0-9-]+)\.vpce\.amazonaws\.com(?:\.cn)?$/,
] as const;
/** The oldest endpoint: it only ever served us-east-1. */
const LEGACY_GLOBAL_HOST = 'queue.amazonaws.com';

function regionOf(host: string): string | undefined {
  if (host === LEGACY_GLOBAL_HOST) return 'us-east-1';
  for (const pattern of REGION_IN_HOST) {
    const region = pattern.exec(host)?.[1];
    if (region !== undefined) return region;
  }
  return undefined;
}

function queue(input: ExtractInput): Extraction {
  const url = text(input.params, 'queueUrl');
  if (url !== undefined) {
    const match = QUEUE_URL.exec(url);
    if (match === null) return UNRESOLVABLE;
    const [, host = '', account = '', QueueName = ''] = match;
    // Unknown hosts (local emulators, custom DNS) still reach the region the call was made in.
    const region = regionOf(host.toLowerCase()) ?? input.ctx.region;
    return found([{ vars: { QueueName }, scope: { account, region } }]);
  }
  const name = text(input.params, 'queueName');
  if (name === undefined) return ABSENT;
  const owner = text(input.params, 'queueOwnerAWSAccountId');
  return found([
    { vars: { QueueName: name }, ...(owner === undefined ? {} : { scope: { account: owner } }) },
  ]);
}

/** Extractor table for the `sqs` prefix. */
export const SQS_RULES: ServiceRules = {
  types: { queue },
};
