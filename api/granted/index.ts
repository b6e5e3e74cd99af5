export {
  GRANTED_SOURCE_ERROR_CODES,
  GrantedSourceError,
  type GrantedSourceErrorCode,
  isNoSuchEntity,
  toIamError,
} from './errors.js';
export type { GrantedSource } from './granted-source.js';
export { fetchGrantedPermissions, type IamPrincipalRef } from './iam-fetch.js';
export {
  DEFAULT_GRANTED_TTL_MS,
  IamGrantedSource,
  type IamGrantedSourceOptions,
} from './iam-granted-source.js';
export { SingleFlightCache, type SingleFlightCacheOptions } from './single-flight-cache.js';
export { SnapshotGrantedSource } from './snapshot-granted-source.js';
