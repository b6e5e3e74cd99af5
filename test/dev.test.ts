import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ListShardsCommand } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../cli/errors.js';
import { Analyzer } from '../core/analysis/analyzer.js';
import { createDynamoClient, createKinesisClient } from '../stream/aws-clients.js';
import { DevStackTargetSchema, startDevStack } from '../stream/dev/index.js';
import { readRecords } from '../stream/input/index.js';
import { DynamoUsageStore, type UsageStore } from '../stream/store/index.js';
import { runCli } from './helpers/run-cli.js';

/**
 * `iamlp dev` end to end: the in-process stack replays fixtures through kinesalite → local event source mapping →
 * consumer → dynalite and must store exactly core's fold; the CLI finds and serves `iamlp replay` through
 * artifacts/dev-stack.json and stops cleanly on Ctrl-C.
 */
const root = resolve(import.meta.dirname, '..');
const edge = join(root, 'fixtures/edge');
/** How long the stack may take to start or to catch up, with room for a slow 2-core CI machine. */
const STACK_WAIT_MS = 30_000;

/** Core's in-memory fold of the fixtures: what the store must hold. */
async function expectedFold(): Promise<Analyzer> {
  const analyzer = new Analyzer();
  for await (const batch of readRecords([edge])) for (const record of batch) analyzer.addRecord(record.value);
  return analyzer;
}

async function expectStoreEqualsFold(store: UsageStore, expected: Analyzer): Promise<void> {
  const principals = expected.principalSummaries();
  expect(await store.principalSummaries()).toEqual(principals);
  for (const principal of principals) {
    expect(await store.usageOf(principal.arn), principal.arn).toEqual(
      expected.usage().filter((u) => u.principal === principal.arn),
    );
  }
}

const callsOf = (analyzer: Analyzer) => analyzer.principalSummaries().reduce((n, p) => n + p.events, 0);

describe('startDevStack', () => {
  it('replays fixtures through the whole pipeline into a store equal to the fold, and cleans up', async () => {
    const stackFile = join(await mkdtemp(join(tmpdir(), 'iamlp-dev-')), 'artifacts/dev-stack.json');
    const replay = { inputs: [edge], rate: Number.POSITIVE_INFINITY, loop: false };
    const stack = await startDevStack({ stackFile, replay });
    let stopped = false;
    try {
      const file = JSON.parse(await readFile(stackFile, 'utf8'));
      expect(DevStackTargetSchema.parse(file)).toEqual({
        kinesisEndpoint: stack.endpoints.kinesis,
        streamName: 'iamlp-local',
      });
      expect(file).toMatchObject({
        dynamodbEndpoint: stack.endpoints.dynamodb,
        pid: process.pid,
        tables: stack.tables,
      });
      const kinesis = createKinesisClient({ endpoint: file.kinesisEndpoint });
      const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: file.streamName }));
      kinesis.destroy();
      expect(Shards).toHaveLength(2);

      const sent = (await stack.replayDone)?.stats.sent ?? 0;
      await waitFor(() => stack.stats().records >= sent, STACK_WAIT_MS);

      const expected = await expectedFold();
      const stats = stack.stats();
      expect(sent).toBeGreaterThan(40);
      expect(stats).toMatchObject({ records: sent, applied: callsOf(expected), duplicates: 0, discarded: 0 });
      expect(stats.applied + stats.quarantined).toBe(sent);
      await expectStoreEqualsFold(stack.store, expected);
      const final = await stack.stop();
      stopped = true;
      expect(final.replay.state).toBe('done');
    } finally {
      if (!stopped) await stack.stop();
    }
    expect(existsSync(stackFile)).toBe(false);
  });

  it('refuses to start while another live process owns the stack file', async () => {
    const stackFile = join(await mkdtemp(join(tmpdir(), 'iamlp-dev-')), 'dev-stack.json');
    await writeFile(
      stackFile,
      JSON.stringify({ kinesisEndpoint: 'http://127.0.0.1:1', streamName: 's', pid: process.ppid }),
    );

    await expect(startDevStack({ stackFile })).rejects.toMatchObject({ code: 'ALREADY_RUNNING' });
  });

  it('reports a port in use as PORT_IN_USE, naming the flag', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((done) => taken.once('listening', done));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startDevStack({ stackFile: false, dynamodbPort: port })).rejects.toMatchObject({
        code: 'PORT_IN_USE',
        message: `port ${port} is already in use (--dynamodb-port)`,
      });
    } finally {
      taken.close();
    }
  });
});

