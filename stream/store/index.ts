export { DynamoUsageStore, type DynamoUsageStoreOptions, type StoreOverview } from './dynamo-usage-store.js';
export { STORE_ERROR_CODES, StoreError, type StoreErrorCode } from './errors.js';
export type { ApplyBatchInput, ApplyResult, DayRange, SequencedCall, UsageStore } from './ports.js';
export { type ServiceCounts, type StoredSummary, serviceOf } from './summary.js';
export { createUsageTables, type UsageTableNames } from './tables.js';
