import type { _Record } from '@aws-sdk/client-kinesis';
import { sleep } from '../timing.js';
import { EVENT_ENVELOPE_BYTES, type EventRecord, MAX_EVENT_BYTES } from './lambda-event.js';
import type { ReadResult } from './shard-reader.js';

/** How batches are cut: Lambda's BatchSize and MaximumBatchingWindowInSeconds, and the idle poll pause. */
export interface BatchLimits {
  readonly batchSize: number;
  readonly maximumBatchingWindowMs: number;
  readonly pollIntervalMs: number;
}

/** Records of one shard to hand to the function, in sequence order. */
export interface Batch {
  readonly records: readonly EventRecord[];
  /** Size of the event JSON (at most 6 MB). */
  readonly bytes: number;
  /** MillisBehindLatest of the last GetRecords call that fed the batch. */
  readonly millisBehindLatest: number | undefined;
}

/** The next batch, or why there is none: the shard is finished, or the poller is stopping. */
export type AssembleResult =
  | { readonly kind: 'batch'; readonly batch: Batch }
  | { readonly kind: 'ended' }
  | { readonly kind: 'stopped' };

/** Where the assembler gets records from (a ShardReader). */
export interface RecordSource {
  read(): Promise<ReadResult>;
}

/**
 * Cuts a shard's records into batches the way Lambda does: a batch goes to the function when it holds
 * `batchSize` records, when the next record would push the event past 6 MB (Lambda's payload limit), or when
 * the batching window has passed with at least one record. The window starts when the previous invocation
 * finished (AWS: "the next window begins as soon as the previous function invocation completes"); with the
 * default window of 0, a batch is whatever one GetRecords call returned, up to `batchSize`. Records read
 * beyond a batch wait for the next one.
 */
export class BatchAssembler {
  readonly #source: RecordSource;
  readonly #convert: (record: _Record) => EventRecord;
  readonly #limits: BatchLimits;
  readonly #signal: AbortSignal;
  #buffer: EventRecord[] = [];
  #head = 0;
  #ended = false;
  #millisBehindLatest: number | undefined;

  constructor(
    source: RecordSource,
    convert: (record: _Record) => EventRecord,
    limits: BatchLimits,
    signal: AbortSignal,
  ) {
    this.#source = source;
    this.#convert = convert;
    this.#limits = limits;
    this.#signal = signal;
  }

  /** Waits for the next batch (or the end of the shard, or stop). */
  async next(): Promise<AssembleResult> {
    const deadline = Date.now() + this.#limits.maximumBatchingWindowMs;
    const records: EventRecord[] = [];
    let bytes = EVENT_ENVELOPE_BYTES;
    for (;;) {
      const filled = this.#fill(records, bytes);
      bytes = filled.bytes;
      if (filled.full || (records.length > 0 && Date.now() >= deadline)) return this.#batch(records, bytes);
      if (this.#ended) return records.length > 0 ? this.#batch(records, bytes) : { kind: 'ended' };
      if (this.#signal.aborted) return { kind: 'stopped' };
      const result = await this.#source.read();
      this.#append(result);
      if (result.records.length === 0 && !result.ended) await this.#idle(records.length > 0, deadline);
    }
  }

  /** Moves buffered records into the batch until it is full by count or by bytes. */
  #fill(records: EventRecord[], bytes: number): { bytes: number; full: boolean } {
    let total = bytes;
    while (records.length < this.#limits.batchSize && this.#head < this.#buffer.length) {
      const next = this.#buffer[this.#head] as EventRecord;
      if (records.length > 0 && total + next.bytes > MAX_EVENT_BYTES) return { bytes: total, full: true };
      records.push(next);
      total += next.bytes;
      this.#head += 1;
    }
    return { bytes: total, full: records.length >= this.#limits.batchSize };
  }

  #append(result: ReadResult): void {
    this.#ended = result.ended;
    if (result.millisBehindLatest !== undefined) this.#millisBehindLatest = result.millisBehindLatest;
    if (result.records.length === 0) return;
    const converted = result.records.map(this.#convert);
    this.#buffer =
      this.#head < this.#buffer.length ? [...this.#buffer.slice(this.#head), ...converted] : converted;
    this.#head = 0;
  }

  /**
   * Pauses after an empty read: the poll interval, but not past the window when a batch is waiting to fill.
   */
  async #idle(waiting: boolean, deadline: number): Promise<void> {
    const pause = waiting
      ? Math.min(this.#limits.pollIntervalMs, deadline - Date.now())
      : this.#limits.pollIntervalMs;
    await sleep(pause, this.#signal);
  }

  #batch(records: readonly EventRecord[], bytes: number): AssembleResult {
    return { kind: 'batch', batch: { records, bytes, millisBehindLatest: this.#millisBehindLatest } };
  }
}
