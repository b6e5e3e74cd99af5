import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryCheckpointStore, JsonFileCheckpointStore } from './checkpoint-store.js';
import { PollerError } from './errors.js';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iamlp-checkpoints-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('InMemoryCheckpointStore', () => {
  it('keeps the last sequence number saved per shard', async () => {
    const store = new InMemoryCheckpointStore();

    await store.save('s0', '100');
    await store.save('s0', '200');

    expect(await store.load('s0')).toBe('200');
    expect(await store.load('s1')).toBeUndefined();
  });
});

describe('JsonFileCheckpointStore', () => {
  it('survives a reopen (an `iamlp dev` restart)', async () => {
    const path = join(directory, 'nested', 'checkpoints.json');
    const store = await JsonFileCheckpointStore.open(path);

    await store.save('shardId-000000000000', '49590338271490256608559692538361571095921575989136588898');
    await store.save('shardId-000000000001', '42');
    const reopened = await JsonFileCheckpointStore.open(path);

    expect(await reopened.load('shardId-000000000000')).toBe(
      '49590338271490256608559692538361571095921575989136588898',
    );
    expect(await reopened.load('shardId-000000000001')).toBe('42');
  });

  it('writes the latest state when saves overlap', async () => {
    const path = join(directory, 'checkpoints.json');
    const store = await JsonFileCheckpointStore.open(path);

    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(`s${i % 3}`, `${i}`)));

    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      version: 1,
      shards: { s0: '18', s1: '19', s2: '17' },
    });
  });

  it('starts empty without a file, and refuses a file that is not a checkpoint file', async () => {
    const path = join(directory, 'checkpoints.json');
    expect(await (await JsonFileCheckpointStore.open(path)).load('s0')).toBeUndefined();

    await writeFile(path, '{"shards": {"s0": "not a number"}}');

    await expect(JsonFileCheckpointStore.open(path)).rejects.toThrow(PollerError);
    await expect(JsonFileCheckpointStore.open(path)).rejects.toMatchObject({
      code: 'INVALID_CHECKPOINT_FILE',
    });
  });
});
