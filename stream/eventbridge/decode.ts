/** Largest Kinesis record data blob (1 MiB, before base64). */
export const MAX_KINESIS_RECORD_BYTES = 1024 * 1024;

/** Closed list of reasons a Kinesis record's data is not an event. */
export const DECODE_ERROR_CODES = ['INVALID_BASE64', 'INVALID_JSON', 'TOO_LARGE'] as const;

/** Machine-readable reason of an undecodable record. */
export type DecodeErrorCode = (typeof DECODE_ERROR_CODES)[number];

/** Outcome of decoding one Kinesis record: a JSON value, or why not (the reason never quotes the data). */
export type DecodeResult =
  | { readonly kind: 'event'; readonly event: unknown }
  | { readonly kind: 'invalid'; readonly code: DecodeErrorCode; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a Kinesis record's data (raw bytes, or base64 text as in a Lambda Kinesis event) into a JSON value,
 * rejecting data over `maxBytes` before parsing it.
 */
export function decodeKinesisData(
  data: Uint8Array | string,
  maxBytes: number = MAX_KINESIS_RECORD_BYTES,
): DecodeResult {
  let bytes: Uint8Array;
  if (typeof data === 'string') {
    if (data.length > Math.ceil(maxBytes / 3) * 4) return tooLarge(maxBytes);
    const decoded = strictBase64(data);
    if (decoded === undefined) return invalid('INVALID_BASE64', 'record data is not valid base64');
    bytes = decoded;
  } else {
    bytes = data;
  }
  if (bytes.byteLength > maxBytes) return tooLarge(maxBytes);
  return parseJson(bytes);
}

/**
 * Decodes standard base64, or undefined when the text is not exactly that. Node's decoder skips characters outside
 * the alphabet and stops at padding, so any such character leaves fewer bytes than the text's length promises: one
 * native decode and a length check replace a regular expression over every record (a hot path). The bytes land in
 * a scratch buffer reused by every call (they are turned into text at once), which spares the garbage collector a
 * buffer per record; the view returned is valid until the next call.
 */
function strictBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || text.includes('-') || text.includes('_')) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const expected = (text.length / 4) * 3 - padding;
  if (scratch.length < expected) scratch = Buffer.allocUnsafe(Math.max(expected, scratch.length * 2));
  const written = scratch.write(text, 0, expected, 'base64');
  return written === expected ? scratch.subarray(0, written) : undefined;
}

let scratch = Buffer.allocUnsafe(64 * 1024);

function parseJson(bytes: Uint8Array): DecodeResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return invalid('INVALID_JSON', 'record data is not UTF-8 text');
  }
  try {
    return { kind: 'event', event: JSON.parse(text) };
  } catch {
    return invalid('INVALID_JSON', 'record data is not valid JSON');
  }
}

function tooLarge(maxBytes: number): DecodeResult {
  return invalid('TOO_LARGE', `record data is larger than ${maxBytes} bytes`);
}

function invalid(code: DecodeErrorCode, reason: string): DecodeResult {
  return { kind: 'invalid', code, reason };
}
