import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { CheckpointStore } from './checkpoint-store.js';
import { PollerError } from './errors.js';
import type { KinesisStreamHandler } from './lambda-kinesis-types.js';
import { guardLogger, type PollerLogger } from './logger.js';
import type { FailureReason } from './retry-policy.js';

/**
 * What the on-failure destination receives about records given up on (AWS: the `KinesisBatchInfo` document).
 */
export interface FailedBatchInfo {
  readonly reason: FailureReason;
  readonly shardId: string;
  readonly streamArn: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  /** ISO-8601 arrival times of the first and last record. */
  readonly approximateArrivalOfFirstRecord: string;
  readonly approximateArrivalOfLastRecord: string;
  readonly batchSize: number;
}

/**
 * The on-failure destination: told about every range of records skipped; errors it throws are logged, not
 * retried.
 */
export type OnFailureDestination = (info: FailedBatchInfo) => void | Promise<void>;

/** Settings of the local event source mapping; names and defaults follow Lambda's for Kinesis. */
export interface PollerOptions {
  /** A client from `createKinesisClient` (HTTP/1.1, so it works against kinesalite). */
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly handler: KinesisStreamHandler;
  /**
   * Where to start a shard that has no checkpoint; shards born after start (resharding) always start at
   * TRIM_HORIZON.
   */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** 1..10000, default 100. */
  readonly batchSize?: number;
  /** 0..300000 ms, default 0. */
  readonly maximumBatchingWindowMs?: number;
  /** -1 (default: until success or record expiry) or 0..10000. */
  readonly retryAttempts?: number;
  /** Default false. */
  readonly bisectBatchOnFunctionError?: boolean;
  /** -1 (default: no limit) or 60..604800 s, as on AWS. */
  readonly maxRecordAgeSeconds?: number;
  /** Honour `{ batchItemFailures }` responses; default false (responses are ignored, as on AWS). */
  readonly reportBatchItemFailures?: boolean;
  /** Default: an in-memory store (progress is lost with the process). */
  readonly checkpoints?: CheckpointStore;
  readonly onFailure?: OnFailureDestination;
  /**
   * Pause after a GetRecords call that returned nothing; default 200 ms (calls are never closer than 200 ms).
   */
  readonly pollIntervalMs?: number;
  /** How often to ListShards for new shards besides when a shard ends; default 10 s. */
  readonly shardDiscoveryIntervalMs?: number;
  /** First pause before re-sending a failed batch, doubling per retry; default 100 ms. */
  readonly retryDelayMs?: number;
  /** Cap of that pause; default 5 s. */
  readonly maxRetryDelayMs?: number;
  /** `invokeIdentityArn` of the records; default a role in the stream's account. */
  readonly invokeIdentityArn?: string;
  /** Default: JSON lines on stderr. */
  readonly logger?: PollerLogger;
  /** Clock for record ages (ms since epoch); tests move it. Default `Date.now`. */
  readonly now?: () => number;
}

/** Options with every default applied and every bound checked. */
export type ResolvedOptions = Required<
  Omit<PollerOptions, 'checkpoints' | 'onFailure' | 'invokeIdentityArn' | 'logger'>
> &
  Pick<PollerOptions, 'onFailure' | 'invokeIdentityArn'> & {
    readonly checkpoints: CheckpointStore;
    readonly logger: PollerLogger;
  };

/** Numeric options: default, and the allowed values (AWS's bounds where AWS has them). */
const NUMERIC_OPTIONS = {
  batchSize: { fallback: 100, min: 1, max: 10_000, infinite: false },
  maximumBatchingWindowMs: { fallback: 0, min: 0, max: 300_000, infinite: false },
  retryAttempts: { fallback: -1, min: 0, max: 10_000, infinite: true },
  maxRecordAgeSeconds: { fallback: -1, min: 60, max: 604_800, infinite: true },
  pollIntervalMs: { fallback: 200, min: 0, max: 60_000, infinite: false },
  shardDiscoveryIntervalMs: { fallback: 10_000, min: 10, max: 3_600_000, infinite: false },
  retryDelayMs: { fallback: 100, min: 0, max: 60_000, infinite: false },
  maxRetryDelayMs: { fallback: 5_000, min: 0, max: 600_000, infinite: false },
} as const;

type NumericOption = keyof typeof NUMERIC_OPTIONS;

/**
 * Applies defaults and checks bounds; throws `PollerError('INVALID_OPTIONS')` naming the first bad option.
 */
export function resolveOptions(
  options: PollerOptions,
  defaults: { checkpoints: CheckpointStore; logger: PollerLogger },
): ResolvedOptions {
  if (options.streamName === '') throw invalid('streamName must not be empty');
  if (options.startingPosition !== 'TRIM_HORIZON' && options.startingPosition !== 'LATEST') {
    throw invalid(
      `startingPosition must be TRIM_HORIZON or LATEST (got ${String(options.startingPosition)})`,
    );
  }
  const numbers = Object.fromEntries(
    (Object.keys(NUMERIC_OPTIONS) as NumericOption[]).map((name) => [
      name,
      resolveNumber(name, options[name]),
    ]),
  ) as Record<NumericOption, number>;
  return {
    ...options,
    ...numbers,
    bisectBatchOnFunctionError: options.bisectBatchOnFunctionError ?? false,
    reportBatchItemFailures: options.reportBatchItemFailures ?? false,
    checkpoints: options.checkpoints ?? defaults.checkpoints,
    logger: guardLogger(options.logger ?? defaults.logger),
    now: options.now ?? Date.now,
  };
}

function resolveNumber(name: NumericOption, value: number | undefined): number {
  const rule = NUMERIC_OPTIONS[name];
  if (value === undefined) return rule.fallback;
  const inRange = Number.isInteger(value) && value >= rule.min && value <= rule.max;
  if (inRange || (rule.infinite && value === -1)) return value;
  const allowed = `${rule.infinite ? '-1 or ' : ''}an integer in ${rule.min}..${rule.max}`;
  throw invalid(`${name} must be ${allowed} (got ${value})`);
}

function invalid(message: string): PollerError {
  return new PollerError('INVALID_OPTIONS', message);
}
