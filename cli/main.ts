import { runAnalyze } from './commands/analyze.js';
import { CliError, EXIT } from './errors.js';
import { MAIN_HELP } from './help.js';
import { VERSION } from './version.js';

const COMMANDS: Readonly<Record<string, (args: string[]) => Promise<number>>> = {
  analyze: runAnalyze,
  // Loaded on demand: the IAM reference data costs ~50 MB and the AWS SDK ~60 ms at every start of the commands
  // that do not need them (analyze loads the core itself, on the thread that analyses).
  generate: async (args) => (await import('./commands/generate.js')).runGenerate(args),
  simulate: async (args) => (await import('./commands/simulate.js')).runSimulate(args),
  replay: async (args) => (await import('./commands/replay.js')).runReplay(args),
  dev: async (args) => (await import('./commands/dev.js')).runDev(args),
};

/** Runs the iamlp command line and returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(MAIN_HELP);
    return command === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.OK;
  }
  const run = COMMANDS[command];
  if (!run) throw new CliError('USAGE', `unknown command '${command}' (run 'iamlp --help')`);
  return run(rest);
}

/** Prints an error as one line (plus its details) and returns the exit code; stack traces only with IAMLP_DEBUG. */
export function reportError(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`iamlp: ${error.message}\n`);
    for (const line of error.details) process.stderr.write(`  ${line}\n`);
    if (process.env.IAMLP_DEBUG && error.cause)
      process.stderr.write(`${String((error.cause as Error).stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`iamlp: internal error: ${message.split('\n')[0]}\n`);
  if (process.env.IAMLP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.FAILURE;
}
