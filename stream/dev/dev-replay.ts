import type { KinesisClient } from '@aws-sdk/client-kinesis';
import {
  KinesisPublisher,
  type ReplayResult,
  type ReplayStats,
  replayToKinesis,
  sleep,
} from '../eventbridge/index.js';
import { readRecords } from '../input/index.js';
import { type DevReplayState, emptyReplayStats } from './dev-stats.js';

/** What the dev stack replays into its stream so the data keeps moving. */
export interface DevReplayOptions {
  /** CloudTrail files or directories, in any format `iamlp analyze` reads. */
  readonly inputs: readonly string[];
  /** Records per second (default 200); `Infinity`: as fast as Kinesis accepts. */
  readonly rate?: number;
  /** Replay again and again with fresh eventIDs, as `iamlp replay --loop` does (default true). */
  readonly loop?: boolean;
  /**
   * Records per second on average after the first pass (default 20): enough to keep the dashboard moving, while
   * kinesalite, which keeps every record in memory, grows by ~250 MB an hour instead of ~2.5 GB at 200/s.
   */
  readonly loopRate?: number;
  /**
   * Records sent but not yet consumed past which the replay waits (default 5,000). Producer, emulators and
   * consumer share one event loop here: an unbounded producer would starve the consumer and fill memory.
   */
  readonly maxBacklog?: number;
}

/** A replay running in the background. */
export interface RunningReplay {
  stats(): Readonly<ReplayStats> & { readonly state: DevReplayState };
  /** Settles when the replay ends by itself (no loop), fails, or is stopped. */
  readonly done: Promise<ReplayResult | undefined>;
  /** Stops after the request in flight. */
  stop(): Promise<void>;
}

/** Default replay rate: gentle enough to watch, fast enough to see the numbers move. */
export const DEFAULT_DEV_RATE = 200;
/** Default average rate of the passes after the first. */
export const DEFAULT_DEV_LOOP_RATE = 20;
const DEFAULT_MAX_BACKLOG = 5_000;
const BACKLOG_POLL_MS = 50;

/**
 * Starts replaying the inputs into the stream in the background, reusing `iamlp replay`'s pipeline (EventBridge
 * wrapping, PutRecords batching and retries, the rate ceiling, fresh eventIDs per pass). Problems are reported
 * through `warn` and never stop the stack.
 */
export function startDevReplay(
  kinesis: KinesisClient,
  streamName: string,
  options: DevReplayOptions,
  hooks: { readonly warn: (line: string) => void; readonly consumed: () => number },
): RunningReplay {
  const { warn } = hooks;
  const controller = new AbortController();
  let stats: Readonly<ReplayStats> = emptyReplayStats();
  let state: DevReplayState = 'running';
  const publisher = new KinesisPublisher(kinesis, streamName, { signal: controller.signal });
  const skip = (where: { source: string; line?: number }, reason: string) =>
    warn(`replay: ${where.source}${where.line === undefined ? '' : `:${where.line}`}: ${reason}; skipped`);
  const backlog = () => stats.sent - hooks.consumed();
  const maxBacklog = options.maxBacklog ?? DEFAULT_MAX_BACKLOG;
  const loopRate = options.loopRate ?? DEFAULT_DEV_LOOP_RATE;
  const read = (pass: number) =>
    heldBack(
      paced(
        readRecords(options.inputs, {
          onProblem: (problem) => skip(problem, problem.message),
          // Reported once: later passes read the same files.
          onFileError: (error) => (pass === 1 ? warn(`replay: ${error.message}`) : undefined),
        }),
        pass === 1 ? Number.POSITIVE_INFINITY : loopRate,
        controller.signal,
      ),
      () => backlog() <= maxBacklog || controller.signal.aborted,
    );
  const rate = options.rate ?? DEFAULT_DEV_RATE;
  const done = replayToKinesis({
    publisher,
    read,
    loop: options.loop ?? true,
    ...(Number.isFinite(rate) ? { rate } : {}),
    signal: controller.signal,
    onSkip: skip,
    onProgress: (latest) => {
      stats = latest;
    },
  }).then(
    (result) => {
      stats = result.stats;
      state = endStateOf(result, warn);
      return result;
    },
    (error: unknown) => {
      state = 'failed';
      warn(`replay stopped: ${(error as Error).message}`);
      return undefined;
    },
  );
  return {
    stats: () => ({ ...stats, state }),
    done,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

/**
 * Passes records on at `rate` records per second on average: in slices of about a second's worth, each followed
 * by a wait as long as its records take at that rate (in steps: an abort ends the wait and the pacing). An infinite rate passes
 * the chunks on whole and at once.
 */
export async function* paced<E>(
  chunks: AsyncIterable<readonly E[]>,
  rate: number,
  signal: AbortSignal,
): AsyncGenerator<readonly E[]> {
  const slice = Number.isFinite(rate) ? Math.max(1, Math.ceil(rate)) : Number.POSITIVE_INFINITY;
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i += slice) {
      const part = slice >= chunk.length ? chunk : chunk.slice(i, i + slice);
      yield part;
      if (!Number.isFinite(rate)) continue;
      const until = Date.now() + (part.length / rate) * 1000;
      while (!signal.aborted && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
      if (signal.aborted) return;
    }
  }
}

/** Yields each chunk once `ready()` holds, checking every {@link BACKLOG_POLL_MS}. */
async function* heldBack<T>(chunks: AsyncIterable<T>, ready: () => boolean): AsyncGenerator<T> {
  for await (const chunk of chunks) {
    while (!ready()) await sleep(BACKLOG_POLL_MS);
    yield chunk;
  }
}

function endStateOf(result: ReplayResult, warn: (line: string) => void): DevReplayState {
  const first = result.undelivered[0];
  if (first) {
    warn(`replay stopped: ${result.undelivered.length} records could not be delivered (${first.code})`);
    return 'failed';
  }
  return result.interrupted ? 'stopped' : 'done';
}
