import { sleep } from '../timing.js';
import { type Chain, type ChainHints, readChains } from './chain-reader.js';
import type { ItemTable } from './dynamo-io.js';
import { isConditionFailure, isRequestError, StoreError, toStoreError } from './errors.js';
import type { DayGroup } from './group-batch.js';
import { toAttributes, type UsageItem } from './item.js';
import { type ItemWrite, planDay } from './plan-day.js';
import { parseSummaries } from './summary.js';

/** What applying a batch's group-days shares. */
export interface GroupContext {
  readonly table: ItemTable;
  readonly shardId: string;
  readonly bucketBytes: number;
  /** Plans tried per group-day before giving up on lost races (CONFLICT). */
  readonly maxAttempts: number;
  readonly hints: ChainHints;
}

/** Result of one group-day: written, or stopped with the lowest sequence number not fully stored. */
export type GroupOutcome =
  | { readonly ok: true; readonly writes: number; readonly items: number }
  | {
      readonly ok: false;
      readonly error: StoreError;
      readonly minSeq: string;
      readonly writes: number;
      readonly items: number;
    };

/**
 * Plans and writes one group-day, bucket by bucket. A lost race re-reads the chain and plans again: items
 * this attempt already wrote carry the new high-water mark, so the new plan leaves them out.
 */
export async function applyGroup(ctx: GroupContext, group: DayGroup, first: Chain): Promise<GroupOutcome> {
  const written = new Set<string>();
  let chain = first;
  let writes = 0;
  for (let attempt = 1; ; attempt++) {
    const plan = planDay(group, chain, ctx.shardId, ctx.bucketBytes);
    let lost = -1;
    for (let i = 0; i < plan.length && lost < 0; i++) {
      const write = plan[i] as ItemWrite;
      const item = toAttributes(write.content);
      writes++;
      try {
        await ctx.table.put(item, write.expectedVersion);
        written.add(item.pk?.S ?? '');
        ctx.hints.remember(item.pk?.S ?? '', writtenItem(write));
      } catch (error) {
        if (!isRequestError(error)) throw error;
        if (!isConditionFailure(error))
          return failed(toStoreError(error, 'PutItem'), plan.slice(i), group, writes, written);
        lost = i;
      }
    }
    if (lost < 0) return { ok: true, writes, items: written.size };
    const rest = plan.slice(lost);
    if (attempt >= ctx.maxAttempts) {
      const message = `gave up after ${attempt} lost races on a usage item of ${group.day}`;
      return failed(new StoreError('CONFLICT', message), rest, group, writes, written);
    }
    // Another shard is writing the same group-day: let it finish before reading again.
    await sleep(Math.random() * 5 * attempt);
    try {
      chain = (await readChains(ctx.table, [group], ctx.hints)).get(group.id) ?? [];
    } catch (error) {
      if (!isRequestError(error)) throw error;
      return failed(toStoreError(error, 'BatchGetItem'), rest, group, writes, written);
    }
  }
}

function failed(
  error: StoreError,
  unwritten: readonly ItemWrite[],
  group: DayGroup,
  writes: number,
  written: ReadonlySet<string>,
): GroupOutcome {
  if (!error.retryable && error.code !== 'REJECTED') throw error;
  let minSeq: string | undefined;
  for (const write of unwritten)
    if (write.minSeq && (!minSeq || write.minSeq < minSeq)) minSeq = write.minSeq;
  // A seal-only write is always followed by a write with contributions; the fallback is for safety only.
  minSeq ??= group.calls[0]?.seq ?? '';
  return { ok: false, error, minSeq, writes, items: written.size };
}

/** The item a write stored, as `fromAttributes` would read it back, without parsing its `data`. */
function writtenItem(write: ItemWrite): UsageItem {
  const { content, lists } = write;
  let entryCount = 0;
  for (const list of lists.values()) entryCount += list.length;
  return {
    ...content,
    lists,
    entryCount,
    summaries: content.summary === undefined ? new Map() : parseSummaries(content.summary),
  };
}
