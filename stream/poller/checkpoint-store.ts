import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PollerError } from './errors.js';

/**
 * Where the poller remembers, per shard, the sequence number of the last record it is done with (processed,
 * or given up on and reported). Like Lambda's own checkpoint, reading resumes AFTER_SEQUENCE_NUMBER of it.
 */
export interface CheckpointStore {
  load(shardId: string): Promise<string | undefined>;
  save(shardId: string, sequenceNumber: string): Promise<void>;
}

/**
 * A checkpoint store that lives as long as the process (tests, and a poller restarted in the same process).
 */
export class InMemoryCheckpointStore implements CheckpointStore {
  readonly #checkpoints = new Map<string, string>();

  async load(shardId: string): Promise<string | undefined> {
    return this.#checkpoints.get(shardId);
  }

  async save(shardId: string, sequenceNumber: string): Promise<void> {
    this.#checkpoints.set(shardId, sequenceNumber);
  }

  /** A copy of every checkpoint, by shard id. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.#checkpoints);
  }
}

const CheckpointFileSchema = z.object({
  version: z.literal(1),
  shards: z.record(z.string(), z.string().regex(/^\d+$/)),
});

/**
 * A checkpoint store backed by one JSON file (`{ version: 1, shards: { shardId: sequenceNumber } }`), so
 * `iamlp dev` resumes where it stopped. Writes are atomic (temp file + rename) and coalesced: at most one
 * write in flight.
 */
export class JsonFileCheckpointStore implements CheckpointStore {
  readonly #path: string;
  readonly #checkpoints: Map<string, string>;
  #writing: Promise<void> | undefined;
  #dirty = false;

  private constructor(path: string, checkpoints: Map<string, string>) {
    this.#path = path;
    this.#checkpoints = checkpoints;
  }

  /** Opens (or starts) the checkpoint file at `path`; a file that is not a checkpoint file is refused. */
  static async open(path: string): Promise<JsonFileCheckpointStore> {
    return new JsonFileCheckpointStore(path, await readCheckpointFile(path));
  }

  async load(shardId: string): Promise<string | undefined> {
    return this.#checkpoints.get(shardId);
  }

  async save(shardId: string, sequenceNumber: string): Promise<void> {
    this.#checkpoints.set(shardId, sequenceNumber);
    this.#dirty = true;
    // Saves made while a write is in flight are folded into one follow-up write of the latest state.
    this.#writing ??= this.#flush();
    await this.#writing;
  }

  async #flush(): Promise<void> {
    try {
      while (this.#dirty) {
        this.#dirty = false;
        const body = JSON.stringify({ version: 1, shards: Object.fromEntries(this.#checkpoints) }, null, 2);
        const temp = `${this.#path}.${process.pid}.tmp`;
        await mkdir(dirname(this.#path), { recursive: true });
        await writeFile(temp, `${body}\n`);
        await rename(temp, this.#path);
      }
    } finally {
      // Cleared in the same tick the loop sees nothing left, so a later save always starts a new write.
      this.#writing = undefined;
    }
  }
}

async function readCheckpointFile(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  let parsed: z.infer<typeof CheckpointFileSchema>;
  try {
    parsed = CheckpointFileSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new PollerError('INVALID_CHECKPOINT_FILE', `${path} is not a poller checkpoint file`, {
      cause: error,
    });
  }
  return new Map(Object.entries(parsed.shards));
}
