/**
 * core/actions: CloudTrail eventSource/eventName → IAM actions, and the IAM reference data they are checked
 * against. Pure: tables are compiled into the bundle, nothing is read at run time.
 */
export type { ActionMapData, Clause, ClauseOp, EncodedRule, Rule } from './action-map-data.js';
export { MAX_EVENT_NAME_LENGTH, normaliseEventName } from './event-names.js';
export { EVENT_SOURCE_ALIASES, resolveServicePrefix } from './event-sources.js';
export { type ActionMapping, mapEventToActions, UNMAPPED_REASONS, type UnmappedReason } from './map-event.js';
export { EVENT_OVERRIDES, EXTRA_RULES } from './overrides.js';
export { PASSED_TO_SERVICE, passedToService } from './pass-role.js';
export { isPermissionless } from './permissionless.js';
export {
  type AccessLevel,
  type ActionInfo,
  allActions,
  IAM_REFERENCE_VERSION,
  type IamReferenceData,
  isKnownService,
  lookupAction,
  resourceTypeArn,
} from './reference-data.js';
export { type RequestParameters, requestValues, templateRequestPaths } from './request-params.js';
