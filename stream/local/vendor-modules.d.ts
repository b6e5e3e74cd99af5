// Minimal typings for the two in-process AWS emulators iamlp runs in local mode and tests (neither ships types).

declare module 'kinesalite' {
  import type { Server } from 'node:http';

  interface KinesaliteOptions {
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    shardLimit?: number;
    path?: string;
  }
  /** Creates an HTTP server implementing the Kinesis API (in memory unless `path` is given). */
  export default function kinesalite(options?: KinesaliteOptions): Server;
}

declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    path?: string;
  }
  /** Creates an HTTP server implementing the DynamoDB API (in memory unless `path` is given). */
  export default function dynalite(options?: DynaliteOptions): Server;
}
