#!/usr/bin/env node
import { main, reportError } from './main.js';

// The AWS SDK warns that Node 20 support ends in 2027; iamlp supports Node 20 until then, and the warning would
// land in the middle of command output. The SDK's own switch turns it off; every other warning still prints.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
