import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Builds dist/ (the compiled TypeScript and the web UI) once before the suite, so CLI, dev-stack and browser tests
 * run what users run. IAMLP_SKIP_BUILD=1 skips it when dist/ is known to be fresh (e.g. while iterating).
 */
export default function setup(): void {
  if (process.env.IAMLP_SKIP_BUILD === '1') return;
  const require = createRequire(import.meta.url);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [require.resolve('tsx/cli'), 'web/build.ts'], { stdio: 'inherit' });
}
