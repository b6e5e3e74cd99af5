/** Policy drafting: usage aggregates → least-privilege IAM policy documents. */
export { matchesActionPattern } from './action-pattern.js';
export { draftPolicy } from './draft-policy.js';
export { DEFAULT_MAX_POLICY_SIZE, policySize } from './split.js';
export type {
  DraftNote,
  DraftOptions,
  PolicyCondition,
  PolicyDocument,
  PolicyDraft,
  PolicyStatement,
} from './types.js';
