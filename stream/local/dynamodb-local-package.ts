/**
 * Fetches DynamoDB Local without making it a dependency: the jar and its native libraries come from a pinned npm
 * package (amplify-dynamodb-simulator, Apache-2.0), fetched with `npm pack`, checked against a pinned integrity
 * hash and unpacked into node_modules/.cache, which is not committed.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const PACKAGE = 'amplify-dynamodb-simulator';
const PACKAGE_VERSION = '2.9.30';
/** What `npm pack` is asked for. */
export const PACKAGE_SPEC = `${PACKAGE}@${PACKAGE_VERSION}`;
/** `dist.integrity` of the pinned tarball on the npm registry (it holds DynamoDB Local 1.25.1). */
const PACKAGE_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';
/** The jar, inside the unpacked directory. */
export const JAR = 'DynamoDBLocal.jar';
/** Downloads take seconds from the npm cache, up to minutes cold (about 57 MB). */
const DOWNLOAD_TIMEOUT_MS = 300_000;

/**
 * The directory holding DynamoDBLocal.jar, unpacked into `cacheDir` on first use. Safe when several processes do
 * it at once: each unpacks into its own temporary directory and renames it into place; a loser uses the winner's.
 */
export async function ensureDynamoDbLocal(cacheDir: string): Promise<string> {
  const home = join(cacheDir, `${PACKAGE}-${PACKAGE_VERSION}`);
  if (await isFile(join(home, JAR))) return home;
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, '.unpack-'));
  try {
    const tarball = join(work, `${PACKAGE}-${PACKAGE_VERSION}.tgz`);
    // npm's cache first (a published version never changes); one retry: offline, npm's default retries take
    // over a minute to give up.
    const pack = ['pack', PACKAGE_SPEC, '--pack-destination', work, '--loglevel=error', '--prefer-offline'];
    await run('npm', [...pack, '--fetch-retries=1', '--fetch-retry-maxtimeout=10000'], work);
    await checkIntegrity(tarball);
    await run('tar', ['-xzf', tarball, '-C', work, 'package/emulator'], work);
    const unpacked = join(work, 'package', 'emulator');
    if (!(await isFile(join(unpacked, JAR)))) throw new Error(`${JAR} is not in the package`);
    try {
      await rename(unpacked, home);
    } catch (error) {
      // Another process renamed its copy first (ENOTEMPTY/EEXIST): theirs is complete, since rename is atomic.
      if (!(await isFile(join(home, JAR)))) throw error;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return home;
}

/** `node_modules/.cache/iamlp-dynamodb-local` of the project above this file (from source or from dist/). */
export function defaultCacheDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'node_modules'))) {
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'node_modules', '.cache', 'iamlp-dynamodb-local');
    dir = parent;
  }
  return join(dir, 'node_modules', '.cache', 'iamlp-dynamodb-local');
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  try {
    // npm is npm.cmd on Windows, which only a shell runs.
    await promisify(execFile)(command, [...args], {
      cwd,
      timeout: DOWNLOAD_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      shell: process.platform === 'win32',
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    throw new Error(`${command} ${args[0]} failed: ${firstLines(stderr, 4) || 'no message'}`, {
      cause: error,
    });
  }
}

async function checkIntegrity(tarball: string): Promise<void> {
  const [algorithm, expected] = PACKAGE_INTEGRITY.split('-', 2) as [string, string];
  const actual = createHash(algorithm)
    .update(await readFile(tarball))
    .digest('base64');
  if (actual !== expected) throw new Error(`${tarball} does not match the pinned integrity hash`);
}

function firstLines(text: string, count: number): string {
  return text.trim().split('\n').slice(0, count).join(' | ');
}
