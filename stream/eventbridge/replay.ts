import { randomUUID } from 'node:crypto';
import { type BatchLimits, KINESIS_LIMITS, planBatches } from './batches.js';
import { asObject, toEventBridgeEvent } from './envelope.js';
import type { KinesisEntry, KinesisPublisher, Undelivered } from './kinesis-publisher.js';
import { partitionKeyOf } from './partition-key.js';
import { forPass } from './replay-pass.js';
import { TokenBucket } from './token-bucket.js';

/** One JSON value read from an input, with where it came from (the shape of the CLI's raw records). */
export interface SourceRecord {
  readonly value: unknown;
  readonly source: string;
  readonly line?: number;
}

/** A record wrapped and serialised for Kinesis, remembering where it was read. */
export interface ReplayEntry extends KinesisEntry {
  readonly source: string;
  readonly line?: number;
}

/** Running counts of a replay. */
export interface ReplayStats {
  read: number;
  sent: number;
  skipped: number;
  /** Record resends after throttling or transient failures. */
  retried: number;
  failed: number;
  /** Records sent with a fallback partition key (no usable eventID). */
  fallbackKeys: number;
  passes: number;
}

/** Options of {@link replayToKinesis}. */
export interface ReplayOptions {
  readonly publisher: Pick<KinesisPublisher, 'put'>;
  /** Reads the inputs (again) for a pass, 1-based, in batches. */
  readonly read: (pass: number) => AsyncIterable<readonly SourceRecord[]>;
  /** Replays the inputs until aborted; passes after the first get derived eventIDs and current times. */
  readonly loop?: boolean;
  /** Ceiling in records per second (default: unlimited). */
  readonly rate?: number;
  /** Stops after the request in flight. */
  readonly signal?: AbortSignal;
  readonly newId?: () => string;
  readonly now?: () => Date;
  readonly limits?: BatchLimits;
  /** Receives each record that is not sent, with a one-line reason. */
  readonly onSkip?: (where: { source: string; line?: number }, reason: string) => void;
  readonly onProgress?: (stats: Readonly<ReplayStats>) => void;
}

/** How a replay ended: counts, the records that could not be delivered (then it stopped), and whether aborted. */
export interface ReplayResult {
  readonly stats: ReplayStats;
  readonly undelivered: readonly Undelivered<ReplayEntry>[];
  readonly interrupted: boolean;
}

/** Largest `CloudTrailEvent` text (lookup-events output) unwrapped. */
const MAX_EMBEDDED_EVENT = 1024 * 1024;

/**
 * Replays CloudTrail records into Kinesis as EventBridge would deliver them: wrapped, keyed by eventID, in
 * requests within the PutRecords limits, under an optional rate ceiling; stops at the first undeliverable request.
 */
export async function replayToKinesis(options: ReplayOptions): Promise<ReplayResult> {
  const stats: ReplayStats = {
    read: 0,
    sent: 0,
    skipped: 0,
    retried: 0,
    failed: 0,
    fallbackKeys: 0,
    passes: 0,
  };
  const base = options.limits ?? KINESIS_LIMITS;
  const bucket = options.rate === undefined ? undefined : rateLimiter(options.rate, base);
  const limits = bucket ? { ...base, maxRecords: bucket.capacity } : base;
  for (let pass = 1; ; pass++) {
    stats.passes = pass;
    const readBefore = stats.read;
    const undelivered = await replayPass(pass, { options, stats, limits, bucket });
    const interrupted = options.signal?.aborted === true;
    // An empty pass would make --loop spin forever.
    if (undelivered.length > 0 || interrupted || !options.loop || stats.read === readBefore)
      return { stats, undelivered, interrupted };
  }
}

/**
 * A bucket holding a tenth of a second of records (1 to one full request): requests stay small and evenly spread,
 * so no one-second window sees much more than the rate.
 */
function rateLimiter(rate: number, limits: BatchLimits): TokenBucket {
  return new TokenBucket(rate, { capacity: Math.min(limits.maxRecords, Math.max(1, Math.ceil(rate / 10))) });
}

interface PassContext {
  readonly options: ReplayOptions;
  readonly stats: ReplayStats;
  readonly limits: BatchLimits;
  readonly bucket: TokenBucket | undefined;
}

async function replayPass(pass: number, ctx: PassContext): Promise<Undelivered<ReplayEntry>[]> {
  const { options, stats } = ctx;
  for await (const chunk of options.read(pass)) {
    if (options.signal?.aborted) break;
    const plan = planBatches(toEntries(chunk, pass, ctx), ctx.limits);
    for (const entry of plan.oversized) {
      skip(
        ctx,
        entry,
        `record of ${entry.size} bytes exceeds the ${ctx.limits.maxRecordBytes}-byte Kinesis record limit`,
      );
    }
    for (const batch of plan.batches) {
      await ctx.bucket?.take(batch.length, options.signal);
      if (options.signal?.aborted) return [];
      const outcome = await options.publisher.put(batch);
      stats.sent += outcome.sent;
      stats.retried += outcome.retried;
      stats.failed += outcome.failed.length;
      options.onProgress?.(stats);
      if (outcome.failed.length > 0) return outcome.failed;
    }
  }
  return [];
}

function toEntries(chunk: readonly SourceRecord[], pass: number, ctx: PassContext): ReplayEntry[] {
  const { options, stats } = ctx;
  const now = options.now ?? (() => new Date());
  const envelope = { ...(options.newId ? { newId: options.newId } : {}), now };
  const entries: ReplayEntry[] = [];
  for (const raw of chunk) {
    stats.read++;
    const record = recordOf(raw.value);
    if (typeof record === 'string') {
      skip(ctx, raw, record);
      continue;
    }
    const replayed = forPass(record, pass, { now: now(), newId: options.newId ?? randomUUID });
    const event = toEventBridgeEvent(replayed, envelope);
    const { key, fallback } = partitionKeyOf(event);
    if (fallback) stats.fallbackKeys++;
    const data = Buffer.from(JSON.stringify(event));
    const size = data.byteLength + Buffer.byteLength(key);
    entries.push({ data, partitionKey: key, size, source: raw.source, ...lineOf(raw) });
  }
  return entries;
}

/** The record object to wrap, unwrapping `aws cloudtrail lookup-events` items; a string says why not. */
function recordOf(value: unknown): Readonly<Record<string, unknown>> | string {
  const object = asObject(value);
  if (!object) return 'not a JSON object';
  const embedded = object.CloudTrailEvent;
  if (typeof embedded !== 'string' || 'eventVersion' in object) return object;
  if (embedded.length > MAX_EMBEDDED_EVENT) return 'CloudTrailEvent text is too long';
  try {
    return asObject(JSON.parse(embedded)) ?? 'CloudTrailEvent is not a JSON object';
  } catch {
    return 'CloudTrailEvent is not valid JSON';
  }
}

function skip(ctx: PassContext, where: { source: string; line?: number }, reason: string): void {
  ctx.stats.skipped++;
  ctx.options.onSkip?.({ source: where.source, ...lineOf(where) }, reason);
}

function lineOf(where: { line?: number }): { line?: number } {
  return where.line === undefined ? {} : { line: where.line };
}
