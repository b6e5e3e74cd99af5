import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  type PutRecordsResultEntry,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayFiles, runReplay } from '../cli/commands/replay.js';
import { CliError, EXIT } from '../cli/errors.js';
import { createKinesisClient } from '../stream/aws-clients.js';
import { decodeKinesisData, type EventBridgeEvent } from '../stream/eventbridge/index.js';
import { readRecords } from '../stream/input/index.js';
import { type LocalAws, startLocalAws } from '../stream/local/emulators.js';
import { runCli } from './helpers/run-cli.js';

const root = resolve(import.meta.dirname, '..');
const edge = join(root, 'fixtures/edge');
const single = join(edge, 'single-create-access-key.json');
const FAST_BACKOFF = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 5 };

let aws: LocalAws;
let kinesis: KinesisClient;

beforeAll(async () => {
  aws = await startLocalAws();
  kinesis = createKinesisClient({ endpoint: aws.kinesisEndpoint });
});

afterAll(async () => {
  kinesis.destroy();
  await aws.close();
});

/** One record read back from the stream. */
interface Delivered {
  readonly shardId: string;
  readonly partitionKey: string;
  readonly event: EventBridgeEvent;
}

async function createStream(name: string): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
}

/** Every record of every shard, from the start, decoded as the consumer will. */
async function readStream(name: string): Promise<Delivered[]> {
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: name }));
  const out: Delivered[] = [];
  for (const { ShardId: shardId = '' } of Shards) {
    const start = new GetShardIteratorCommand({
      StreamName: name,
      ShardId: shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    let iterator = (await kinesis.send(start)).ShardIterator;
    while (iterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      for (const record of page.Records ?? []) {
        const decoded = decodeKinesisData(record.Data ?? new Uint8Array());
        if (decoded.kind !== 'event') throw new Error(decoded.reason);
        out.push({
          shardId,
          partitionKey: record.PartitionKey ?? '',
          event: decoded.event as EventBridgeEvent,
        });
      }
      iterator = page.Records?.length ? page.NextShardIterator : undefined;
    }
  }
  return out;
}

/** The eventIDs of the inputs, as read by analyze, sorted. */
async function inputEventIds(inputs: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for await (const batch of readRecords(inputs)) {
    for (const { value } of batch) {
      const v = value as { eventID?: string; detail?: { eventID?: string } };
      ids.push(v.eventID ?? v.detail?.eventID ?? '');
    }
  }
  return ids.sort();
}

function eventIds(delivered: readonly Delivered[]): string[] {
  return delivered.map((d) => String(d.event.detail.eventID ?? '')).sort();
}

describe('iamlp replay into kinesalite', () => {
  it('delivers every record exactly once as an EventBridge event, copies of one event on one shard', async () => {
    await createStream('edge');

    const run = await runCli(['replay', edge, single, '--endpoint', aws.kinesisEndpoint, '--stream', 'edge']);
    const delivered = await readStream('edge');

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /replayed to stream 'edge' at http:\/\/127\.0\.0\.1:\d+ in [\d.]+s: 50 records sent/,
    );
    expect(run.stderr).toContain('50 read, 50 sent, 0 skipped, 0 retried, 0 failed');
    expect(eventIds(delivered)).toEqual(await inputEventIds([edge, single]));
    for (const { partitionKey, event } of delivered) {
      const detail = event.detail as {
        eventID: string;
        eventSource: string;
        recipientAccountId?: string;
        userIdentity: { accountId: string };
      };
      expect(event['detail-type']).toBe('AWS API Call via CloudTrail');
      expect(event.source).toBe(`aws.${detail.eventSource.split('.')[0]}`);
      expect(event.account).toBe(detail.recipientAccountId ?? detail.userIdentity.accountId);
      expect(partitionKey).toBe(detail.eventID);
    }
    const [singleId] = await inputEventIds([single]);
    const twice = delivered.filter((d) => d.partitionKey === singleId);
    expect(twice).toHaveLength(2);
    expect(twice[0]?.shardId).toBe(twice[1]?.shardId);
    expect(twice[0]?.event.id).not.toBe(twice[1]?.event.id);
    expect(new Set(delivered.map((d) => d.shardId)).size).toBe(2);
  });

  it('resends only the entries Kinesis throttled, delivering everything exactly once', async () => {
    await createStream('throttled');
    const injected = throttleFirstAttempts(kinesis, (i) => i % 3 === 1);

    const code = await replayFiles([join(root, 'fixtures/real')], injected.client, 'throttled', {
      quiet: true,
      backoff: FAST_BACKOFF,
    });
    const delivered = await readStream('throttled');

    expect(code).toBe(EXIT.OK);
    expect(injected.failures()).toBeGreaterThan(3000);
    expect(delivered).toHaveLength(10_087);
    expect(new Set(delivered.map((d) => d.event.id)).size).toBe(10_087);
    expect(eventIds(delivered)).toEqual(await inputEventIds([join(root, 'fixtures/real')]));
  });

  it('stops with a one-line error naming how many records could not be delivered', async () => {
    await createStream('stuck');
    const injected = throttleFirstAttempts(kinesis, (i) => i === 0, { always: true });

    const replay = replayFiles([single], injected.client, 'stuck', { quiet: true, backoff: FAST_BACKOFF });

    await expect(replay).rejects.toBeInstanceOf(CliError);
    await expect(replay).rejects.toMatchObject({
      code: 'DELIVERY_FAILED',
      message:
        "replay: 1 record could not be delivered to stream 'stuck' (ProvisionedThroughputExceededException, up to 5 attempts); replay stopped",
    });
    expect(await readStream('stuck')).toEqual([]);
  });
});

