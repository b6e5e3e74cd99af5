import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Builds dist/ once before the suite so CLI tests run the JavaScript users run.
 * IAMLP_SKIP_BUILD=1 skips it when dist/ is known to be fresh (e.g. while iterating on unit tests).
 */
export default function setup(): void {
  if (process.env.IAMLP_SKIP_BUILD === '1') return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
