import { existsSync, readFileSync } from 'node:fs';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { createKinesisClient } from '../../stream/aws-clients.js';
import { DEV_STACK_PATH, DevStackTargetSchema } from '../../stream/dev/stack-file.js';
import {
  DEFAULT_BACKOFF,
  formatReplayProgress,
  formatReplaySummary,
  KinesisPublisher,
  PublishError,
  type PublisherOptions,
  type ReplayResult,
  type ReplayRun,
  type ReplayStats,
  replayToKinesis,
} from '../../stream/eventbridge/index.js';
import { type InputError, type InputProblem, readRecords } from '../../stream/input/index.js';
import { parseFlags, withPositionalInputs } from '../args.js';
import { CliError, EXIT } from '../errors.js';
import { REPLAY_HELP } from '../help.js';

/** Written by `iamlp dev`: where the local pipeline listens. */
export { DEV_STACK_PATH };

const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const RATE = /^(\d+(\.\d*)?|\.\d+)$/;
/** Skip warnings printed before the rest are only counted. */
const MAX_WARNINGS = 20;

const OPTIONS = {
  input: { type: 'string', multiple: true, short: 'i' },
  stream: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  rate: { type: 'string' },
  loop: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof OPTIONS>>;

/** Where the records go. */
interface Target {
  readonly endpoint?: string;
  readonly region?: string;
  readonly streamName: string;
  readonly fromDevStack: boolean;
}

/** `iamlp replay`: CloudTrail files → EventBridge events in a Kinesis stream. */
export async function runReplay(args: string[]): Promise<number> {
  const flags = parseFlags('replay', withPositionalInputs(args, OPTIONS), OPTIONS);
  if (flags.help) {
    process.stdout.write(REPLAY_HELP);
    return EXIT.OK;
  }
  const inputs = checkInputs(flags.input ?? [], flags.loop === true);
  const rate = parseRate(flags.rate);
  const target = resolveTarget(flags);
  const client = createKinesisClient({
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.region ? { region: target.region } : {}),
  });
  const quiet = flags.quiet === true;
  const where = target.endpoint ? `at ${target.endpoint}` : `in region ${await regionOf(client)}`;
  if (target.fromDevStack && !quiet)
    process.stderr.write(
      `iamlp: replaying to stream '${target.streamName}' ${where} (from ${DEV_STACK_PATH})\n`,
    );
  const controller = new AbortController();
  const stopHandling = handleInterrupts(controller, quiet);
  try {
    const options = { where, signal: controller.signal, loop: flags.loop === true, quiet, rate };
    return await replayFiles(inputs, client, target.streamName, options);
  } finally {
    stopHandling();
    client.destroy();
  }
}

/** Options of {@link replayFiles}. */
export interface ReplayFilesOptions extends Pick<PublisherOptions, 'backoff' | 'where'> {
  readonly signal?: AbortSignal;
  readonly loop?: boolean;
  readonly quiet?: boolean;
  readonly rate?: number | undefined;
}

/** Replays input files into a stream, printing warnings, progress and the summary; returns the exit code. */
export async function replayFiles(
  inputs: readonly string[],
  client: KinesisClient,
  streamName: string,
  options: ReplayFilesOptions,
): Promise<number> {
  const publisher = new KinesisPublisher(client, streamName, options);
  await publisher.checkStream().catch(rethrowForCli);
  const report = new Reporter(options.quiet !== true);
  const where = options.where ?? '';
  const read = (pass: number) =>
    readRecords(inputs, {
      onProblem: (problem) => report.problem(problem),
      onFileError: (error) => report.fileError(error, pass),
    });
  const began = performance.now();
  let result: ReplayResult;
  try {
    result = await replayToKinesis({
      publisher,
      read,
      loop: options.loop === true,
      ...(options.rate === undefined ? {} : { rate: options.rate }),
      ...(options.signal ? { signal: options.signal } : {}),
      onSkip: (place, reason) => report.skip(place, reason),
      onProgress: (stats) => report.progress(stats, began),
    });
  } catch (error) {
    report.summary({ streamName, where, ms: performance.now() - began, ended: 'stopped by an error' });
    return rethrowForCli(error);
  }
  const ended = result.interrupted ? { ended: 'interrupted' } : {};
  report.summary({ streamName, where, ms: performance.now() - began, ...ended }, result);
  return exitCodeOf(result, report, streamName, options);
}

function exitCodeOf(result: ReplayResult, report: Reporter, streamName: string, options: ReplayFilesOptions) {
  const first = result.undelivered[0];
  if (first) {
    const count = result.undelivered.length;
    const attempts = options.backoff?.maxAttempts ?? DEFAULT_BACKOFF.maxAttempts;
    throw new CliError(
      'DELIVERY_FAILED',
      `replay: ${count} ${count === 1 ? 'record' : 'records'} could not be delivered to stream '${streamName}' ` +
        `(${first.code}, up to ${attempts} attempts); replay stopped`,
    );
  }
  if (result.interrupted) return EXIT.INTERRUPTED;
  return report.fileErrors.length > 0 ? EXIT.FAILURE : EXIT.OK;
}

function rethrowForCli(error: unknown): never {
  if (!(error instanceof PublishError)) throw error;
  const code = error.code === 'STREAM_NOT_FOUND' ? 'STREAM_NOT_FOUND' : 'AWS_ERROR';
  throw new CliError(code, `replay: ${error.message}`, { cause: error });
}

