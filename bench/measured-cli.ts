/**
 * Runs one `iamlp` command in this process and prints its wall time and peak RSS as JSON on fd 3, so the
 * benchmark measures exactly the CLI users run (startup included).
 */
import { writeSync } from 'node:fs';
import { main, reportError } from '../cli/main.js';

const began = performance.now();
let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  code = reportError(error);
}
const ms = performance.now() - began;
writeSync(3, `${JSON.stringify({ ms, code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
