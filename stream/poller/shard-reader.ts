import {
  type _Record,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { backoffMs, sleep } from '../timing.js';
import { describeError, errorName, isThrottling, KINESIS_ERRORS } from './errors.js';
import type { PollerLogger } from './logger.js';

/** Where a shard reader starts: after a sequence number, or at one end of the shard. */
export type ReadPosition =
  | {
      readonly type: 'AFTER_SEQUENCE_NUMBER';
      readonly sequenceNumber: string;
      readonly fromCheckpoint: boolean;
    }
  | { readonly type: 'TRIM_HORIZON' | 'LATEST' };

/** What a shard reader needs. */
export interface ShardReaderOptions {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly shardId: string;
  readonly start: ReadPosition;
  /** Where to start instead when Kinesis rejects a checkpoint (e.g. the local stream was recreated). */
  readonly fallback: 'TRIM_HORIZON' | 'LATEST';
  readonly logger: PollerLogger;
  readonly signal: AbortSignal;
}

/** One GetRecords answer. */
export interface ReadResult {
  readonly records: readonly _Record[];
  readonly millisBehindLatest: number | undefined;
  /** The shard is closed and every one of its records has been returned (NextShardIterator was null). */
  readonly ended: boolean;
}

/** GetRecords' own maximum; leftovers wait in the batch assembler's buffer. */
export const GET_RECORDS_LIMIT = 10_000;
/** Kinesis allows 5 GetRecords calls per second per shard. */
export const MIN_GET_RECORDS_INTERVAL_MS = 200;
const THROTTLE_BACKOFF = { initialMs: 250, maxMs: 10_000 };
const ERROR_BACKOFF = { initialMs: 500, maxMs: 10_000 };

/**
 * Reads one shard in order with GetRecords, at most 5 calls per second, and survives what Kinesis throws at a
 * long-running reader: an expired iterator (after 5 minutes unused, e.g. a slow handler) is re-acquired
 * AFTER_SEQUENCE_NUMBER of the last record read — records read but not yet checkpointed are held by the
 * caller, so nothing is skipped or read twice; throttling backs off exponentially; other errors are logged
 * and retried.
 */
export class ShardReader {
  readonly #options: ShardReaderOptions;
  #position: ReadPosition;
  #iterator: string | undefined;
  #lastCallAt = Number.NEGATIVE_INFINITY;
  #failures = 0;
  #ended = false;

  constructor(options: ShardReaderOptions) {
    this.#options = options;
    this.#position = options.start;
  }

  /**
   * Acquires the first iterator now, so a LATEST reader sees records put after this resolves; errors wait for
   * read().
   */
  async prepare(): Promise<void> {
    try {
      this.#iterator ??= await this.#acquire();
    } catch {
      // read() logs and recovers.
    }
  }

  /** The next GetRecords answer; empty (not ended) when the reader is stopped while waiting. */
  async read(): Promise<ReadResult> {
    const { signal } = this.#options;
    while (!this.#ended && !signal.aborted) {
      await sleep(this.#lastCallAt + MIN_GET_RECORDS_INTERVAL_MS - Date.now(), signal);
      if (signal.aborted) break;
      try {
        return await this.#readOnce();
      } catch (error) {
        await this.#recover(error);
      }
    }
    return { records: [], millisBehindLatest: undefined, ended: this.#ended };
  }

  async #readOnce(): Promise<ReadResult> {
    this.#iterator ??= await this.#acquire();
    this.#lastCallAt = Date.now();
    const output = await this.#options.kinesis.send(
      new GetRecordsCommand({ ShardIterator: this.#iterator, Limit: GET_RECORDS_LIMIT }),
    );
    this.#failures = 0;
    const records = output.Records ?? [];
    const lastSequenceNumber = records.at(-1)?.SequenceNumber;
    if (lastSequenceNumber !== undefined) {
      this.#position = {
        type: 'AFTER_SEQUENCE_NUMBER',
        sequenceNumber: lastSequenceNumber,
        fromCheckpoint: false,
      };
    }
    this.#iterator = output.NextShardIterator ?? undefined;
    this.#ended = this.#iterator === undefined;
    return { records, millisBehindLatest: output.MillisBehindLatest, ended: this.#ended };
  }

  async #acquire(): Promise<string> {
    const { kinesis, streamName, shardId } = this.#options;
    const position = this.#position;
    try {
      const output = await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: position.type,
          ...(position.type === 'AFTER_SEQUENCE_NUMBER'
            ? { StartingSequenceNumber: position.sequenceNumber }
            : {}),
        }),
      );
      if (output.ShardIterator === undefined)
        throw new Error(`GetShardIterator returned no iterator for ${shardId}`);
      return output.ShardIterator;
    } catch (error) {
      if (!isRejectedCheckpoint(position, error)) throw error;
      const { fallback, logger } = this.#options;
      logger({ level: 'warn', msg: 'checkpoint-rejected', shardId, fallback, error: describeError(error) });
      this.#position = { type: fallback };
      return this.#acquire();
    }
  }

  async #recover(error: unknown): Promise<void> {
    const { logger, shardId, signal } = this.#options;
    this.#failures += 1;
    this.#lastCallAt = Date.now();
    if (errorName(error) === KINESIS_ERRORS.EXPIRED_ITERATOR) {
      this.#iterator = undefined;
      logger({ level: 'warn', msg: 'iterator-expired', shardId, resumeFrom: this.#position });
      return;
    }
    if (isThrottling(error)) {
      const ms = backoffMs(this.#failures, THROTTLE_BACKOFF.initialMs, THROTTLE_BACKOFF.maxMs);
      logger({ level: 'warn', msg: 'throttled', shardId, backoffMs: ms, error: errorName(error) });
      await sleep(ms, signal);
      return;
    }
    // Unknown trouble (network, a deleted stream): start over from the last record read, after a pause.
    this.#iterator = undefined;
    const ms = backoffMs(this.#failures, ERROR_BACKOFF.initialMs, ERROR_BACKOFF.maxMs);
    logger({ level: 'error', msg: 'read-error', shardId, backoffMs: ms, error: describeError(error) });
    await sleep(ms, signal);
  }
}

function isRejectedCheckpoint(position: ReadPosition, error: unknown): boolean {
  return (
    position.type === 'AFTER_SEQUENCE_NUMBER' &&
    position.fromCheckpoint &&
    errorName(error) === KINESIS_ERRORS.INVALID_ARGUMENT
  );
}