/** Warnings, progress line and summary on stderr. */
class Reporter {
  readonly fileErrors: string[] = [];
  private warnings = 0;
  private problems = 0;
  private latest: Readonly<ReplayStats> | undefined;
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly verbose: boolean) {}

  skip(where: { source: string; line?: number }, reason: string): void {
    const line = where.line === undefined ? '' : `:${where.line}`;
    if (++this.warnings <= MAX_WARNINGS)
      this.print(`iamlp: warning: ${where.source}${line}: ${reason}; skipped\n`);
  }

  problem(problem: InputProblem): void {
    this.problems++;
    this.skip(problem, problem.message);
  }

  /** A file that cannot be read is reported at once (a --loop replay may run for hours) and fails the run. */
  fileError(error: InputError, pass: number): void {
    if (pass > 1) return;
    this.fileErrors.push(error.message);
    this.print(`iamlp: ${error.message}\n`);
  }

  progress(stats: Readonly<ReplayStats>, began: number): void {
    this.latest = stats;
    const now = performance.now();
    if (!this.verbose || process.stderr.isTTY !== true || now - this.lastDraw < 250) return;
    this.lastDraw = now;
    this.drawn = true;
    process.stderr.write(`\r\x1b[2K${formatReplayProgress(stats, now - began)}`);
  }

  summary(run: ReplayRun, result?: ReplayResult): void {
    const hidden = this.warnings - MAX_WARNINGS;
    if (hidden > 0) this.print(`iamlp: warning: ${hidden} more skipped records not shown\n`);
    const stats = result?.stats ?? this.latest;
    if (this.verbose && stats)
      this.print(formatReplaySummary({ ...stats, skipped: stats.skipped + this.problems }, run));
  }

  /** Writes whole lines, clearing the progress line first. */
  private print(text: string): void {
    if (this.drawn) process.stderr.write('\r\x1b[2K');
    this.drawn = false;
    process.stderr.write(text);
  }
}

/** First Ctrl-C (or SIGTERM) stops after the request in flight; a second one quits at once. */
function handleInterrupts(controller: AbortController, quiet: boolean): () => void {
  const handler = () => {
    if (controller.signal.aborted) process.exit(EXIT.INTERRUPTED);
    controller.abort();
    if (!quiet)
      process.stderr.write('\niamlp: stopping after the request in flight (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

function checkInputs(inputs: readonly string[], loop: boolean): readonly string[] {
  if (inputs.length === 0)
    throw new CliError('USAGE', "replay: no input given (use --input PATH; '-' for stdin)");
  for (const input of inputs) {
    if (input === '-' && loop)
      throw new CliError('USAGE', 'replay: --loop cannot replay stdin (it can be read once)');
    if (input !== '-' && !existsSync(input))
      throw new CliError('INPUT_NOT_FOUND', `${input}: no such file or directory`);
  }
  return inputs;
}

/** Parses `--rate`: a positive number of records per second (shared with `iamlp dev`). */
export function parseRate(value: string | undefined, flag = '--rate'): number | undefined {
  if (value === undefined) return undefined;
  const rate = Number(value);
  if (!RATE.test(value) || !(rate > 0) || !Number.isFinite(rate))
    throw new CliError(
      'USAGE',
      `${flag}: expected a positive number of events per second, such as 50 or 0.5`,
    );
  return rate;
}

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** `--endpoint` wins; else `artifacts/dev-stack.json` from `iamlp dev`; else real AWS, where `--stream` is required. */
function resolveTarget(flags: Flags): Target {
  if (flags.stream !== undefined && !STREAM_NAME.test(flags.stream))
    throw new CliError('USAGE', '--stream: expected 1 to 128 characters from a-z, A-Z, 0-9, _ . -');
  if (flags.region !== undefined && !/^[a-z0-9-]{1,32}$/.test(flags.region))
    throw new CliError('USAGE', '--region: expected a region name such as eu-west-1');
  const region = flags.region === undefined ? {} : { region: flags.region };
  if (flags.endpoint !== undefined) {
    if (!isHttpUrl(flags.endpoint))
      throw new CliError('USAGE', '--endpoint: expected an http(s) URL such as http://127.0.0.1:4567');
    if (flags.stream === undefined)
      throw new CliError('USAGE', 'replay: --stream NAME is required with --endpoint');
    return { endpoint: flags.endpoint, ...region, streamName: flags.stream, fromDevStack: false };
  }
  if (existsSync(DEV_STACK_PATH)) {
    const stack = readDevStack();
    const streamName = flags.stream ?? stack.streamName;
    return { endpoint: stack.kinesisEndpoint, ...region, streamName, fromDevStack: true };
  }
  if (flags.stream === undefined) {
    const why = `no --endpoint, no ${DEV_STACK_PATH} from 'iamlp dev'`;
    throw new CliError('USAGE', `replay: --stream NAME is required (${why})`);
  }
  return { ...region, streamName: flags.stream, fromDevStack: false };
}

function readDevStack(): { kinesisEndpoint: string; streamName: string } {
  const invalid = (what: string, cause?: unknown) =>
    new CliError('INVALID_CONFIG', `${DEV_STACK_PATH}: ${what} (remove it or pass --endpoint)`, { cause });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(DEV_STACK_PATH, 'utf8'));
  } catch (error) {
    throw invalid('not valid JSON', error);
  }
  const parsed = DevStackTargetSchema.safeParse(raw);
  if (!parsed.success) throw invalid('expected kinesisEndpoint (an http(s) URL) and streamName');
  return parsed.data;
}

async function regionOf(client: KinesisClient): Promise<string> {
  try {
    return await client.config.region();
  } catch (error) {
    throw new CliError('AWS_ERROR', 'replay: no AWS region: pass --region or set AWS_REGION', {
      cause: error,
    });
  }
}
