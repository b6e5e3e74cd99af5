#!/usr/bin/env node
import { CliError, EXIT } from './errors.js';
import { main, reportError } from './main.js';
import { writeFailureReason } from './output.js';

// The AWS SDK warns that Node 20 support ends in 2027; iamlp supports Node 20 until then, and the warning would
// land in the middle of command output. The SDK's own switch turns it off; every other warning still prints.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that stops early (`iamlp generate --all | head`) closes the pipe: stop quietly, as Unix tools do on
// SIGPIPE, instead of crashing on the unhandled write error. Any other stdout failure is one line, like every error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.PIPE_CLOSED);
  process.exit(
    reportError(new CliError('WRITE_FAILED', `stdout: cannot write (${writeFailureReason(error)})`)),
  );
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
