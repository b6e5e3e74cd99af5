import { DescribeStreamSummaryCommand, type KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.js';
import type { Sized } from './batches.js';
import { isRetryableRecordError, toPublishError } from './publish-errors.js';

/** One record ready for PutRecords; `size` counts data plus partition key bytes, as Kinesis does. */
export interface KinesisEntry extends Sized {
  readonly data: Uint8Array;
  readonly partitionKey: string;
}

/** A record that could not be delivered, with the last error code Kinesis gave for it. */
export interface Undelivered<T> {
  readonly entry: T;
  readonly code: string;
}

/** What one {@link KinesisPublisher.put} achieved. */
export interface PutOutcome<T> {
  sent: number;
  /** Record resends: a record resent twice counts twice. */
  retried: number;
  readonly failed: Undelivered<T>[];
}

/** Options of {@link KinesisPublisher}. */
export interface PublisherOptions {
  /** How the stream is reached, for messages: `at http://127.0.0.1:4567`, `in region eu-west-1`. */
  readonly where?: string;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops retrying (records still pending count as failed); a request in flight always completes. */
  readonly signal?: AbortSignal;
}

/**
 * Sends records to a Kinesis stream with PutRecords, resending only the entries a response reports as throttled
 * or failed, and whole requests that failed transiently, with exponential backoff and jitter.
 */
export class KinesisPublisher {
  private readonly where: string;
  private readonly backoff: BackoffPolicy;
  private readonly options: PublisherOptions;

  constructor(
    private readonly client: KinesisClient,
    readonly streamName: string,
    options: PublisherOptions = {},
  ) {
    this.options = options;
    this.where = options.where ?? '';
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** Fails fast with a {@link PublishError} when the stream does not exist or Kinesis cannot be reached. */
  async checkStream(): Promise<void> {
    try {
      await this.client.send(new DescribeStreamSummaryCommand({ StreamName: this.streamName }));
    } catch (error) {
      const failure = toPublishError(error, this.streamName, this.where);
      // Permission to put records does not imply permission to describe the stream: let PutRecords decide.
      if (failure.code !== 'ACCESS_DENIED') throw failure;
    }
  }

  /** Delivers up to one request's worth of records; throws a {@link PublishError} only when retrying cannot help. */
  async put<T extends KinesisEntry>(entries: readonly T[]): Promise<PutOutcome<T>> {
    const outcome: PutOutcome<T> = { sent: 0, retried: 0, failed: [] };
    let pending = entries;
    for (let attempt = 1; ; attempt++) {
      const retry = await this.attempt(pending, outcome);
      if (retry.length === 0) return outcome;
      if (attempt >= this.backoff.maxAttempts || this.options.signal?.aborted) {
        outcome.failed.push(...retry);
        return outcome;
      }
      outcome.retried += retry.length;
      pending = retry.map((r) => r.entry);
      const delay = backoffDelay(attempt, this.backoff, this.options.random);
      await (this.options.sleep ?? sleep)(delay, this.options.signal);
    }
  }

  /** Sends one request; returns the entries worth resending, records the rest in `outcome`. */
  private async attempt<T extends KinesisEntry>(
    pending: readonly T[],
    outcome: PutOutcome<T>,
  ): Promise<Undelivered<T>[]> {
    const command = new PutRecordsCommand({
      StreamName: this.streamName,
      Records: pending.map((e) => ({ Data: e.data, PartitionKey: e.partitionKey })),
    });
    let results: readonly { ErrorCode?: string | undefined }[];
    try {
      results = (await this.client.send(command)).Records ?? [];
    } catch (error) {
      const failure = toPublishError(error, this.streamName, this.where);
      if (!failure.retryable) throw failure;
      return pending.map((entry) => ({ entry, code: failure.awsName }));
    }
    if (results.length !== pending.length)
      throw new Error(`PutRecords answered ${results.length} results for ${pending.length} records`);
    const retry: Undelivered<T>[] = [];
    pending.forEach((entry, i) => {
      const code = results[i]?.ErrorCode;
      if (code === undefined || code === '') outcome.sent++;
      else if (isRetryableRecordError(code)) retry.push({ entry, code });
      else outcome.failed.push({ entry, code });
    });
    return retry;
  }
}
