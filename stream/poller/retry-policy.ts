// The retry / bisect / partial-batch rules of a Lambda Kinesis event source mapping, as pure functions: what
// to do with a batch after the function answered. No I/O, no clock; the shard worker applies the decisions.

/**
 * A contiguous run `[start, end)` of the records of one batch read from the shard, and how many times this
 * exact run has been re-sent (`retries`, 0 on its first delivery).
 */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly retries: number;
}

/** What one invocation of the function amounted to, once its response was interpreted. */
export type InvocationOutcome =
  | { readonly kind: 'success' }
  /** A partial batch response; `failedIndex` is the batch index of the lowest failed record. */
  | { readonly kind: 'partial-failure'; readonly failedIndex: number }
  /** The function threw/rejected, or its partial batch response was unusable (AWS: complete failure). */
  | { readonly kind: 'function-error' };

/** Why records were given up on; the names of the `condition` AWS puts in on-failure records. */
export type FailureReason = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** The event source mapping settings the decisions depend on. */
export interface RetryPolicy {
  /** -1 retries until success (Lambda's default for streams); 0..10000 otherwise. */
  readonly retryAttempts: number;
  readonly bisectBatchOnFunctionError: boolean;
}

/** A decision: checkpoint, maybe give up on some records, and what to invoke next. */
export interface NextStep {
  /** Batch index of the last record this decision is done with (checkpoint through it), if any. */
  readonly doneThrough: number | undefined;
  /** Records given up on, to report to the on-failure destination (and checkpoint past). */
  readonly discarded:
    | { readonly start: number; readonly end: number; readonly reason: FailureReason }
    | undefined;
  /** Segments to invoke next, in order, ahead of the rest of the batch. */
  readonly next: readonly Segment[];
  /** The retry number when `next[0]` re-sends records just delivered (for backoff); undefined otherwise. */
  readonly retry: number | undefined;
}

/**
 * Decides what follows an invocation of `segment`, mirroring Lambda:
 * - success → checkpoint through the segment's last record;
 * - function error with `bisectBatchOnFunctionError` and more than one record → split into two halves,
 *   invoked in order; "splitting a batch does not count towards the retry quota" (AWS docs), so each half
 *   starts at 0 retries;
 * - function error otherwise → re-send the same records (retries + 1);
 * - partial batch response → checkpoint just before the lowest failed record and re-send from it: records
 *   after it are replayed too. The remainder counts as a retry; its count restarts at 1 when the checkpoint
 *   moved forward (a smaller batch is a new batch), and grows from the segment's count when it did not (the
 *   same records again);
 * - a re-send past `retryAttempts` (unless -1) is not made: those records are discarded (on-failure
 *   destination, reason `RetryAttemptsExhausted`) and the checkpoint moves past them.
 */
export function decideNextStep(segment: Segment, outcome: InvocationOutcome, policy: RetryPolicy): NextStep {
  const last = segment.end - 1;
  switch (outcome.kind) {
    case 'success':
      return { doneThrough: last, discarded: undefined, next: [], retry: undefined };
    case 'partial-failure':
      return decidePartialFailure(segment, outcome.failedIndex, policy);
    case 'function-error': {
      if (policy.bisectBatchOnFunctionError && segment.end - segment.start > 1) {
        const [first, second] = bisect(segment);
        return { doneThrough: undefined, discarded: undefined, next: [first, second], retry: undefined };
      }
      return resend(segment, segment.retries + 1, undefined, policy);
    }
  }
}

function decidePartialFailure(segment: Segment, failedIndex: number, policy: RetryPolicy): NextStep {
  if (failedIndex < segment.start || failedIndex >= segment.end) {
    throw new RangeError(`failed index ${failedIndex} outside [${segment.start}, ${segment.end})`);
  }
  if (failedIndex === segment.start) return resend(segment, segment.retries + 1, undefined, policy);
  const remainder = { start: failedIndex, end: segment.end, retries: 0 };
  return resend(remainder, 1, failedIndex - 1, policy);
}

