import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  readonly app: Hono;
  /** Interface to bind (default 127.0.0.1: the local API is never exposed beyond this machine). */
  readonly host?: string;
  /** Port (default 0: a free one). */
  readonly port?: number;
}

/** A running Node server of the API. */
export interface RunningApiServer {
  /** Base URL, e.g. `http://127.0.0.1:4318`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the app with the Node adapter and resolves once it listens. */
export function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: options.app.fetch, hostname: host, port: options.port ?? 0 },
      (info: AddressInfo) => {
        const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
        resolve({
          url,
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              // Keep-alive connections of pollers would otherwise hold the close open.
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
