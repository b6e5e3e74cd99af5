/**
 * Builds the web UI into dist/web with esbuild: minified app.js and app.css, index.html with its
 * Content-Security-Policy, config.json and the icon. Prints each file's gzipped size and fails (exit 1) when the
 * total exceeds the 100 KB budget. Run: `npx tsx web/build.ts [--out dir] [--api-origin https://api.example.com]`.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const webDir = import.meta.dirname;
const root = resolve(webDir, '..');

/** The transfer budget for everything in dist/web, gzipped. */
export const BUDGET_BYTES = 100 * 1024;

/** Options of one build. */
export interface BuildOptions {
  /** Output directory (default dist/web). */
  outDir?: string;
  /** An API origin on another host, added to the CSP's connect-src (`'self'` is always allowed). */
  apiOrigin?: string;
}

/** Size of one output file. */
export interface BuiltFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

/** What a build produced. */
export interface BuildReport {
  outDir: string;
  files: BuiltFile[];
  totalGzipBytes: number;
  withinBudget: boolean;
}

/** Builds the Content-Security-Policy: scripts and styles only from the page's own origin, no inline code. */
export function contentSecurityPolicy(apiOrigin?: string): string {
  // Without a known API origin the page may connect to any HTTPS origin: the servers that serve it send a stricter
  // policy as a header (the local API: 'self'; CloudFront: API Gateway origins of its region), and a browser
  // enforces both, so the header decides while a UI built once still works against an API deployed later.
  let connect = "'self' https:";
  if (apiOrigin !== undefined && apiOrigin !== '') {
    const url = new URL(apiOrigin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new Error('apiOrigin must be an http(s) URL');
    connect = `'self' ${url.origin}`;
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Builds the UI into `outDir` and measures it. */
export async function buildWeb(options: BuildOptions = {}): Promise<BuildReport> {
  const outDir = resolve(options.outDir ?? join(root, 'dist', 'web'));
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const common = { bundle: true, minify: true, legalComments: 'none', logLevel: 'warning' } as const;
  await build({
    ...common,
    entryPoints: [join(webDir, 'src', 'main.ts')],
    outfile: join(outDir, 'app.js'),
    format: 'esm',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    tsconfig: join(webDir, 'tsconfig.json'),
  });
  await build({
    ...common,
    entryPoints: [join(webDir, 'styles', 'app.css')],
    outfile: join(outDir, 'app.css'),
  });
  const html = await readFile(join(webDir, 'index.html'), 'utf8');
  await writeFile(
    join(outDir, 'index.html'),
    html.replace('%CSP%', contentSecurityPolicy(options.apiOrigin)),
  );
  await copyFile(join(webDir, 'config.json'), join(outDir, 'config.json'));
  await copyFile(join(webDir, 'favicon.svg'), join(outDir, 'favicon.svg'));
  const files: BuiltFile[] = [];
  for (const name of ['index.html', 'app.js', 'app.css', 'config.json', 'favicon.svg']) {
    const content = await readFile(join(outDir, name));
    files.push({ name, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
  }
  const totalGzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  return { outDir, files, totalGzipBytes, withinBudget: totalGzipBytes <= BUDGET_BYTES };
}

/** Formats a build report as a small table. */
export function formatReport(report: BuildReport): string {
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const lines = report.files.map(
    (file) => `  ${file.name.padEnd(12)} ${kb(file.bytes).padStart(9)}  ${kb(file.gzipBytes).padStart(9)} gz`,
  );
  const verdict = report.withinBudget ? 'within' : 'OVER';
  lines.push(
    `  ${'total'.padEnd(12)} ${' '.repeat(9)}  ${kb(report.totalGzipBytes).padStart(9)} gz (${verdict} the ${kb(BUDGET_BYTES)} budget)`,
  );
  return [`web UI → ${relative(process.cwd(), report.outDir) || '.'}`, ...lines].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'api-origin': { type: 'string' } } });
  const options: BuildOptions = {};
  if (values.out !== undefined) options.outDir = values.out;
  const apiOrigin = values['api-origin'] ?? process.env.IAMLP_API_ORIGIN;
  if (apiOrigin !== undefined) options.apiOrigin = apiOrigin;
  const report = await buildWeb(options);
  // Diagnostics on stderr: `npm start` keeps stdout for the dashboard URL.
  process.stderr.write(`${formatReport(report)}\n`);
  if (!report.withinBudget) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
