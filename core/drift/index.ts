export { computeDrift } from './compute-drift.js';
export { type PreparedGrant, prepareGrant } from './prepared-grant.js';
export { ACCESS_LEVEL_WEIGHTS, computeDriftScore, driftScore } from './score.js';
export type { DriftDenied, DriftReport, DriftUnusedAction } from './types.js';
