/** Writes one structured JSON log line to stdout, which Lambda forwards to CloudWatch Logs. */
export function logLine(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
