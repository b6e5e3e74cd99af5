/**
 * Streaming benchmark: replays generated CloudTrail events through kinesalite → local event source mapping →
 * consumer → dynalite and reports sustained events/s, DynamoDB write requests per 1,000 events, consumer CPU per
 * 1,000 events and freshness (Kinesis arrival → aggregate stored) p50/p95.
 *
 *   npm run bench:stream -- [--events 200000] [--batch-size 10000] [--window-ms 500] [--rate N]
 *
 * Three processes, so CPU is attributed honestly: the emulators (child 1), the producer — the real `iamlp replay`
 * (child 2) — and this process, which runs only the poller and the consumer. Events come from bench/out/1000000
 * (generated on first use by `npm run bench -- --events 1000000`), in file order, which is time order.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { createDynamoClient, createKinesisClient } from '../stream/aws-clients.js';
import { createConsumerHandler, DynamoQuarantineSink } from '../stream/consumer/index.js';
import { createDedupeTable, DynamoDedupeWindow } from '../stream/dedupe/dynamo-dedupe-window.js';
import { type KinesisStreamEvent, silentLogger, startPoller } from '../stream/poller/index.js';
import { createUsageTables, DynamoUsageStore } from '../stream/store/index.js';
import { measureHandlerCpu } from './handler-cpu.js';
import { ROOT as root, startEmulatorProcess, workloadFiles } from './workload.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    'batch-size': { type: 'string', default: '10000' },
    'window-ms': { type: 'string', default: '500' },
    /** Producer rate in events/s (default: as fast as it goes). Freshness is only meaningful below capacity. */
    rate: { type: 'string' },
  },
});
const events = Number(values.events);

/** The first files of the workload that hold at least `events` records (~1,500 per file). */
function inputFiles(): string[] {
  return workloadFiles().slice(0, Math.ceil(events / 1000));
}

const emulators = await startEmulatorProcess();
const kinesis = createKinesisClient({ endpoint: emulators.kinesis });
const dynamo = createDynamoClient({ endpoint: emulators.dynamodb });
await kinesis.send(new CreateStreamCommand({ StreamName: 'bench', ShardCount: 2 }));
await createUsageTables(dynamo, { usage: 'bench-usage' });
await createDedupeTable(dynamo, 'bench-state');
const stackDir = mkdtempSync(join(tmpdir(), 'iamlp-bench-stream-'));
mkdirSync(join(stackDir, 'artifacts'));
writeFileSync(
  join(stackDir, 'artifacts', 'dev-stack.json'),
  JSON.stringify({
    kinesisEndpoint: emulators.kinesis,
    streamName: 'bench',
    dynamodbEndpoint: emulators.dynamodb,
  }),
);

let writes = 0;
let applied = 0;
let invocations = 0;
const freshness: number[] = [];
const consumer = createConsumerHandler({
  store: new DynamoUsageStore({ client: dynamo, tables: { usage: 'bench-usage' } }),
  window: new DynamoDedupeWindow({ client: dynamo, tableName: 'bench-state' }),
  quarantine: new DynamoQuarantineSink(dynamo, 'bench-state'),
  log: (line) => {
    writes += Number(line.writes ?? 0);
  },
});
const handler = async (event: KinesisStreamEvent) => {
  const result = await consumer(event);
  const done = Date.now();
  for (const r of event.Records) freshness.push(done - r.kinesis.approximateArrivalTimestamp * 1000);
  applied += event.Records.length;
  invocations++;
  return result;
};
const poller = await startPoller({
  kinesis,
  streamName: 'bench',
  handler,
  batchSize: Number(values['batch-size']),
  maximumBatchingWindowMs: Number(values['window-ms']),
  startingPosition: 'TRIM_HORIZON',
  bisectBatchOnFunctionError: true,
  reportBatchItemFailures: true,
  pollIntervalMs: 50,
  logger: silentLogger,
});

// Counted before the clock starts: reading the files again is not the consumer's work.
const sent = await countSent();
const began = Date.now();
// This process runs only the poller and the consumer: its CPU over the run is theirs.
const cpuAtStart = process.cpuUsage();
const rateArgs = values.rate ? ['--rate', values.rate] : [];
const producer = spawn(
  process.execPath,
  [join(root, 'dist/cli/bin.js'), 'replay', ...inputFiles(), '--quiet', ...rateArgs],
  {
    cwd: stackDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const produced = await new Promise<number>((resolve) => producer.on('close', (code) => resolve(code ?? 1)));
if (produced !== 0) throw new Error(`replay exited with ${produced}`);
while (applied < sent) await new Promise((r) => setTimeout(r, 100));
const seconds = (Date.now() - began) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
const cpuMicros = cpu.user + cpu.system;
await poller.stop();
emulators.child.kill('SIGINT');

async function countSent(): Promise<number> {
  // Every record read is sent (the generated files hold no oversized records); the poller counts them back.
  const { readRecords } = await import('../stream/input/index.js');
  let n = 0;
  for await (const batch of readRecords(inputFiles())) n += batch.length;
  return n;
}

// The same records through the same handler with its tables in memory: the handler's own CPU, I/O excluded.
const meanBatch = Math.max(1, Math.round(applied / Math.max(1, invocations)));
// Three rounds, the median reported: single measurements on a shared 2-vCPU VM vary by ±3 ms.
const handlerRounds: number[] = [];
for (let round = 0; round < 3; round++)
  handlerRounds.push(await measureHandlerCpu(inputFiles(), sent, meanBatch));
handlerRounds.sort((a, b) => a - b);
const handlerCpu = handlerRounds[1] as number;

freshness.sort((a, b) => a - b);
const pct = (p: number) =>
  freshness[Math.min(freshness.length - 1, Math.floor((p / 100) * freshness.length))] ?? 0;
process.stdout.write(
  [
    `workload: ${sent.toLocaleString('en-US')} events from bench/out/1000000, 2 shards, batch size ${values['batch-size']}, window ${values['window-ms']} ms, producer rate ${values.rate ?? 'unlimited'}`,
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    '',
    '| metric | value |',
    '|---|---:|',
    `| sustained events/s (replay start → last batch stored) | ${Math.round(sent / seconds).toLocaleString('en-US')} |`,
    `| DynamoDB write requests per 1,000 events | ${((writes / sent) * 1000).toFixed(1)} |`,
    `| consumer CPU per 1,000 events (poller + handler + SDK, emulators excluded) | ${(cpuMicros / 1000 / (sent / 1000)).toFixed(1)} ms |`,
    `| handler CPU per 1,000 events excluding I/O (same records, tables in memory, batches of ${meanBatch}; median of 3 rounds, ${handlerRounds.map((r) => r.toFixed(1)).join(' / ')}) | ${handlerCpu.toFixed(1)} ms |`,
    `| freshness p50 / p95 (Kinesis arrival → stored) | ${(pct(50) / 1000).toFixed(2)} s / ${(pct(95) / 1000).toFixed(2)} s |`,
    '',
  ].join('\n'),
);
process.exit(0);
