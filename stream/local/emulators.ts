import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import kinesalite from 'kinesalite';

/** Endpoints of a running local AWS, and how to stop it. */
export interface LocalAws {
  readonly kinesisEndpoint: string;
  readonly dynamodbEndpoint: string;
  /** Stops both emulators and releases their ports; in-memory data is gone. */
  close(): Promise<void>;
}

/** Ports to use; 0 (the default) picks a free one. */
export interface LocalAwsOptions {
  readonly kinesisPort?: number;
  readonly dynamodbPort?: number;
}

/**
 * Starts kinesalite (Kinesis API) and dynalite (DynamoDB API) in this process, in memory, on 127.0.0.1 only —
 * both default to port 4567 on every interface otherwise. Streams and tables are created instantly (no
 * CREATING delay), so local mode and tests don't wait.
 */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const kinesis = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 1000 });
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  try {
    const [kinesisPort, dynamodbPort] = await Promise.all([
      listen(kinesis, options.kinesisPort ?? 0),
      listen(dynamo, options.dynamodbPort ?? 0),
    ]);
    return {
      kinesisEndpoint: `http://127.0.0.1:${kinesisPort}`,
      dynamodbEndpoint: `http://127.0.0.1:${dynamodbPort}`,
      close: () => Promise.all([close(kinesis), close(dynamo)]).then(() => undefined),
    };
  } catch (error) {
    await Promise.allSettled([close(kinesis), close(dynamo)]);
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    // Keep-alive sockets from SDK clients would hold the server open: drop them.
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}
