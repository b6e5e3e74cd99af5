import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * Headless Chromium for the UI tests. The browser is the system's (IAMLP_CHROMIUM, /usr/bin/chromium, or
 * `chromium` on PATH), never a downloaded one; a suite that needs it is skipped with a stated reason when it is
 * missing, except on CI (CI=true), where a missing browser fails the run instead of silently skipping UI tests.
 */

const LAUNCH_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium was found, or why it was not. */
export type ChromiumLookup = { found: true; executablePath: string } | { found: false; reason: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  return dirs.map((dir) => join(dir, name)).find(executable);
}

/** Finds Chromium: env IAMLP_CHROMIUM, else /usr/bin/chromium, else `chromium` on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const configured = env.IAMLP_CHROMIUM;
  if (configured !== undefined && configured !== '') {
    return executable(configured)
      ? { found: true, executablePath: configured }
      : { found: false, reason: `IAMLP_CHROMIUM=${configured} is not an executable file` };
  }
  if (executable('/usr/bin/chromium')) return { found: true, executablePath: '/usr/bin/chromium' };
  const fromPath = onPath('chromium', env);
  if (fromPath !== undefined) return { found: true, executablePath: fromPath };
  return {
    found: false,
    reason: 'no Chromium: set IAMLP_CHROMIUM or install chromium (/usr/bin/chromium or on PATH)',
  };
}

/**
 * Decides whether a suite that needs Chromium runs: returns the lookup, warns naming the reason when it will be
 * skipped, and throws on CI (CI=true) so a missing browser fails the run.
 */
export function requireChromium(suite: string, env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const lookup = findChromium(env);
  if (lookup.found) return lookup;
  if (env.CI === 'true') throw new Error(`${suite} needs Chromium on CI: ${lookup.reason}`);
  console.warn(`SKIPPED ${suite}: ${lookup.reason}`);
  return lookup;
}

/** Launches headless Chromium with a fresh, empty profile (playwright creates and removes a temporary one). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: 30_000 });
}
