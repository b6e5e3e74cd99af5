/**
 * Test helpers for the usage store: real fixture calls split over shards with Kinesis-like sequence numbers, the
 * in-memory reference fold, an event-source-mapping-like driver with fault schedules, and hand-made calls.
 */
import { createHash } from 'node:crypto';
import { Analyzer } from '../../core/analysis/analyzer.js';
import { normaliseRecord } from '../../core/cloudtrail/normalise.js';
import type { ApiCall, Outcome, Principal } from '../../core/types.js';
import type { UsageAggregate } from '../../core/usage/aggregate.js';
import type { PrincipalSummary } from '../../core/usage/principal-summary.js';
import { readRecords } from '../input/index.js';
import { mapLimit } from './map-limit.js';
import type { ApplyResult, SequencedCall, UsageStore } from './ports.js';

let fixtureCalls: Promise<ApiCall[]> | undefined;

/** The distinct calls of fixtures/real, ordered by (time, eventID) like a time-sorted stream. */
export function loadFixtureCalls(): Promise<ApiCall[]> {
  fixtureCalls ??= (async () => {
    const byId = new Map<string, ApiCall>();
    for await (const batch of readRecords(['fixtures/real'])) {
      for (const record of batch) {
        const result = normaliseRecord(record.value);
        if (result.kind === 'call' && !byId.has(result.call.eventId))
          byId.set(result.call.eventId, result.call);
      }
    }
    return [...byId.values()].sort((a, b) => a.time - b.time || (a.eventId < b.eventId ? -1 : 1));
  })();
  return fixtureCalls;
}

/** One shard's records in order. */
export interface ShardCalls {
  readonly shardId: string;
  readonly calls: readonly SequencedCall[];
}

/** Splits calls over shards by a hash of the eventID (the partition key) with increasing sequence numbers. */
export function shardCalls(calls: readonly ApiCall[], shards = 2): ShardCalls[] {
  const out: { shardId: string; calls: SequencedCall[] }[] = Array.from({ length: shards }, (_, i) => ({
    shardId: `shardId-${String(i).padStart(12, '0')}`,
    calls: [],
  }));
  for (const call of calls) {
    const shard = out[
      createHash('md5').update(call.eventId).digest().readUInt8(0) % shards
    ] as (typeof out)[0];
    // Kinesis-like: 56 digits, increasing with gaps.
    const sequenceNumber = String(
      49_650_000_000_000_000_000_000n * 10n ** 32n + BigInt(shard.calls.length) * 97n,
    );
    shard.calls.push({ sequenceNumber, call });
  }
  return out;
}

/** What the store must hold after the calls: the core's own single-process fold. */
export interface Reference {
  readonly usage: ReadonlyMap<string, UsageAggregate[]>;
  readonly summaries: PrincipalSummary[];
}

/** Folds calls with the core's Analyzer, in list order. */
export function referenceOf(calls: readonly ApiCall[]): Reference {
  const analyzer = new Analyzer();
  for (const call of calls) analyzer.addCall(call);
  const usage = new Map<string, UsageAggregate[]>();
  for (const summary of analyzer.principalSummaries()) usage.set(summary.arn, []);
  for (const agg of analyzer.usage()) usage.get(agg.principal)?.push(agg);
  return { usage, summaries: analyzer.principalSummaries() };
}

/** Everything the store returns for the reference's principals, for one `toEqual`. */
export async function readBack(store: UsageStore, reference: Reference): Promise<Reference> {
  const principals = [...reference.usage.keys()];
  const settled = await mapLimit(principals, 16, (principal) => store.usageOf(principal));
  const usage = new Map<string, UsageAggregate[]>();
  settled.forEach((result, i) => {
    if (result.status === 'rejected') throw result.reason;
    usage.set(principals[i] as string, result.value);
  });
  return { usage, summaries: await store.principalSummaries() };
}

/** Counters of one delivery. */
export interface Delivery {
  writes: number;
  items: number;
  retries: number;
}

/**
 * Delivers a shard's calls in batches like the Lambda event source mapping with partial batch responses: after a
 * `retryable` result the shard restarts at the failed sequence number. `before` runs before each attempt.
 */