/** Re-sends `segment` as retry number `retries`, or discards it when that exceeds the retry quota. */
function resend(
  segment: Segment,
  retries: number,
  doneThrough: number | undefined,
  policy: RetryPolicy,
): NextStep {
  if (isExhausted(retries, policy.retryAttempts)) {
    const discarded = { start: segment.start, end: segment.end, reason: 'RetryAttemptsExhausted' as const };
    return { doneThrough: segment.end - 1, discarded, next: [], retry: undefined };
  }
  return { doneThrough, discarded: undefined, next: [{ ...segment, retries }], retry: retries };
}

/** Whether retry number `retries` is beyond `retryAttempts` (-1 = never). */
export function isExhausted(retries: number, retryAttempts: number): boolean {
  return retryAttempts !== -1 && retries > retryAttempts;
}

/**
 * Splits a segment of two or more records into two halves (the first half gets the extra record); retries
 * reset.
 */
export function bisect(segment: Segment): [Segment, Segment] {
  const middle = segment.start + Math.ceil((segment.end - segment.start) / 2);
  return [
    { start: segment.start, end: middle, retries: 0 },
    { start: middle, end: segment.end, retries: 0 },
  ];
}

/**
 * How many leading records are older than `maxRecordAgeSeconds` (-1 = no limit) at `nowMs` — Lambda skips
 * those (reason `RecordAgeExceeded`) instead of sending them. A shard's records arrive in order, so the
 * expired records are a prefix; counting up to the last expired one keeps that true even if arrival stamps
 * wobble.
 */
export function countExpired(
  arrivalsMs: readonly number[],
  nowMs: number,
  maxRecordAgeSeconds: number,
): number {
  if (maxRecordAgeSeconds === -1) return 0;
  const oldestAllowed = nowMs - maxRecordAgeSeconds * 1000;
  let count = 0;
  arrivalsMs.forEach((arrival, index) => {
    if (arrival < oldestAllowed) count = index + 1;
  });
  return count;
}

/**
 * The interpretation of a function's response: what {@link decideNextStep} consumes, with an offset, not an
 * index.
 */
export type ResponseVerdict =
  | { readonly kind: 'success' }
  | { readonly kind: 'partial-failure'; readonly failedOffset: number }
  | { readonly kind: 'function-error'; readonly detail: string };

/**
 * Reads a function's response the way Lambda does for `ReportBatchItemFailures`. Ignored entirely when the
 * setting is off. Complete success: nothing returned, no/empty/null `batchItemFailures`. Complete failure: a
 * `batchItemFailures` that is not a list, or an item whose `itemIdentifier` is missing, null, empty, not a
 * string, or names no record of the batch. Otherwise: the lowest failed record (by position = sequence
 * order).
 */
export function interpretResponse(
  response: unknown,
  sequenceNumbers: readonly string[],
  reportBatchItemFailures: boolean,
): ResponseVerdict {
  if (!reportBatchItemFailures || response === undefined || response === null) return { kind: 'success' };
  if (typeof response !== 'object' || Array.isArray(response)) {
    return { kind: 'function-error', detail: 'response is not an object' };
  }
  const failures: unknown = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'function-error', detail: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  return lowestFailure(failures, sequenceNumbers);
}

function lowestFailure(failures: readonly unknown[], sequenceNumbers: readonly string[]): ResponseVerdict {
  const offsets = new Map(sequenceNumbers.map((sequenceNumber, offset) => [sequenceNumber, offset]));
  let lowest = Number.POSITIVE_INFINITY;
  for (const failure of failures) {
    const id =
      typeof failure === 'object' && failure !== null
        ? (failure as { itemIdentifier?: unknown }).itemIdentifier
        : undefined;
    const offset = typeof id === 'string' && id !== '' ? offsets.get(id) : undefined;
    if (offset === undefined) return { kind: 'function-error', detail: 'unusable itemIdentifier' };
    lowest = Math.min(lowest, offset);
  }
  return { kind: 'partial-failure', failedOffset: lowest };
}