/**
 * Wraps a client so that PutRecords answers ProvisionedThroughputExceededException for the chosen entries (by index
 * in the request) the first time each is sent, or every time with `always`; other entries really go to the stream.
 */
function throttleFirstAttempts(
  real: KinesisClient,
  fail: (index: number) => boolean,
  options: { always?: boolean } = {},
) {
  const seen = new Set<string>();
  let failures = 0;
  const send = real.send.bind(real) as (command: unknown) => Promise<unknown>;
  const client = Object.create(real) as KinesisClient;
  client.send = (async (command: unknown) => {
    if (!(command instanceof PutRecordsCommand)) return send(command);
    const records = command.input.Records ?? [];
    const keys = records.map((r) => Buffer.from(r.Data ?? []).toString());
    const failed = keys.map((key, i) => fail(i) && (options.always === true || !seen.has(key)));
    for (const key of keys) seen.add(key);
    const passing = records.filter((_, i) => !failed[i]);
    const answer = passing.length
      ? ((await send(new PutRecordsCommand({ ...command.input, Records: passing }))) as {
          Records: PutRecordsResultEntry[];
        })
      : { Records: [] };
    let next = 0;
    failures += failed.filter(Boolean).length;
    return {
      FailedRecordCount: failed.filter(Boolean).length,
      Records: failed.map((isFailed) =>
        isFailed
          ? { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard' }
          : answer.Records[next++],
      ),
    };
  }) as KinesisClient['send'];
  return { client, failures: () => failures };
}

describe('iamlp replay command line', () => {
  /** Every error is exactly one line starting with "iamlp:" and never a stack trace. */
  function expectOneLineError(stderr: string, text: string): void {
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(text)]);
    expect(stderr).toMatch(/^iamlp: /);
  }

  it('names a missing stream in one line and exits 1', async () => {
    const run = await runCli(['replay', single, '--endpoint', aws.kinesisEndpoint, '--stream', 'nope']);

    expect(run.code).toBe(1);
    expectOneLineError(run.stderr, "stream 'nope' not found at http://127.0.0.1:");
    expect(run.stderr).toContain('(ResourceNotFoundException)');
  });

  it('rejects a bad flag in one line with exit 2', async () => {
    const run = await runCli(['replay', single, '--rate', '0']);

    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, '--rate: expected a positive number');
  });

  it.each([
    [['--rate', 'fast'], '--rate: expected a positive number'],
    [['--rate=-1'], '--rate: expected a positive number'],
    [['--stream', 'bad name'], '--stream: expected 1 to 128 characters'],
    [['--stream', 'x'.repeat(129)], '--stream: expected 1 to 128 characters'],
    [['--endpoint', 'localhost:4567', '--stream', 's'], '--endpoint: expected an http(s) URL'],
    [['--endpoint', 'http://127.0.0.1:1'], '--stream NAME is required with --endpoint'],
    [['--loop', '-'], '--loop cannot replay stdin'],
  ])('rejects %j as a usage error', async (flags, text) => {
    const replay = runReplay([single, ...flags]);

    await expect(replay).rejects.toMatchObject({ code: 'USAGE', exitCode: 2 });
    await expect(replay).rejects.toThrow(text);
  });

  it('skips a record over 1 MiB and unreadable input with warnings naming file and line, sending the rest', async () => {
    await createStream('mixed');
    const dir = await mkdtemp(join(tmpdir(), 'iamlp-replay-'));
    const small = JSON.parse(await readFile(single, 'utf8')) as Record<string, unknown>;
    const huge = { ...small, eventID: 'huge', requestParameters: { blob: 'x'.repeat(1024 * 1024) } };
    const big = join(dir, 'big.jsonl');
    await writeFile(big, `${JSON.stringify(small)}\n${JSON.stringify(huge)}\n`);
    const broken = join(root, 'fixtures/malformed');
    const args = ['--endpoint', aws.kinesisEndpoint, '--stream', 'mixed'];

    const run = await runCli([
      'replay',
      big,
      join(broken, 'syntax-error.jsonl'),
      join(broken, 'syntax-error.json'),
      ...args,
    ]);
    const delivered = await readStream('mixed');

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /big\.jsonl:2: record of \d+ bytes exceeds the 1048576-byte Kinesis record limit; skipped/,
    );
    expect(run.stderr).toMatch(/syntax-error\.jsonl:2: .*; skipped/);
    expect(run.stderr).toContain('syntax-error.json:42:7: invalid JSON');
    expect(run.stderr).toContain('4 read, 3 sent, 2 skipped');
    expect(delivered.map((d) => d.partitionKey)).not.toContain('huge');
    expect(delivered).toHaveLength(3);
  });

  it('finds the local stack in artifacts/dev-stack.json and says so', async () => {
    await createStream('dev-events');
    const cwd = await mkdtemp(join(tmpdir(), 'iamlp-replay-'));
    await mkdir(join(cwd, 'artifacts'));
    const stack = { kinesisEndpoint: aws.kinesisEndpoint, streamName: 'dev-events', dynamodbEndpoint: 'x' };
    await writeFile(join(cwd, 'artifacts/dev-stack.json'), JSON.stringify(stack));

    const run = await runCli(['replay', single], { cwd });

    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `replaying to stream 'dev-events' at ${aws.kinesisEndpoint} (from artifacts/dev-stack.json)`,
    );
    expect(await readStream('dev-events')).toHaveLength(1);
  });

  it('loops with new eventIDs until Ctrl-C, then prints the summary and exits 130', async () => {
    await createStream('looped');
    const args = ['replay', single, '--endpoint', aws.kinesisEndpoint, '--stream', 'looped', '--loop'];

    const run = await runUntilInterrupted([...args, '--rate', '40'], () => readStream('looped'), 3);
    const delivered = await readStream('looped');

    expect(run.code).toBe(EXIT.INTERRUPTED);
    expect(run.stderr).toMatch(/passes in [\d.]+s \(interrupted\)/);
    expect(new Set(eventIds(delivered)).size).toBe(delivered.length);
    expect(delivered.length).toBeGreaterThanOrEqual(3);
  });
});

/** Runs the CLI until `count()` reaches `atLeast` items, then sends SIGINT and waits for the exit. */
async function runUntilInterrupted(
  args: readonly string[],
  count: () => Promise<readonly unknown[]>,
  atLeast: number,
): Promise<{ code: number | null; stderr: string }> {
  const bin = join(root, 'dist/cli/bin.js');
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.on('close', done));
  while ((await count()).length < atLeast) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGINT');
  return { code: await exited, stderr };
}
