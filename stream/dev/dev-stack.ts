import { type DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateStreamCommand, type KinesisClient, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { DynamoAlertGate, DynamoAlertSink } from '../alerts/index.js';
import { createDynamoClient, createKinesisClient } from '../aws-clients.js';
import { createConsumerHandler, DynamoQuarantineSink } from '../consumer/index.js';
import { createDedupeTable, DynamoDedupeWindow } from '../dedupe/dynamo-dedupe-window.js';
import type { ReplayResult } from '../eventbridge/index.js';
import { type LocalAws, startLocalAws } from '../local/emulators.js';
import { type FailedBatchInfo, type Poller, type PollerOptions, startPoller } from '../poller/index.js';
import { createUsageTables, DynamoUsageStore, type UsageStore } from '../store/index.js';
import { type DevReplayOptions, type RunningReplay, startDevReplay } from './dev-replay.js';
import { ConsumerCounters, type DevStats, emptyReplayStats, maxIteratorAge } from './dev-stats.js';
import { DevStackError, toStartError } from './errors.js';
import { describePollerEntry } from './poller-log.js';
import { checkNoRunningStack, DEV_STACK_PATH, removeStackFile, writeStackFile } from './stack-file.js';

/** Names of the local stream and tables (fixed: the emulators are fresh and in memory on every start). */
export const DEV_RESOURCES = {
  region: 'us-east-1',
  streamName: 'iamlp-local',
  shards: 2,
  tables: { usage: 'iamlp-usage', state: 'iamlp-state' },
} as const;

/**
 * The event source mapping settings of the deployed consumer, so the local poller batches, retries and gives up
 * exactly as Lambda will. On failure, records are logged and counted (AWS: an SQS/SNS destination).
 */
export const LAMBDA_LIKE_MAPPING = {
  startingPosition: 'TRIM_HORIZON',
  batchSize: 1000,
  maximumBatchingWindowMs: 1000,
  bisectBatchOnFunctionError: true,
  reportBatchItemFailures: true,
  retryAttempts: 10,
  maxRecordAgeSeconds: 3600,
} as const satisfies Partial<PollerOptions>;

/** Options of {@link startDevStack}. */
export interface DevStackOptions {
  /** Kinesis API port on 127.0.0.1 (default 0: a free one). */
  readonly kinesisPort?: number;
  /** DynamoDB API port on 127.0.0.1 (default 0: a free one). */
  readonly dynamodbPort?: number;
  /** Where to write the stack file (default `artifacts/dev-stack.json`); false writes none. */
  readonly stackFile?: string | false;
  /** Fixtures to replay into the stream; absent: nothing is replayed. */
  readonly replay?: DevReplayOptions;
  /** Receives one-line warnings: poller trouble, records given up on, replay problems (default: dropped). */
  readonly warn?: (line: string) => void;
  /** Also POST each high-risk alert here (alerts are always stored for the API). */
  readonly alertWebhookUrl?: string;
  /**
   * Starts something on top of the pipeline (the API and UI) once the tables exist and before the stack file is
   * written; its `fields` join the stack file, and `close` runs before the emulators stop.
   */
  readonly attach?: (pipeline: DevPipeline) => Promise<DevAttachment>;
}

/** What an attachment can reach: the local DynamoDB, its tables and the usage store. */
export interface DevPipeline {
  readonly dynamodb: DynamoDBClient;
  readonly tables: { readonly usage: string; readonly state: string };
  readonly store: DynamoUsageStore;
}

/** A running attachment of the dev stack. */
export interface DevAttachment {
  /** Added to the stack file (e.g. `apiUrl`, `token`). */
  readonly fields: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** A running local pipeline: emulators, stream, tables, consumer, poller and optional replay. */
export interface DevStack {
  readonly endpoints: { readonly kinesis: string; readonly dynamodb: string };
  readonly region: string;
  readonly streamName: string;
  readonly shards: number;
  readonly tables: { readonly usage: string; readonly state: string };
  readonly mapping: typeof LAMBDA_LIKE_MAPPING;
  /** The stack file written, if any. */
  readonly stackFile: string | undefined;
  /** Fields the attachment added to the stack file (empty without one). */
  readonly attached: Readonly<Record<string, string>>;
  /** The usage store the consumer writes: where the API will be mounted. */
  readonly store: UsageStore;
  /** A client of the local DynamoDB (the state table holds quarantined records). */
  readonly dynamodb: DynamoDBClient;
  /** Settles when the replay ends by itself, fails or is stopped (never by itself while looping). */
  readonly replayDone: Promise<ReplayResult | undefined>;
  stats(): DevStats;
  /**
   * Stops the replay, then the poller (in-flight batches finish), removes the stack file and closes the
   * emulators; resolves with the final stats. Calling it again returns the same promise.
   */
  stop(): Promise<DevStats>;
}

/**
 * Starts the whole streaming pipeline on loopback, in memory: kinesalite and dynalite in this process, the
 * `iamlp-local` stream (2 shards), the usage and state tables, the consumer driven by a local event source mapping
 * with Lambda's settings, the stack file for `iamlp replay`, and optionally a fixture replay.
 */
export async function startDevStack(options: DevStackOptions = {}): Promise<DevStack> {
  const stackFile = options.stackFile === false ? undefined : (options.stackFile ?? DEV_STACK_PATH);
  // Before the emulators start: a second stack would only fail later, when writing the file.
  if (stackFile !== undefined) checkNoRunningStack(stackFile);
  const ports = { kinesis: options.kinesisPort ?? 0, dynamodb: options.dynamodbPort ?? 0 };
  const aws = await startLocalAws({ kinesisPort: ports.kinesis, dynamodbPort: ports.dynamodb }).catch(
    (error: unknown) => {
      throw toStartError(error, ports);
    },
  );
  const kinesis = createKinesisClient({ endpoint: aws.kinesisEndpoint, region: DEV_RESOURCES.region });
  const dynamodb = createDynamoClient({ endpoint: aws.dynamodbEndpoint, region: DEV_RESOURCES.region });
  const parts: Parts = {
    aws,
    kinesis,
    dynamodb,
    stackFile,
    warn: options.warn ?? (() => {}),
    shutdown: async () => {
      kinesis.destroy();
      dynamodb.destroy();
      await aws.close();
    },
  };
  try {
    return await assemble(parts, options);
  } catch (error) {
    await parts.shutdown();
    throw error instanceof DevStackError ? error : new DevStackError('SETUP_FAILED', describe(error), error);
  }
}

/** What {@link assemble} builds on. */
interface Parts {
  readonly aws: LocalAws;
  readonly kinesis: KinesisClient;
  readonly dynamodb: DynamoDBClient;
  readonly stackFile: string | undefined;
  readonly warn: (line: string) => void;
  /** Closes the clients and the emulators. */
  readonly shutdown: () => Promise<void>;
}

async function assemble(parts: Parts, options: DevStackOptions): Promise<DevStack> {
  const { aws, kinesis, dynamodb, stackFile, warn } = parts;
  const replayOptions = options.replay;
  await createResources(kinesis, dynamodb);
  const counters = new ConsumerCounters();
  const store = new DynamoUsageStore({ client: dynamodb, tables: { usage: DEV_RESOURCES.tables.usage } });
  const poller = await startConsumer(parts, counters.countingStore(store), counters, options.alertWebhookUrl);
  let attachment: DevAttachment | undefined;
  try {
    attachment = await options.attach?.({ dynamodb, tables: DEV_RESOURCES.tables, store });
    if (stackFile !== undefined)
      writeStackFile(stackFile, { ...stackFileContent(aws), ...attachment?.fields });
  } catch (error) {
    await attachment?.close();
    await poller.stop();
    throw error;
  }
  const replay = replayOptions
    ? startDevReplay(kinesis, DEV_RESOURCES.streamName, replayOptions, {
        warn,
        consumed: () => counters.records,
      })
    : undefined;
  const began = performance.now();
  const stats = (): DevStats => statsOf(began, counters, poller, replay);
  return {
    endpoints: { kinesis: aws.kinesisEndpoint, dynamodb: aws.dynamodbEndpoint },
    ...DEV_RESOURCES,
    mapping: LAMBDA_LIKE_MAPPING,
    stackFile,
    attached: attachment?.fields ?? {},
    store,
    dynamodb,
    replayDone: replay?.done ?? Promise.resolve(undefined),
    stats,
    stop: once(() => stopAll(parts, poller, replay, stats, attachment)),
  };
}

/** Stops in dependency order: producer, consumer, then the emulators they talk to. */
async function stopAll(
  parts: Parts,
  poller: Poller,
  replay: RunningReplay | undefined,
  stats: () => DevStats,
  attachment: DevAttachment | undefined,
): Promise<DevStats> {
  // First, so nobody picks up an endpoint that is about to go away.
  if (parts.stackFile !== undefined) removeStackFile(parts.stackFile);
  await replay?.stop();
  await poller.stop();
  const final = stats();
  await attachment?.close();
  await parts.shutdown();
  return final;
}

function once<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= run();
    return running;
  };
}

