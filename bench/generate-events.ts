import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { readRecords } from '../stream/input/index.js';
import { buildPool, type Pool, pickPrincipal, splitPrincipals } from './generate-principals.js';
import { Prng } from './generate-prng.js';
import {
  prepareTemplates,
  renderTemplate,
  type SlotValues,
  type Template,
  type TemplateSet,
} from './generate-templates.js';

const gzipAsync = promisify(gzip);
// Two compressions in flight keep a 2-core machine busy while the main thread renders the next file.
const WRITE_CONCURRENCY = 2;
const RAND_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Settings of one generator run. */
export interface GenerateOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  readonly events: number;
  readonly seed: string;
  readonly startMs: number;
  readonly days: number;
  readonly principals: number;
  readonly accounts: number;
  readonly minPerFile: number;
  readonly maxPerFile: number;
  readonly force: boolean;
}

/** What a run produced. */
export interface GenerateSummary {
  readonly out: string;
  readonly files: number;
  readonly events: number;
  readonly templates: number;
  readonly skippedValues: number;
  readonly badInputLines: number;
  readonly roles: number;
  readonly users: number;
  readonly accounts: number;
  readonly bytesUncompressed: number;
  readonly bytesCompressed: number;
  readonly seconds: number;
}

/** Everything needed to render events, fixed for a run. */
interface Workload {
  readonly set: TemplateSet;
  readonly byRegion: Map<string, Template[]>;
  readonly pools: Record<'role' | 'user', Pool>;
  readonly accounts: string[];
  readonly prng: Prng;
  readonly root: string;
  readonly startMs: number;
  readonly stepMs: number;
}

/** Re-keys fixture events into CloudTrail-named `{"Records":[…]}` gzip files, streaming one file at a time. */
export async function generateBenchLogs(options: GenerateOptions): Promise<GenerateSummary> {
  const began = performance.now();
  const root = join(options.out, 'AWSLogs');
  await prepareOutput(root, options.force);
  const { set, badInputLines } = await loadTemplates(options.inputs);
  if (set.templates.length === 0) throw new Error('no CloudTrail events found in the inputs');
  const prng = new Prng(options.seed);
  const accounts = syntheticAccounts(prng, options.accounts);
  const [roles, users] = splitPrincipals(options.principals, set.roles.length, set.users.length);
  const workload: Workload = {
    set,
    byRegion: groupByRegion(set.templates),
    pools: { role: buildPool('role', roles, set, accounts), user: buildPool('user', users, set, accounts) },
    accounts,
    prng,
    root,
    startMs: options.startMs,
    stepMs: (options.days * 86_400_000) / options.events,
  };
  const writer = new LogWriter();
  for (let produced = 0; produced < options.events; ) {
    const spread = options.maxPerFile - options.minPerFile + 1;
    const count = Math.min(options.events - produced, options.minPerFile + prng.int(spread));
    const { path, body } = renderFile(workload, produced, count);
    produced += count;
    await writer.write(path, body);
  }
  await writer.flush();
  return {
    out: options.out,
    files: writer.files,
    events: options.events,
    templates: set.templates.length,
    skippedValues: set.skipped,
    badInputLines,
    roles,
    users,
    accounts: accounts.length,
    bytesUncompressed: writer.bytesUncompressed,
    bytesCompressed: writer.bytesCompressed,
    seconds: (performance.now() - began) / 1000,
  };
}

/** Renders events [first, first + count) into one log file body and its path. */
function renderFile(workload: Workload, first: number, count: number): { path: string; body: Buffer } {
  const { set, prng } = workload;
  // A file holds one region, like a CloudTrail delivery; the first template picks it (weighting by template count).
  const lead = set.templates[prng.int(set.templates.length)] as Template;
  const group = workload.byRegion.get(lead.region) ?? [lead];
  const records: string[] = [];
  let head: SlotValues | undefined;
  for (let j = 0; j < count; j++) {
    const template = j === 0 ? lead : (group[prng.int(group.length)] as Template);
    const timeMs = workload.startMs + Math.floor((first + j + prng.next()) * workload.stepMs);
    const values = eventValues(template, timeMs, prng, workload.pools, workload.accounts);
    head ??= values;
    records.push(renderTemplate(template, values));
  }
  const path = logPath(workload.root, lead, head as SlotValues, prng);
  return { path, body: Buffer.from(`{"Records":[${records.join(',')}]}`) };
}

/** Compresses and writes log files with bounded concurrency and counts what it wrote. */
class LogWriter {
  files = 0;
  bytesUncompressed = 0;
  bytesCompressed = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly made = new Set<string>();

