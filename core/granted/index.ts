export { AuthorizationDetailsSchema, parseAuthorizationDetails } from './authorization-details.js';
export { GRANTED_ERROR_CODES, GrantedError, type GrantedErrorCode } from './errors.js';
export {
  actionInfoOf,
  allActionNames,
  compareCodeUnits,
  expandActionPattern,
  expandActionPatterns,
  expandNotActionPatterns,
} from './expand-actions.js';
export { type GrantedActions, grantedActions } from './granted-actions.js';
export {
  decodePolicyDocument,
  listOf,
  type PolicyDocumentJson,
  PolicyDocumentSchema,
  type PolicyStatementJson,
  PolicyStatementSchema,
  statementsOf,
} from './policy-document.js';
export type { GrantedPermissions, GrantedPolicy, GrantedPolicyType } from './types.js';