/** Local resources appear at once (see startLocalAws), so the waiters only confirm they are ACTIVE. */
async function createResources(kinesis: KinesisClient, dynamodb: DynamoDBClient): Promise<void> {
  const { streamName, shards, tables } = DEV_RESOURCES;
  const waiting = { minDelay: 1, maxDelay: 2, maxWaitTime: 30 };
  await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shards }));
  await createUsageTables(dynamodb, { usage: tables.usage });
  await createDedupeTable(dynamodb, tables.state);
  await waitUntilStreamExists({ client: kinesis, ...waiting }, { StreamName: streamName });
  await waitUntilTableExists({ client: dynamodb, ...waiting }, { TableName: tables.state });
}

/** The consumer as Lambda runs it (store, redelivery window, quarantine), under the local event source mapping. */
function startConsumer(
  parts: Parts,
  store: UsageStore,
  counters: ConsumerCounters,
  webhookUrl: string | undefined,
): Promise<Poller> {
  const { tables, streamName } = DEV_RESOURCES;
  const { dynamodb, kinesis, warn } = parts;
  const sink = new DynamoAlertSink({
    client: dynamodb,
    tableName: tables.state,
    ...(webhookUrl === undefined
      ? {}
      : { webhookUrl, log: (line) => warn(`alert webhook: ${JSON.stringify(line)}`) }),
  });
  const handler = createConsumerHandler({
    store,
    window: new DynamoDedupeWindow({ client: dynamodb, tableName: tables.state }),
    quarantine: new DynamoQuarantineSink(dynamodb, tables.state),
    alerts: new DynamoAlertGate({ client: dynamodb, tableName: tables.state, sink }),
    log: (line) => counters.onConsumerLog(line),
  });
  const onFailure = (info: FailedBatchInfo) => {
    counters.onFailure(info);
    warn(
      `consumer: gave up on ${info.batchSize} records of ${info.shardId} (${info.reason}), ` +
        `sequence numbers ${info.startSequenceNumber}..${info.endSequenceNumber}`,
    );
  };
  return startPoller({
    ...LAMBDA_LIKE_MAPPING,
    kinesis,
    streamName,
    handler: counters.countingHandler(handler),
    onFailure,
    logger: (entry) => {
      const line = describePollerEntry(entry);
      if (line !== undefined) warn(line);
    },
  });
}

function stackFileContent(aws: LocalAws) {
  return {
    kinesisEndpoint: aws.kinesisEndpoint,
    streamName: DEV_RESOURCES.streamName,
    dynamodbEndpoint: aws.dynamodbEndpoint,
    region: DEV_RESOURCES.region,
    tables: DEV_RESOURCES.tables,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
}

function statsOf(
  began: number,
  counters: ConsumerCounters,
  poller: Poller,
  replay: RunningReplay | undefined,
): DevStats {
  const shards = poller.stats();
  return {
    uptimeMs: performance.now() - began,
    replay: replay?.stats() ?? { ...emptyReplayStats(), state: 'off' },
    records: counters.records,
    batches: counters.batches,
    applied: counters.applied,
    duplicates: counters.duplicates,
    quarantined: counters.quarantined,
    writes: counters.writes,
    failedInvocations: shards.reduce((sum, s) => sum + s.failures, 0),
    discarded: counters.discarded,
    iteratorAgeMs: maxIteratorAge(shards),
    shards,
    rssBytes: process.memoryUsage.rss(),
  };
}

function describe(error: unknown): string {
  return `cannot set up the local pipeline: ${error instanceof Error ? error.message : String(error)}`;
}