describe('iamlp dev', () => {
  it('serves iamlp replay through dev-stack.json, the API behind its token, and a summary on Ctrl-C', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'iamlp-dev-cli-'));
    await mkdir(join(cwd, 'artifacts'));
    const stackFile = join(cwd, 'artifacts/dev-stack.json');
    const dev = startCli(['dev', '--no-replay'], cwd);
    try {
      await waitFor(() => existsSync(stackFile), STACK_WAIT_MS);
      const stack = JSON.parse(await readFile(stackFile, 'utf8')) as { dynamodbEndpoint: string };

      const replay = await runCli(['replay', edge], { cwd });
      expect(replay.code).toBe(0);
      expect(replay.stderr).toContain('(from artifacts/dev-stack.json)');
      const sent = Number(/([\d,]+) records sent/.exec(replay.stderr)?.[1]?.replace(/,/g, ''));
      const expected = callsOf(await expectedFold());
      await waitForStoredCalls(stack.dynamodbEndpoint, expected);

      // The API and dashboard run in the same process, behind the token of the stack file.
      const { apiUrl, token } = stack as unknown as { apiUrl: string; token: string };
      expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(dev.stdout()).toContain(`Dashboard: ${apiUrl}/#token=${token}`);
      expect((await fetch(`${apiUrl}/stats`)).status).toBe(401);
      await waitForApiEvents(apiUrl, token, expected);
      dev.child.kill('SIGINT');

      expect(await dev.exited).toBe(EXIT.OK);
      expect(dev.stderr()).toContain('Press Ctrl-C to stop');
      expect(dev.stderr()).toMatch(
        new RegExp(`consumer: ${sent} records in \\d+ batches → ${expected} calls applied`),
      );
      expect(existsSync(stackFile)).toBe(false);
    } finally {
      dev.child.kill('SIGKILL');
    }
  });
});

/** Starts the built CLI in the background, collecting stderr. */
function startCli(args: readonly string[], cwd: string) {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/cli/bin.js'), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.on('close', done));
  return { child, exited, stderr: () => stderr, stdout: () => stdout };
}

/** Waits until the local API's /stats counts `events` events (it refreshes its view every second). */
async function waitForApiEvents(apiUrl: string, token: string, events: number): Promise<void> {
  let seen = -1;
  const until = Date.now() + STACK_WAIT_MS;
  while (seen !== events && Date.now() < until) {
    const res = await fetch(`${apiUrl}/stats`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    seen = ((await res.json()) as { totals: { events: number } }).totals.events;
    if (seen !== events) await sleep(200);
  }
  expect(seen).toBe(events);
}

/** Waits until the dev stack's usage table holds `calls` calls (read through the store, as the API will). */
async function waitForStoredCalls(endpoint: string, calls: number): Promise<void> {
  const client = createDynamoClient({ endpoint });
  const store = new DynamoUsageStore({ client, tables: { usage: 'iamlp-usage' } });
  let stored = 0;
  const until = Date.now() + STACK_WAIT_MS;
  try {
    while (stored < calls && Date.now() < until) {
      await sleep(100);
      stored = (await store.principalSummaries()).reduce((n, p) => n + p.events, 0);
    }
  } finally {
    client.destroy();
  }
  expect(stored).toBe(calls);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(50);
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
