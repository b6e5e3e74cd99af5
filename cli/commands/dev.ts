import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SnapshotGrantedSource } from '../../api/granted/index.js';
import { type LocalApi, startLocalApi } from '../../api/local.js';
import {
  DEFAULT_DEV_LOOP_RATE,
  DEFAULT_DEV_RATE,
  type DevReplayOptions,
  type DevStack,
  DevStackError,
  type DevStats,
  formatDevStatus,
  formatDevSummary,
  removeStackFile,
  startDevStack,
} from '../../stream/dev/index.js';
import { parseFlags } from '../args.js';
import { loadConfig } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { DEV_HELP } from '../help.js';
import { VERSION } from '../version.js';
import { parseRate } from './replay.js';

/** What `iamlp dev` replays unless told otherwise. */
const DEFAULT_INPUTS = ['fixtures/real', 'fixtures/edge'] as const;
/** Granted permissions of the fixture principals, used for drift unless iamlp.yml names another snapshot. */
const DEFAULT_GRANTED_SNAPSHOT = 'fixtures/granted/authorization-details.json';
/** Warnings printed before the rest are only counted. */
const MAX_WARNINGS = 20;
/** Status line refresh on a terminal, and the pace of status lines otherwise (logs, CI). */
const TTY_REFRESH_MS = 500;
const LOG_INTERVAL_MS = 5_000;