  /** Queues one file; waits while too many compressions are in flight. */
  async write(path: string, body: Buffer): Promise<void> {
    this.files++;
    this.bytesUncompressed += body.length;
    const task = this.compressAndWrite(path, body).then(() => {
      this.pending.delete(task);
    });
    this.pending.add(task);
    if (this.pending.size >= WRITE_CONCURRENCY) await Promise.race(this.pending);
  }

  /** Waits for every queued file. */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async compressAndWrite(path: string, body: Buffer): Promise<void> {
    const compressed = await gzipAsync(body, { level: 6 });
    const directory = join(path, '..');
    if (!this.made.has(directory)) {
      await mkdir(directory, { recursive: true });
      this.made.add(directory);
    }
    await writeFile(path, compressed);
    this.bytesCompressed += compressed.length;
  }
}

async function prepareOutput(root: string, force: boolean): Promise<void> {
  const exists = await stat(root).then(
    () => true,
    () => false,
  );
  if (exists && !force) throw new Error(`${root} already exists; pass --force to replace it`);
  // Only the generator's own subtree is removed, never the whole --out directory.
  if (exists) await rm(root, { recursive: true, force: true });
}

async function loadTemplates(
  inputs: readonly string[],
): Promise<{ set: TemplateSet; badInputLines: number }> {
  const values: unknown[] = [];
  let badInputLines = 0;
  const onProblem = () => {
    badInputLines++;
  };
  for await (const batch of readRecords(inputs, { onProblem }))
    for (const record of batch) values.push(record.value);
  return { set: prepareTemplates(values), badInputLines };
}

function syntheticAccounts(prng: Prng, count: number): string[] {
  const accounts = new Set<string>();
  while (accounts.size < count) accounts.add(String(100_000_000_000 + prng.int(900_000_000_000)));
  return [...accounts];
}

function eventValues(
  template: Template,
  timeMs: number,
  prng: Prng,
  pools: Record<'role' | 'user', Pool>,
  accounts: string[],
): SlotValues {
  const values: SlotValues = {
    id: prng.uuid(),
    time: isoSeconds(timeMs),
    ctime: isoSeconds(timeMs - template.sessionAgeMs),
    pacct: accountFor(template.principalAccount, accounts),
    racct: '',
    name: '',
    pid: '',
    path: '/',
  };
  if (template.kind !== 'other') {
    const pool = pools[template.kind];
    const k = pickPrincipal(pool, template.original, prng);
    values.pacct = pool.accounts[k] as string;
    values.name = pool.names[k] as string;
    values.pid = pool.pids[k] as string;
    values.path = pool.paths[k] as string;
  }
  if (template.recipientAccount !== undefined) {
    values.racct = accountFor(template.recipientAccount, accounts);
    // Keep a cross-account call cross-account after re-keying.
    if (values.racct === values.pacct && accounts.length > 1) {
      values.racct = accounts[(accounts.indexOf(values.racct) + 1) % accounts.length] as string;
    }
  }
  return values;
}

/** Maps an original account to a synthetic one by hash, so the same original always lands in the same account. */
function accountFor(original: string, accounts: string[]): string {
  let hash = 2166136261;
  for (let i = 0; i < original.length; i++) hash = Math.imul(hash ^ original.charCodeAt(i), 16777619);
  return accounts[(hash >>> 0) % accounts.length] as string;
}

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function groupByRegion(templates: readonly Template[]): Map<string, Template[]> {
  const groups = new Map<string, Template[]>();
  for (const template of templates) {
    const group = groups.get(template.region);
    if (group === undefined) groups.set(template.region, [template]);
    else group.push(template);
  }
  return groups;
}

/** `AWSLogs/<acct>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<acct>_CloudTrail_<region>_<yyyymmddThhmmZ>_<rand>.json.gz`. */
function logPath(root: string, first: Template, values: SlotValues, prng: Prng): string {
  const account = first.recipientAccount === undefined ? values.pacct : values.racct;
  const region = first.region.replace(/[^\w-]/g, '_');
  const [yyyy, mm, dd] = values.time.slice(0, 10).split('-') as [string, string, string];
  const stamp = `${yyyy}${mm}${dd}T${values.time.slice(11, 13)}${values.time.slice(14, 16)}Z`;
  const name = `${account}_CloudTrail_${region}_${stamp}_${prng.string(16, RAND_ALPHABET)}.json.gz`;
  return join(root, account, 'CloudTrail', region, yyyy, mm, dd, name);
}
