/**
 * The reference the analyzer is compared with: read every file, gunzip it and JSON.parse it, nothing else.
 * Prints `{ "ms": …, "records": …, "maxRssKb": … }`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

function* walk(directory: string): Generator<string> {
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith('.json.gz')) yield path;
  }
}

const began = performance.now();
let records = 0;
for (const file of walk(process.argv[2] ?? '.')) {
  const doc = JSON.parse(gunzipSync(readFileSync(file)).toString()) as { Records: unknown[] };
  records += doc.Records.length;
}
const ms = performance.now() - began;
process.stdout.write(`${JSON.stringify({ ms, records, maxRssKb: process.resourceUsage().maxRSS })}\n`);
