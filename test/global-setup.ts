import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** Builds dist/ once before the suite so CLI tests run the JavaScript users run. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
