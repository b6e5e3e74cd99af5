import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The compiled CLI; test/global-setup.ts builds it before the suite. */
const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

/** Output of one CLI run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built iamlp CLI in a child process, as a user would, optionally feeding stdin. `closeStdout` closes the
 * reading end of its stdout at once, as `| head` does once it has read enough.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; stdin?: Buffer | string; closeStdout?: boolean } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, IAMLP_DEBUG: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (options.closeStdout) child.stdout.destroy();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
