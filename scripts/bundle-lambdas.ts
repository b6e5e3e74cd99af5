// Bundles each Lambda entry point with esbuild into dist/lambda/<name>/index.mjs (+ source map), the directories
// infra deploys with Code.fromAsset. Run with `tsx scripts/bundle-lambdas.ts`; `--external-sdk` leaves @aws-sdk/*
// to the Lambda runtime instead (smaller, but then the deployed SDK version is whatever the runtime ships).
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** A Lambda entry point and the asset directory it is bundled into. */
export interface LambdaEntry {
  readonly name: string;
  readonly entry: string;
  /** Whether a missing entry file is skipped with a message instead of failing the bundle. */
  readonly optional: boolean;
}

/** The Lambda entry points infra deploys, relative to the repository root. */
export const LAMBDA_ENTRIES: readonly LambdaEntry[] = [
  { name: 'consumer', entry: 'stream/lambda/consumer.ts', optional: false },
  { name: 'backfill', entry: 'stream/lambda/backfill.ts', optional: false },
  { name: 'api', entry: 'api/lambda.ts', optional: true },
];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** ESM bundles still meet CommonJS dependencies that call require() for Node built-ins. */
const REQUIRE_SHIM =
  "import { createRequire as __iamlpCreateRequire } from 'node:module';" +
  'const require = __iamlpCreateRequire(import.meta.url);';

/** Bundles one entry; returns the bundle's size in bytes, or undefined when an optional entry is missing. */
export async function bundleLambda(
  lambda: LambdaEntry,
  options: { readonly root?: string; readonly externalSdk?: boolean } = {},
): Promise<number | undefined> {
  const root = options.root ?? ROOT;
  const entry = join(root, lambda.entry);
  if (!existsSync(entry)) {
    if (lambda.optional) return undefined;
    throw new Error(`Lambda entry ${lambda.entry} does not exist`);
  }
  const outdir = join(root, 'dist', 'lambda', lambda.name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    // The bundle has no package.json beside it: the version is written in.
    define: { 'process.env.IAMLP_VERSION': JSON.stringify(packageVersion(root)) },
    external: options.externalSdk === true ? ['@aws-sdk/*', '@smithy/*'] : [],
    logLevel: 'warning',
  });
  return statSync(outfile).size;
}

function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const externalSdk = process.argv.includes('--external-sdk');
  for (const lambda of LAMBDA_ENTRIES) {
    const bytes = await bundleLambda(lambda, { externalSdk });
    if (bytes === undefined) {
      process.stdout.write(`skipped ${lambda.name}: ${lambda.entry} does not exist yet\n`);
      continue;
    }
    process.stdout.write(
      `${lambda.name}: dist/lambda/${lambda.name}/index.mjs ${(bytes / 1024).toFixed(1)} KiB\n`,
    );
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bundle-lambdas: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
