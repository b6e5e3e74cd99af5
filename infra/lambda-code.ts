import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaCode } from './iamlp-stack.js';

/** Thrown when a required Lambda bundle is missing: synth cannot deploy code that was never built. */
export class MissingBundleError extends Error {
  override readonly name = 'MissingBundleError';
}

/**
 * The bundled Lambda directories under `<root>/dist/lambda`; throws naming the missing bundle and the command that
 * builds it. The API bundle is optional until `api/lambda.ts` exists: `api` is then left out.
 */
export function lambdaCodeIn(root: string): LambdaCode {
  const dir = (name: string) => join(root, 'dist', 'lambda', name);
  const built = (name: string) => existsSync(join(dir(name), 'index.mjs'));
  for (const name of ['consumer', 'backfill']) {
    if (!built(name))
      throw new MissingBundleError(
        `dist/lambda/${name}/index.mjs is missing: bundle the Lambdas first (npx tsx scripts/bundle-lambdas.ts)`,
      );
  }
  return {
    consumer: dir('consumer'),
    backfill: dir('backfill'),
    ...(built('api') ? { api: dir('api') } : {}),
  };
}
