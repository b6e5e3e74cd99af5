/**
 * CloudTrail input for the CLI: files, directories and stdin read as batches of raw JSON values (validated later by
 * the core). Formats: CloudTrail log files (`{"Records":[…]}`, `.json`/`.json.gz`), JSON Lines (`.jsonl`/`.ndjson`,
 * gzipped too), a single event or EventBridge envelope, a JSON array of events; gzip is recognised by magic bytes.
 */
export { INPUT_ERROR_CODES, InputError, type InputErrorCode, type InputProblem } from './errors.js';
export { listInputFiles } from './list-input-files.js';
export { readRecords } from './read-records.js';
export { readWholeFile, type WholeFile } from './read-source.js';
export { DEFAULT_TUNING, type RawRecord, type ReadRecordsOptions } from './types.js';
