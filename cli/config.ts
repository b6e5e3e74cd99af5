import { existsSync } from 'node:fs';
import type { Config } from './config-schema.js';
import { CliError } from './errors.js';

export type { Config } from './config-schema.js';

/** Name of the config file looked up in the working directory when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = 'iamlp.yml';

/**
 * Loads and validates the config file; a missing default file is fine, a missing explicit one is not. The YAML
 * parser and the schema are loaded only when there is a file to read.
 */
export async function loadConfig(explicitPath: string | undefined): Promise<Config> {
  const path = explicitPath ?? DEFAULT_CONFIG_FILE;
  if (!existsSync(path)) {
    if (explicitPath) throw new CliError('INPUT_NOT_FOUND', `${path}: config file not found`);
    return {};
  }
  return (await import('./config-schema.js')).parseConfigFile(path);
}
