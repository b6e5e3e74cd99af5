import { applyGroup, type GroupContext, type GroupOutcome } from './apply-group.js';
import { type Chain, type ChainHints, readChains } from './chain-reader.js';
import type { ItemTable } from './dynamo-io.js';
import { isRequestError, StoreError, toStoreError } from './errors.js';
import { groupBatch } from './group-batch.js';
import { padSequence } from './keys.js';
import { mapLimit } from './map-limit.js';
import type { ApplyBatchInput, ApplyResult } from './ports.js';

/** Tuning of {@link applyBatchTo}. */
export interface ApplySettings {
  /** Size of `data` past which a bucket takes no new keys. */
  readonly bucketBytes: number;
  /** Principal-days written in parallel. */
  readonly concurrency: number;
  /** Plans tried per group-day when concurrent writers keep winning. */
  readonly maxAttempts: number;
}

/**
 * Applies one shard's batch to an item table: group by group-day, read every touched bucket chain, then plan
 * and write each group-day (in parallel, each bucket by bucket). Expected failures come back as values;
 * broken invariants (bad input, corrupt or oversized items) are thrown once every write has settled.
 */
export async function applyBatchTo(
  table: ItemTable,
  input: ApplyBatchInput,
  settings: ApplySettings,
  hints: ChainHints,
): Promise<ApplyResult> {
  if (input.shardId === '') throw new StoreError('INVALID_INPUT', 'shardId is empty');
  const groups = groupBatch(input.calls);
  const first = input.calls[0]?.sequenceNumber;
  if (first === undefined) return { kind: 'applied', writes: 0, items: 0 };
  let chains: Map<string, Chain>;
  try {
    chains = await readChains(table, groups, hints);
  } catch (error) {
    if (!isRequestError(error)) throw error;
    const failure = toStoreError(error, 'BatchGetItem');
    if (!failure.retryable && failure.code !== 'REJECTED') throw failure;
    // Nothing was written by this attempt: the whole batch is to be retried.
    return retryable(failure, first, 0);
  }
  const context: GroupContext = { table, shardId: input.shardId, hints, ...settings };
  const settled = await mapLimit(groups, settings.concurrency, (group) =>
    applyGroup(context, group, chains.get(group.id) ?? []),
  );
  const originals = new Map(input.calls.map((c) => [padSequence(c.sequenceNumber), c.sequenceNumber]));
  return summarise(settled, originals);
}

/** Folds the group-days' outcomes into one result; an invariant failure is rethrown. */
function summarise(
  settled: readonly PromiseSettledResult<GroupOutcome>[],
  originals: ReadonlyMap<string, string>,
): ApplyResult {
  let writes = 0;
  let items = 0;
  let worst: Extract<GroupOutcome, { ok: false }> | undefined;
  for (const result of settled) {
    if (result.status === 'rejected') throw result.reason;
    writes += result.value.writes;
    items += result.value.items;
    if (!result.value.ok && (!worst || result.value.minSeq < worst.minSeq)) worst = result.value;
  }
  if (!worst) return { kind: 'applied', writes, items };
  return retryable(worst.error, originals.get(worst.minSeq) ?? worst.minSeq, writes);
}

function retryable(error: StoreError, failedSequenceNumber: string, writes: number): ApplyResult {
  return { kind: 'retryable', code: error.code, message: error.message, failedSequenceNumber, writes };
}
