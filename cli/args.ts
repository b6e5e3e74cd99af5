import { parseArgs } from 'node:util';
import { CliError } from './errors.js';

/** Option spec in node:util parseArgs form. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/**
 * Parses a command's flags. Multi-valued flags take every following non-flag word (`--input a b c`), as well
 * as repetition (`--input a --input b`); unknown flags and stray words are usage errors.
 */
export function parseFlags<T extends OptionSpec>(command: string, args: readonly string[], options: T) {
  const expanded = expandMultiValues(args, options);
  try {
    const { values } = parseArgs({ args: expanded, options, strict: true, allowPositionals: false });
    return values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliError('USAGE', `${command}: ${message} (run 'iamlp ${command} --help')`, { cause: error });
  }
}

function expandMultiValues(args: readonly string[], options: OptionSpec): string[] {
  const out: string[] = [];
  let multi: string | undefined;
  for (const arg of args) {
    if (arg.startsWith('--') || (arg.startsWith('-') && arg.length > 1)) {
      const name = arg.replace(/^--?/, '').split('=')[0] ?? '';
      multi = options[name]?.multiple && !arg.includes('=') ? arg : undefined;
      out.push(arg);
    } else if (multi && out[out.length - 1] !== multi) {
      out.push(multi, arg);
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * Lets a command take its inputs as bare words too (`iamlp analyze logs/ more/`): every word that is not a flag or a
 * string flag's value becomes `--input WORD`. Which flags take a value is read from the command's option spec.
 */
export function withPositionalInputs(args: readonly string[], options: OptionSpec): string[] {
  const takesValue = new Set<string>();
  for (const [name, spec] of Object.entries(options)) {
    if (spec.type !== 'string' || name === 'input') continue;
    takesValue.add(`--${name}`);
    if (spec.short) takesValue.add(`-${spec.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--input' || arg === '-i') continue;
    if (arg.startsWith('-') && arg !== '-') {
      out.push(arg);
      if (takesValue.has(arg) && i + 1 < args.length) out.push(args[++i] as string);
    } else {
      out.push('--input', arg);
    }
  }
  return out;
}
