import { readFile } from 'node:fs/promises';
import { describeJsonError, lineColumn } from '../stream/input/json-error-position.js';
import { CliError, type CliErrorCode } from './errors.js';

/**
 * Reads and parses a JSON file; a missing file or invalid JSON is a one-line error naming the file (and the line
 * and column of a syntax error). `missing` replaces "<what> not found"; `invalidCode` is the code of bad JSON.
 */
export async function readJsonFile(
  path: string,
  what: string,
  options: { readonly missing?: string; readonly invalidCode?: CliErrorCode } = {},
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CliError('INPUT_NOT_FOUND', `${path}: ${options.missing ?? `${what} not found`}`, {
        cause: error,
      });
    throw new CliError('INVALID_INPUT', `${path}: cannot read (${code ?? 'read error'})`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const { position, reason } = describeJsonError(error, text);
    const at =
      position === undefined
        ? ''
        : `:${lineColumn(text, position).line}:${lineColumn(text, position).column}`;
    throw new CliError(options.invalidCode ?? 'INVALID_INPUT', `${path}${at}: invalid JSON (${reason})`, {
      cause: error,
    });
  }
}