const OPTIONS = {
  'no-replay': { type: 'boolean' },
  rate: { type: 'string' },
  'loop-rate': { type: 'string' },
  input: { type: 'string', multiple: true, short: 'i' },
  'kinesis-port': { type: 'string' },
  'dynamodb-port': { type: 'string' },
  'api-port': { type: 'string' },
  'no-api': { type: 'boolean' },
  granted: { type: 'string' },
  'alert-webhook': { type: 'string' },
  config: { type: 'string', short: 'c' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `iamlp dev`: the whole streaming pipeline on loopback until Ctrl-C. */
export async function runDev(args: string[]): Promise<number> {
  const flags = parseFlags('dev', args, OPTIONS);
  if (flags.help) {
    process.stdout.write(DEV_HELP);
    return EXIT.OK;
  }
  const { replay, ports } = settingsOf(flags);
  const api = await apiSettingsOf(flags);
  const screen = new Screen(flags.quiet !== true);
  // Installed before the stack starts, so a Ctrl-C during start-up still stops it cleanly.
  const interrupts = watchInterrupts(screen);
  let stack: DevStack | undefined;
  try {
    let localApi: LocalApi | undefined;
    const started = await startDevStack({
      ...ports,
      ...(replay ? { replay } : {}),
      ...(api.webhook === undefined ? {} : { alertWebhookUrl: api.webhook }),
      warn: (line) => screen.warn(line),
      ...(api.enabled
        ? {
            attach: async (pipeline) => {
              localApi = await startLocalApi(pipeline, {
                version: VERSION,
                port: api.port,
                ...(api.webRoot === undefined ? {} : { webRoot: api.webRoot }),
                ...(api.snapshot === undefined ? {} : { granted: new SnapshotGrantedSource(api.snapshot) }),
                log: (line) => screen.warn(`api: ${JSON.stringify(line)}`),
              });
              return localApi;
            },
          }
        : {}),
    }).catch(rethrowForCli);
    stack = started;
    interrupts.onHardExit(() => started.stackFile !== undefined && removeStackFile(started.stackFile));
    screen.banner(started, replay, localApi && { ...api, url: localApi.url });
    // On stdout, even with --quiet: the one thing to open.
    if (localApi) process.stdout.write(`Dashboard: ${localApi.dashboardUrl}\n`);
    screen.startStatus(() => started.stats());
    await interrupts.first;
    screen.stopStatus(
      'stopping: replay, then the consumer after its in-flight batches (Ctrl-C again to quit now)',
    );
    screen.summary(await started.stop());
    return EXIT.OK;
  } finally {
    screen.stopStatus();
    interrupts.dispose();
    // Idempotent: only does something when an error skipped the stop above.
    await stack?.stop();
  }
}

function settingsOf(flags: ReturnType<typeof parseFlags<typeof OPTIONS>>) {
  if (
    flags['no-replay'] &&
    (flags.input !== undefined || flags.rate !== undefined || flags['loop-rate'] !== undefined)
  )
    throw new CliError('USAGE', 'dev: --input, --rate and --loop-rate have no effect with --no-replay');
  return {
    replay: flags['no-replay']
      ? undefined
      : replayOptions(flags.input, parseRate(flags.rate), parseRate(flags['loop-rate'], '--loop-rate')),
    ports: {
      kinesisPort: parsePort('--kinesis-port', flags['kinesis-port']),
      dynamodbPort: parsePort('--dynamodb-port', flags['dynamodb-port']),
    },
  };
}

/** Where the local API listens, what it serves and compares with. */
interface ApiSettings {
  readonly enabled: boolean;
  readonly port: number;
  readonly webRoot: string | undefined;
  readonly snapshot: string | undefined;
  readonly webhook: string | undefined;
}

async function apiSettingsOf(flags: ReturnType<typeof parseFlags<typeof OPTIONS>>): Promise<ApiSettings> {
  const config = (await loadConfig(flags.config)).api ?? {};
  if (flags['no-api'] && (flags['api-port'] !== undefined || flags.granted !== undefined))
    throw new CliError('USAGE', 'dev: --api-port and --granted have no effect with --no-api');
  const snapshot =
    flags.granted ??
    config.grantedSnapshot ??
    (existsSync(DEFAULT_GRANTED_SNAPSHOT) ? DEFAULT_GRANTED_SNAPSHOT : undefined);
  if (snapshot !== undefined && !existsSync(snapshot))
    throw new CliError('INPUT_NOT_FOUND', `${snapshot}: granted-permissions snapshot not found`);
  const webhook = flags['alert-webhook'];
  if (webhook !== undefined && !(URL.canParse(webhook) && /^https?:$/.test(new URL(webhook).protocol)))
    throw new CliError('USAGE', '--alert-webhook: expected an http(s) URL');
  return {
    enabled: flags['no-api'] !== true,
    port: flags['api-port'] === undefined ? (config.port ?? 0) : parsePort('--api-port', flags['api-port']),
    webRoot: builtWebRoot(),
    snapshot,
    webhook,
  };
}

/** The built web UI: dist/web next to the compiled CLI, or under dist/ when running from sources. */
function builtWebRoot(): string | undefined {
  for (const candidate of ['../../web/', '../../dist/web/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`) && existsSync(`${dir}app.js`)) return dir;
  }
  return undefined;
}

function replayOptions(
  inputs: readonly string[] | undefined,
  rate: number | undefined,
  loopRate: number | undefined,
): DevReplayOptions {
  for (const input of inputs ?? []) {
    if (input === '-') throw new CliError('USAGE', 'dev: --input cannot be stdin (the replay loops over it)');
    if (!existsSync(input)) throw new CliError('INPUT_NOT_FOUND', `${input}: no such file or directory`);
  }
  const chosen = inputs ?? DEFAULT_INPUTS.filter((input) => existsSync(input));
  if (chosen.length === 0)
    throw new CliError(
      'INPUT_NOT_FOUND',
      `dev: ${DEFAULT_INPUTS.join(' and ')} not found: pass --input PATH`,
    );
  return {
    inputs: chosen,
    rate: rate ?? DEFAULT_DEV_RATE,
    loopRate: Math.min(loopRate ?? DEFAULT_DEV_LOOP_RATE, rate ?? DEFAULT_DEV_RATE),
    loop: true,
  };
}

function parsePort(flag: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65_535)
    throw new CliError('USAGE', `${flag}: expected a port number from 1 to 65535 (0 or absent: a free one)`);
  return port;
}

function rethrowForCli(error: unknown): never {
  if (!(error instanceof DevStackError)) throw error;
  throw new CliError(error.code === 'STACK_FILE' ? 'WRITE_FAILED' : 'AWS_ERROR', `dev: ${error.message}`, {
    cause: error,
  });
}

/** First Ctrl-C or SIGTERM resolves `first`; a second one quits at once with 130. */
function watchInterrupts(screen: Screen) {
  let resolveFirst = () => {};
  const first = new Promise<void>((resolve) => {
    resolveFirst = resolve;
  });
  let hardExit = () => {};
  let interrupted = false;
  const handler = () => {
    if (interrupted) {
      hardExit();
      screen.line('iamlp dev: quitting now');
      process.exit(EXIT.INTERRUPTED);
    }
    interrupted = true;
    resolveFirst();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    first,
    /** Runs before a quit-now exit (removes the stack file, which a normal stop also does). */
    onHardExit: (cleanup: () => void) => {
      hardExit = cleanup;
    },
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** Everything `iamlp dev` prints, on stderr: banner, live status, warnings, summary. */
class Screen {
  private readonly tty = process.stderr.isTTY === true;
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;
  private warnings = 0;

  constructor(private readonly verbose: boolean) {}

  banner(
    stack: DevStack,
    replay: DevReplayOptions | undefined,
    api: (ApiSettings & { readonly url: string }) | undefined,
  ): void {
    const { mapping } = stack;
    const replaying = replay
      ? `${replay.inputs.join(' ')} at ${replay.rate} records/s, then again and again with fresh eventIDs at ${replay.loopRate} records/s`
      : "off (send records with 'iamlp replay PATH')";
    this.line(
      [
        'iamlp dev: pipeline, API and dashboard on loopback, in memory (a restart starts empty)',
        `  Kinesis     ${stack.endpoints.kinesis}  stream ${stack.streamName}, ${stack.shards} shards`,
        `  DynamoDB    ${stack.endpoints.dynamodb}  tables ${stack.tables.usage}, ${stack.tables.state}`,
        `  consumer    local event source mapping with the deployed settings: batches of up to ` +
          `${mapping.batchSize.toLocaleString('en-US')} records,`,
        `              ${mapping.maximumBatchingWindowMs} ms batching window, bisect on error, ` +
          `${mapping.retryAttempts} retries, records up to ${mapping.maxRecordAgeSeconds / 3600} h old`,
        `  replay      ${replaying}`,
        ...(api
          ? [
              `  API         ${api.url} (bearer token in the dashboard URL and the stack file; spec at /openapi.json)`,
              `  dashboard   ${api.webRoot ? `${api.url}/ (URL with token below)` : "not built: run 'npm run build'"}`,
              `  granted     ${api.snapshot ?? "none (drift needs a snapshot: 'aws iam get-account-authorization-details', then --granted FILE)"}`,
            ]
          : []),
        ...(stack.stackFile
          ? [`  stack file  ${stack.stackFile} ('iamlp replay PATH' sends records here)`]
          : []),
        'Press Ctrl-C to stop',
      ].join('\n'),
    );
  }

  startStatus(stats: () => DevStats): void {
    if (!this.verbose) return;
    const draw = () =>
      this.tty ? this.redraw(formatDevStatus(stats())) : this.line(formatDevStatus(stats()));
    this.timer = setInterval(draw, this.tty ? TTY_REFRESH_MS : LOG_INTERVAL_MS);
  }

  stopStatus(message?: string): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (message !== undefined) this.line(`iamlp dev: ${message}`);
  }

  warn(text: string): void {
    if (++this.warnings <= MAX_WARNINGS) this.write(`iamlp dev: warning: ${text}\n`);
  }

  summary(stats: DevStats): void {
    const hidden = this.warnings - MAX_WARNINGS;
    if (hidden > 0) this.write(`iamlp dev: ${hidden} more warnings not shown\n`);
    this.line(formatDevSummary(stats).trimEnd());
  }

  /** A line unless --quiet. */
  line(text: string): void {
    if (this.verbose) this.write(`${text}\n`);
  }

  private redraw(text: string): void {
    const width = process.stderr.columns ?? 0;
    process.stderr.write(`\r\x1b[2K${width > 1 ? text.slice(0, width - 1) : text}`);
    this.drawn = true;
  }

  /** Writes whole lines, clearing the status line first. */
  private write(text: string): void {
    if (this.drawn) process.stderr.write('\r\x1b[2K');
    this.drawn = false;
    process.stderr.write(text);
  }
}
