import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../aws-clients.js';
import { type DynamoDbLocal, startDynamoDbLocal, tryStartDynamoDbLocal } from './dynamodb-local.js';
import { ensureDynamoDbLocal } from './dynamodb-local-package.js';

const required = process.env.CI === 'true';
const dynamo = await tryStartDynamoDbLocal(required);
if (dynamo.kind === 'unavailable') console.warn(`DynamoDB Local tests skipped: ${dynamo.reason}`);

afterAll(async () => {
  if (dynamo.kind === 'started') await dynamo.local.close();
});

describe('DynamoDB Local without Java', () => {
  it('is unavailable, with the reason, even where it is otherwise required', async () => {
    const missing = join(tmpdir(), 'no-such-java', 'bin', 'java');

    const start = startDynamoDbLocal({ java: missing });
    const tried = await tryStartDynamoDbLocal(true, { java: missing });

    await expect(start).rejects.toMatchObject({ name: 'DynamoDbLocalError', code: 'JAVA_MISSING' });
    expect(tried).toEqual({
      kind: 'unavailable',
      reason: expect.stringMatching(/^JAVA_MISSING: no Java runtime/),
    });
  });
});

describe.skipIf(dynamo.kind !== 'started')('DynamoDB Local', () => {
  it('answers on a loopback endpoint and is gone after close()', async () => {
    const local = (dynamo as { local: DynamoDbLocal }).local;
    const client = createDynamoClient({ endpoint: local.endpoint });
    const before = await client.send(new ListTablesCommand({}));

    await local.close();

    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(before.TableNames).toEqual([]);
    await expect(client.send(new ListTablesCommand({}))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    client.destroy();
  });

  it('unpacks into place once when fetched twice at the same time', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'iamlp-dynamodb-local-'));
    try {
      const homes = await Promise.all([ensureDynamoDbLocal(cacheDir), ensureDynamoDbLocal(cacheDir)]);

      expect(homes[0]).toBe(homes[1]);
      expect((await stat(join(homes[0] as string, 'DynamoDBLocal.jar'))).isFile()).toBe(true);
      expect(await readdir(cacheDir)).toEqual(['amplify-dynamodb-simulator-2.9.30']);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