export async function deliver(
  store: UsageStore,
  shard: ShardCalls,
  batchSize: number,
  before: (attempt: number) => void = () => {},
): Promise<Delivery> {
  const delivery: Delivery = { writes: 0, items: 0, retries: 0 };
  let position = 0;
  for (let attempt = 0; position < shard.calls.length; attempt++) {
    before(attempt);
    const batch = shard.calls.slice(position, position + batchSize);
    const result = await store.applyBatch({ shardId: shard.shardId, calls: batch });
    delivery.writes += result.writes;
    if (result.kind === 'applied') {
      delivery.items += result.items;
      position += batch.length;
      continue;
    }
    if (++delivery.retries > 200)
      throw new Error(`shard does not progress: ${result.code} ${result.message}`);
    position += restartIndex(batch, result);
  }
  return delivery;
}

/** Index within the batch of the failed sequence number; checks it is one of the batch's. */
export function restartIndex(batch: readonly SequencedCall[], result: ApplyResult): number {
  if (result.kind !== 'retryable') return batch.length;
  const index = batch.findIndex((c) => c.sequenceNumber === result.failedSequenceNumber);
  if (index < 0) throw new Error('failedSequenceNumber is not in the batch');
  return index;
}

/** One step of a delivery schedule: a batch of `size` records and what goes wrong with it. */
export interface Step {
  readonly size: number;
  /**
   * ok: applied once; twice: applied, then the whole batch again; crash: the attempt dies after `k` puts and the
   * shard restarts at the failed sequence number; lost: a put lands but its response is lost; bisect: the
   * attempt dies after `k` puts and the two halves are applied.
   */
  readonly action: 'ok' | 'twice' | 'crash' | 'lost' | 'bisect';
  readonly k: number;
}

/** Turns a fault on for one attempt. */
export interface FaultSwitch {
  arm(action: 'crash' | 'lost', k: number): void;
  disarm(): void;
}

/** Delivers a shard's calls following a schedule of batch sizes and faults (cycled until all calls are stored). */
export async function runSchedule(
  store: Pick<UsageStore, 'applyBatch'>,
  shard: ShardCalls,
  steps: readonly Step[],
  faults: FaultSwitch,
): Promise<void> {
  const apply = (calls: readonly SequencedCall[]) => store.applyBatch({ shardId: shard.shardId, calls });
  let position = 0;
  for (let i = 0; position < shard.calls.length; i++) {
    if (i > 5_000) throw new Error('schedule does not progress');
    const step = steps[i % steps.length] as Step;
    const batch = shard.calls.slice(position, position + step.size);
    if (step.action === 'ok' || step.action === 'twice') {
      if (step.action === 'twice') await apply(batch);
      position += restartIndex(batch, await apply(batch));
      continue;
    }
    faults.arm(step.action === 'lost' ? 'lost' : 'crash', step.k);
    const first = await apply(batch).finally(() => faults.disarm());
    if (step.action === 'bisect' && first.kind === 'retryable') {
      const half = Math.ceil(batch.length / 2);
      const left = restartIndex(batch.slice(0, half), await apply(batch.slice(0, half)));
      position += left < half ? left : half + restartIndex(batch.slice(half), await apply(batch.slice(half)));
      continue;
    }
    const from = restartIndex(batch, first);
    position += from + restartIndex(batch.slice(from), await apply(batch.slice(from)));
  }
}

const ACCOUNT = '111122223333';

/** A role principal of the test account. */
export function rolePrincipal(name: string): Principal {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    kind: 'role',
    accountId: ACCOUNT,
    partition: 'aws',
    flags: [],
    draftable: true,
  };
}

/** A hand-made call: `s3:GetObject` on `resource` by `principal`, or a not-a-grant call when `resource` is absent. */
export function syntheticCall(options: {
  readonly id: string;
  readonly time: number;
  readonly principal: Principal;
  readonly resource?: string;
  readonly outcome?: Outcome;
  readonly session?: string;
}): ApiCall {
  const { resource } = options;
  return {
    eventId: options.id,
    time: options.time,
    eventSource: resource === undefined ? 'signin.amazonaws.com' : 's3.amazonaws.com',
    eventName: resource === undefined ? 'ConsoleLogin' : 'GetObject',
    region: 'eu-west-1',
    principal: options.principal,
    ...(options.session === undefined ? {} : { sessionName: options.session }),
    sourceAccount: ACCOUNT,
    recipientAccount: ACCOUNT,
    crossAccount: false,
    outcome:
      options.outcome ??
      (resource === undefined ? { kind: 'not-a-grant', reason: 'console-sign-in' } : { kind: 'success' }),
    mapping:
      resource === undefined
        ? { kind: 'unmapped', reason: 'no action' }
        : {
            kind: 'mapped',
            actions: [{ action: 's3:GetObject', resources: [{ arn: resource, origin: 'record' }] }],
          },
  };
}
