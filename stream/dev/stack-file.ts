import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { DevStackError } from './errors.js';

/** Where `iamlp dev` says where the local pipeline listens, relative to the working directory. */
export const DEV_STACK_PATH = 'artifacts/dev-stack.json';

const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/**
 * What readers of the stack file rely on (`iamlp replay` finds the stream with it); the writer validates against
 * it too, so the two cannot drift. Other keys are informational and may grow.
 */
export const DevStackTargetSchema = z.object({
  kinesisEndpoint: z.string().refine(isHttpUrl),
  streamName: z.string().regex(STREAM_NAME),
});

/** Content of `artifacts/dev-stack.json` as `iamlp dev` writes it. */
export interface DevStackFile {
  readonly kinesisEndpoint: string;
  readonly streamName: string;
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly tables: { readonly usage: string; readonly state: string };
  readonly pid: number;
  readonly startedAt: string;
  /** The local API and dashboard, when `iamlp dev` serves them. */
  readonly apiUrl?: string;
  /** Bearer token of the local API. */
  readonly token?: string;
}

/**
 * Writes the stack file atomically (temporary file, then rename), so a reader never sees half of it. Refuses to
 * replace the file of another running stack; a file left by a stack that died is replaced.
 */
export function writeStackFile(path: string, content: DevStackFile): void {
  checkNoRunningStack(path);
  DevStackTargetSchema.parse(content);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new DevStackError('STACK_FILE', `cannot write ${path}: ${(error as Error).message}`, error);
  }
}

/** Throws `ALREADY_RUNNING` when the stack file belongs to another process that is still alive. */
export function checkNoRunningStack(path: string): void {
  const pid = ownerOf(path);
  if (pid !== undefined && pid !== process.pid && isAlive(pid)) {
    throw new DevStackError(
      'ALREADY_RUNNING',
      `another 'iamlp dev' (pid ${pid}) is running here: see ${path}`,
    );
  }
}

/** Removes the stack file if this process wrote it (synchronous, so it also works in an exit handler). */
export function removeStackFile(path: string): void {
  if (ownerOf(path) === process.pid) rmSync(path, { force: true });
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
