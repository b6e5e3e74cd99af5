import { MAX_KINESIS_RECORD_BYTES } from './decode.js';

/** Limits of one Kinesis PutRecords request. */
export interface BatchLimits {
  /** Most records per request (Kinesis: 500). */
  readonly maxRecords: number;
  /** Most bytes per request, data plus partition keys (Kinesis: 5 MiB). */
  readonly maxBytes: number;
  /** Most bytes per record, data plus partition key (Kinesis: 1 MiB). */
  readonly maxRecordBytes: number;
}

/** The PutRecords limits of Kinesis Data Streams. */
export const KINESIS_LIMITS: BatchLimits = {
  maxRecords: 500,
  maxBytes: 5 * 1024 * 1024,
  maxRecordBytes: MAX_KINESIS_RECORD_BYTES,
};

/** Something with a size in bytes as Kinesis counts it (data plus partition key). */
export interface Sized {
  readonly size: number;
}

/** Requests to send, in input order, and the records too large for any request. */
export interface BatchPlan<T extends Sized> {
  readonly batches: T[][];
  readonly oversized: T[];
}

/**
 * Splits records, in order, into PutRecords requests that respect every limit; records over the per-record limit
 * are set aside, never sent.
 */
export function planBatches<T extends Sized>(
  records: readonly T[],
  limits: BatchLimits = KINESIS_LIMITS,
): BatchPlan<T> {
  const batches: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const record of records) {
    if (record.size > limits.maxRecordBytes) {
      oversized.push(record);
      continue;
    }
    const full = current.length >= limits.maxRecords || bytes + record.size > limits.maxBytes;
    if (full && current.length > 0) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += record.size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversized };
}
