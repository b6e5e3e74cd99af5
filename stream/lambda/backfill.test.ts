import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KinesisEntry } from '../eventbridge/index.js';
import { ObjectCreatedEventSchema } from './backfill-event.js';
import { type BackfillDeps, backfillObject } from './backfill-run.js';
import { downloadS3Object, S3DownloadError } from './s3-download.js';

const LOG_FILE = readFileSync('fixtures/edge/data-events.json.gz');
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };

/** A stand-in for S3: serves one object path-style and records what each request looked like. */
let server: Server;
let endpoint: string;
const requests: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === '/trail-logs/AWSLogs/111122223333/CloudTrail/eu-west-1/log%20file.json.gz') {
      res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(LOG_FILE);
      return;
    }
    res.writeHead(403).end('<Error><Code>AccessDenied</Code><Message>no</Message></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function deps(sent: KinesisEntry[][]): Promise<BackfillDeps> {
  const tmpDir = await mkdtemp(join(tmpdir(), 'iamlp-backfill-'));
  return {
    download: (object, file) =>
      downloadS3Object(
        {
          ...object,
          region: 'eu-west-1',
          urlSuffix: 'amazonaws.com',
          credentials: CREDENTIALS,
          maxBytes: 1 << 20,
          endpoint,
        },
        file,
      ),
    publisher: {
      put: async (entries) => {
        sent.push([...entries]);
        return { sent: entries.length, retried: 0, failed: [] };
      },
    },
    tmpDir,
    log: () => {},
  };
}

describe('backfill', () => {
  it('replays a CloudTrail log object exactly as EventBridge delivers events, keyed by eventID', async () => {
    const sent: KinesisEntry[][] = [];
    const d = await deps(sent);
    const key = 'AWSLogs/111122223333/CloudTrail/eu-west-1/log file.json.gz';

    const outcome = await backfillObject({ bucket: 'trail-logs', key }, d);

    expect(outcome).toEqual({ kind: 'replayed', read: 11, sent: 11, skipped: 0 });
    const entries = sent.flat();
    for (const entry of entries) {
      const event = JSON.parse(Buffer.from(entry.data).toString('utf8')) as Record<string, unknown>;
      expect(event).toMatchObject({ version: '0', 'detail-type': 'AWS API Call via CloudTrail' });
      expect(entry.partitionKey).toBe((event.detail as { eventID: string }).eventID);
    }
    expect(requests.at(-1)?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host/,
    );
    expect(requests.at(-1)?.headers['x-amz-security-token']).toBe('token');
    expect(readdirSync(d.tmpDir)).toEqual([]);
  });

  it('fails with the S3 error code and leaves no file behind when GetObject is refused', async () => {
    const d = await deps([]);

    const attempt = backfillObject({ bucket: 'trail-logs', key: 'AWSLogs/other.json.gz' }, d);

    await expect(attempt).rejects.toThrow(S3DownloadError);
    await expect(attempt).rejects.toThrow(/HTTP 403 AccessDenied/);
    expect(readdirSync(d.tmpDir)).toEqual([]);
  });

  it('skips CloudTrail digest files without downloading them', async () => {
    const before = requests.length;

    const outcome = await backfillObject(
      { bucket: 'trail-logs', key: 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/x.json.gz' },
      await deps([]),
    );

    expect(outcome).toEqual({ kind: 'skipped', reason: 'CloudTrail digest file' });
    expect(requests.length).toBe(before);
  });

  it('refuses objects over the size limit', async () => {
    const d = await deps([]);
    const key = 'AWSLogs/111122223333/CloudTrail/eu-west-1/log file.json.gz';
    const target = { bucket: 'trail-logs', key, region: 'eu-west-1', urlSuffix: 'amazonaws.com' };

    const download = downloadS3Object(
      { ...target, credentials: CREDENTIALS, maxBytes: 100, endpoint },
      join(d.tmpDir, 'x'),
    );

    await expect(download).rejects.toThrow(/exceeds 100 bytes/);
  });

  it('reads bucket and key from an EventBridge S3 Object Created event', () => {
    const event = {
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: {
        bucket: { name: 'trail-logs' },
        object: { key: 'AWSLogs/a.json.gz', size: 10 },
        reason: 'PutObject',
      },
    };

    expect(ObjectCreatedEventSchema.parse(event)).toEqual({ bucket: 'trail-logs', key: 'AWSLogs/a.json.gz' });
    expect(ObjectCreatedEventSchema.safeParse({ ...event, 'detail-type': 'Object Deleted' }).success).toBe(
      false,
    );
  });
});
