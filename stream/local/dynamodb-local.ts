/**
 * Amazon's official DynamoDB Local, for integration tests that want the real service's semantics next to dynalite:
 * started in memory on a free port as a child process (Java 17 or later), fetched on first use
 * (dynamodb-local-package.ts).
 */
import { execFile, spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../aws-clients.js';
import { sleep } from '../timing.js';
import { defaultCacheDir, ensureDynamoDbLocal, JAR, PACKAGE_SPEC } from './dynamodb-local-package.js';

/** Tries with a new free port when another process took the one picked in between. */
const PORT_ATTEMPTS = 3;

/** Why DynamoDB Local could not be started. */
export const DYNAMODB_LOCAL_ERROR_CODES = ['JAVA_MISSING', 'DOWNLOAD_FAILED', 'START_FAILED'] as const;

/** Code of a {@link DynamoDbLocalError}. */
export type DynamoDbLocalErrorCode = (typeof DYNAMODB_LOCAL_ERROR_CODES)[number];

/** DynamoDB Local is not available; `code` tells whether Java, the download or the process failed. */
export class DynamoDbLocalError extends Error {
  override readonly name = 'DynamoDbLocalError';
  readonly code: DynamoDbLocalErrorCode;

  constructor(code: DynamoDbLocalErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}

/** A running DynamoDB Local (in memory). */
export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`; note that DynamoDB Local itself listens on every interface. */
  readonly endpoint: string;
  /** Kills the process and resolves once it has exited; the data is gone. */
  close(): Promise<void>;
}

/** Options of {@link startDynamoDbLocal}. */
export interface DynamoDbLocalOptions {
  /** The java executable (default: `$JAVA_HOME/bin/java`, else `java` on the PATH). */
  readonly java?: string;
  /** Where the package is unpacked (default: `node_modules/.cache/iamlp-dynamodb-local` of this project). */
  readonly cacheDir?: string;
  /** How long the process may take to answer (default 60 s: a JVM on a busy machine). */
  readonly startTimeoutMs?: number;
}

/**
 * Starts DynamoDB Local in memory on a free port, fetching it first if needed, and resolves once it answers
 * ListTables. Rejects with a {@link DynamoDbLocalError}.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = options.java ?? defaultJava();
  const version = await javaVersion(java);
  if (version === undefined)
    throw new DynamoDbLocalError('JAVA_MISSING', `no Java runtime (${java} -version failed)`);
  let home: string;
  try {
    home = await ensureDynamoDbLocal(options.cacheDir ?? defaultCacheDir());
  } catch (error) {
    throw new DynamoDbLocalError('DOWNLOAD_FAILED', `could not fetch ${PACKAGE_SPEC}`, error);
  }
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(java, home, port, options.startTimeoutMs ?? 60_000);
    } catch (error) {
      if (error instanceof PortTaken && attempt < PORT_ATTEMPTS) continue;
      const detail = error instanceof Error ? error.message : String(error);
      throw new DynamoDbLocalError(
        'START_FAILED',
        `DynamoDB Local did not start (${version}): ${detail}`,
        error,
      );
    }
  }
}

/** What {@link tryStartDynamoDbLocal} returns. */
export type DynamoDbLocalAvailability =
  | { readonly kind: 'started'; readonly local: DynamoDbLocal }
  | { readonly kind: 'unavailable'; readonly reason: string };

/**
 * For test setups: DynamoDB Local, or why not. A missing Java is always "unavailable" (Java is optional); any
 * other failure is too, unless `required` (CI with Java present), where it rejects.
 */
export async function tryStartDynamoDbLocal(
  required: boolean,
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocalAvailability> {
  try {
    return { kind: 'started', local: await startDynamoDbLocal(options) };
  } catch (error) {
    if (!(error instanceof DynamoDbLocalError) || (required && error.code !== 'JAVA_MISSING')) throw error;
    const cause = error.cause instanceof Error ? `: ${error.cause.message.split('\n')[0]}` : '';
    return { kind: 'unavailable', reason: `${error.code}: ${error.message}${cause}` };
  }
}

class PortTaken extends Error {}

/**
 * Runs the JVM under a small Node watchdog that kills it when our end of its stdin closes: when `close()` is
 * called, and also when this process dies without running any handler (a killed test worker), so no JVM is
 * left behind holding a port.
 */
const WATCHDOG = `
const { spawn } = require('node:child_process');
const [java, ...args] = JSON.parse(process.argv[1]);
const jvm = spawn(java, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => jvm.kill('SIGKILL');
process.stdin.on('end', stop).on('error', stop).resume();
process.on('SIGTERM', stop).on('SIGINT', stop);
jvm.on('error', (error) => { console.error(String(error)); process.exit(127); });
jvm.on('exit', (code) => process.exit(code ?? 1));
`;

async function launch(java: string, home: string, port: number, timeoutMs: number): Promise<DynamoDbLocal> {
  const args = [
    '-XX:+UseSerialGC',
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(home, JAR),
    '-inMemory',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  const child = spawn(process.execPath, ['-e', WATCHDOG, JSON.stringify([java, ...args])], {
    cwd: home,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const close = async () => {
    child.stdin?.end();
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, timeoutMs, () => {
      // DynamoDB Local stays alive after failing to bind: treat that as exited.
      if (output.includes('Failed to bind')) throw new PortTaken(`port ${port} is taken`);
      if (gone) throw new Error(`exited: ${lastLines(output, 3)}`);
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint, close };
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number, check: () => void): Promise<void> {
  const client = createDynamoClient({ endpoint });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      check();
      try {
        await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch (error) {
        check();
        if (Date.now() > deadline) throw new Error(`no answer within ${timeoutMs} ms`, { cause: error });
      }
      await sleep(100);
    }
  } finally {
    client.destroy();
  }
}

function defaultJava(): string {
  const home = process.env.JAVA_HOME;
  return home ? join(home, 'bin', 'java') : 'java';
}

/** The first line of `java -version`, or undefined when Java cannot run. */
async function javaVersion(java: string): Promise<string | undefined> {
  try {
    const { stderr, stdout } = await promisify(execFile)(java, ['-version'], { timeout: 30_000 });
    return (stderr || stdout).split('\n')[0]?.trim() || 'java';
  } catch {
    return undefined;
  }
}

/** A port free on loopback right now (DynamoDB Local binds it a moment later; see PortTaken). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}
