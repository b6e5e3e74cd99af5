import type { DevAttachment, DevPipeline } from '../stream/dev/index.js';
import { createApp } from './app.js';
import { type ApiAuth, generateToken } from './auth.js';
import { type DriftEngine, GrantedDriftEngine, type GrantedLookup } from './drift.js';
import { DynamoApiReader } from './read-model/dynamo-reader.js';
import { startApiServer } from './server.js';
import { webFileServer } from './web-files.js';

/** Options of {@link startLocalApi}. */
export interface LocalApiOptions {
  readonly version: string;
  /** Port on 127.0.0.1 (default 0: a free one). */
  readonly port?: number;
  /** Bearer token (default: a random one). */
  readonly token?: string;
  /** Directory of the built web UI (served at `/`); absent, only the API is served. */
  readonly webRoot?: string;
  /** Granted permissions for drift (absent: drift reports `source: none`). */
  readonly granted?: GrantedLookup;
  /** How often the API re-reads the store's overview (default 1,000 ms locally). */
  readonly refreshMs?: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

/** The running local API: its URL, token and the dashboard URL that carries the token. */
export interface LocalApi extends DevAttachment {
  readonly url: string;
  readonly token: string;
  readonly dashboardUrl: string;
  readonly drift: DriftEngine;
}

/**
 * Serves the API (and the UI, when built) on 127.0.0.1 over the dev stack's tables, with a bearer token. Used as
 * the dev stack's attachment, so `iamlp dev` brings up stream, API and UI together.
 */
export async function startLocalApi(pipeline: DevPipeline, options: LocalApiOptions): Promise<LocalApi> {
  const token = options.token ?? generateToken();
  const auth: ApiAuth = { kind: 'token', token };
  const reader = new DynamoApiReader({
    client: pipeline.dynamodb,
    store: pipeline.store,
    stateTable: pipeline.tables.state,
    refreshMs: options.refreshMs ?? 1_000,
  });
  const drift = new GrantedDriftEngine(options.granted);
  const app = createApp({
    reader,
    drift,
    auth,
    version: options.version,
    ...(options.webRoot === undefined ? {} : { webFiles: webFileServer(options.webRoot) }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const server = await startApiServer({ app, ...(options.port === undefined ? {} : { port: options.port }) });
  return {
    url: server.url,
    token,
    dashboardUrl: `${server.url}/#token=${token}`,
    drift,
    fields: { apiUrl: server.url, token, dashboardUrl: `${server.url}/#token=${token}` },
    close: () => server.close(),
  };
}
