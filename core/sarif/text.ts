/** Longest record-derived value placed in a message; CloudTrail fields can carry megabytes. */
const MAX_VALUE_LENGTH = 256;

/**
 * Makes a record-derived value safe for a SARIF plain-text message: drops control characters, bounds the length
 * and escapes `\`, `[` and `]`, which SARIF viewers otherwise read as embedded links (SARIF §3.11.6).
 */
export function plainText(value: string): string {
  return boundedValue(value).replace(/[\\[\]]/g, '\\$&');
}

/** Drops control characters and bounds the length of a record-derived identifier (ARN, action, name). */
export function boundedValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > MAX_VALUE_LENGTH ? `${clean.slice(0, MAX_VALUE_LENGTH)}…` : clean;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/**
 * FNV-1a 64-bit hash of the parts (NUL-separated, UTF-8) as 16 hex digits: small, pure and stable across runs
 * and platforms, which is all a SARIF fingerprint needs (it is not a security boundary).
 */
export function fingerprint(...parts: readonly string[]): string {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(parts.join('\u0000'))) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Escapes every CommonMark punctuation that can start markup, so text renders literally in Markdown fields. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~"&]/g, '\\$&');
}
