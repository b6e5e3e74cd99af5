import { readFile, stat } from 'node:fs/promises';
import {
  GrantedError,
  type GrantedPermissions,
  parseAuthorizationDetails,
} from '../../core/granted/index.js';
import { GrantedSourceError } from './errors.js';
import type { GrantedSource } from './granted-source.js';

type Snapshot = ReadonlyMap<string, GrantedPermissions>;

/**
 * Granted permissions from a `get-account-authorization-details` JSON file: read lazily on first use and again
 * whenever the file's modification time or size changes; `fetchedAt` is the file's modification time.
 */
export class SnapshotGrantedSource implements GrantedSource {
  readonly #path: string;
  #loaded: { readonly version: string; readonly snapshot: Snapshot } | undefined;
  #loading: { readonly version: string; readonly promise: Promise<Snapshot> } | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  /** The principal's permissions as the snapshot records them; undefined when the snapshot lacks the principal. */
  async grantedFor(principalArn: string): Promise<GrantedPermissions | undefined> {
    const snapshot = await this.#current();
    return snapshot.get(principalArn);
  }

  async #current(): Promise<Snapshot> {
    const stats = await stat(this.#path).catch((error: unknown) => {
      throw this.#unreadable(error);
    });
    // Size as well as mtime: a rewrite within the file system's timestamp granularity still changes the version.
    const version = `${stats.mtimeMs}:${stats.size}`;
    if (this.#loaded?.version === version) return this.#loaded.snapshot;
    if (this.#loading?.version === version) return this.#loading.promise;
    const promise = this.#load(Math.floor(stats.mtimeMs));
    this.#loading = { version, promise };
    try {
      const snapshot = await promise;
      this.#loaded = { version, snapshot };
      return snapshot;
    } finally {
      if (this.#loading?.promise === promise) this.#loading = undefined;
    }
  }

  async #load(fetchedAt: number): Promise<Snapshot> {
    const text = await readFile(this.#path, 'utf8').catch((error: unknown) => {
      throw this.#unreadable(error);
    });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new GrantedSourceError('SNAPSHOT_INVALID', `Snapshot ${this.#path} is not valid JSON`, error);
    }
    try {
      return parseAuthorizationDetails(json, fetchedAt);
    } catch (error) {
      if (!(error instanceof GrantedError)) throw error;
      throw new GrantedSourceError('SNAPSHOT_INVALID', `Snapshot ${this.#path}: ${error.message}`, error);
    }
  }

  #unreadable(error: unknown): GrantedSourceError {
    const code = (error as { code?: unknown } | undefined)?.code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : String(code ?? 'read failed');
    return new GrantedSourceError(
      'SNAPSHOT_UNREADABLE',
      `Cannot read snapshot ${this.#path}: ${reason}`,
      error,
    );
  }
}
