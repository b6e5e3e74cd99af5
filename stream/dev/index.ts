// Local mode: the whole streaming pipeline in one process, on loopback and in memory (`iamlp dev`, `npm start`).
// The stack file schema lives in ./stack-file.js, which `iamlp replay` imports directly: it must not load the
// emulators (development dependencies) just to read a file.
export { DEFAULT_DEV_LOOP_RATE, DEFAULT_DEV_RATE, type DevReplayOptions, paced } from './dev-replay.js';
export {
  DEV_RESOURCES,
  type DevAttachment,
  type DevPipeline,
  type DevStack,
  type DevStackOptions,
  LAMBDA_LIKE_MAPPING,
  startDevStack,
} from './dev-stack.js';
export type { DevReplayState, DevStats } from './dev-stats.js';
export { DEV_STACK_ERROR_CODES, DevStackError, type DevStackErrorCode } from './errors.js';
export { formatDevStatus, formatDevSummary } from './format-status.js';
export {
  DEV_STACK_PATH,
  type DevStackFile,
  DevStackTargetSchema,
  removeStackFile,
  writeStackFile,
} from './stack-file.js';
