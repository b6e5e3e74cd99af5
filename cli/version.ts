import { readFileSync } from 'node:fs';

/** The package version, read once from package.json next to the compiled CLI (dist/cli → ../../). */
export const VERSION: string = (() => {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'iamlp' && pkg.version) return pkg.version;
    } catch {
      // try the next location: the CLI runs both from dist/ and from sources under vitest
    }
  }
  return '0.0.0';
})();
