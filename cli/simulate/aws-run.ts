import { IAMClient } from '@aws-sdk/client-iam';
import {
  checkRequests,
  compareWithExternal,
  type ExternalCheck,
  type SimulationInput,
} from '../../core/simulate/index.js';
import { policyJson, simulateWithIam } from './aws-check.js';

/** Name of the other evaluator in reports. */
export const IAM_SIMULATOR = 'IAM SimulateCustomPolicy';

/** Where to reach IAM: the SDK's region and credential chains unless overridden. */
export interface AwsTarget {
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
}

/** Builds the IAM client; IAM is a global service, so the region only picks the signing region. */
export function iamClient(target: AwsTarget): IAMClient {
  return new IAMClient({
    region: target.region ?? 'us-east-1',
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  });
}

/** Puts the proposal's replayed requests to IAM's policy simulator and compares with the local evaluator. */
export async function runAwsCheck(
  input: SimulationInput,
  target: AwsTarget,
  client: IAMClient = iamClient(target),
): Promise<ExternalCheck> {
  const requests = checkRequests(input);
  const boundary = input.guardrails?.permissionsBoundary ?? input.baseline?.permissionsBoundary ?? [];
  try {
    const decisions = await simulateWithIam(
      client,
      { proposed: input.proposed.policies.map(policyJson), boundary: boundary.map(policyJson) },
      requests,
    );
    return compareWithExternal(input, requests, decisions, IAM_SIMULATOR);
  } finally {
    client.destroy();
  }
}
