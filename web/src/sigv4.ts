/**
 * AWS Signature Version 4 for API Gateway (service `execute-api`) with WebCrypto: no SDK in the bundle. Follows the
 * AWS rules as `@smithy/signature-v4` applies them with `uriEscapePath` (every service but S3): the canonical URI is
 * the path as sent with each segment URI-encoded once more, the canonical query is sorted and RFC 3986-encoded, and
 * the signed headers are host, x-amz-content-sha256 (the payload hash), x-amz-date and x-amz-security-token.
 */

/** Credentials to sign with; `sessionToken` is present for temporary credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One request to sign. */
export interface SignInput {
  method: string;
  url: string;
  body?: string;
  credentials: AwsCredentials;
  region: string;
  service: string;
  /** Signing time (default now). */
  date?: Date;
  /** Sends and signs `x-amz-content-sha256` (default true, as the AWS SDKs do). */
  contentSha256?: boolean;
}

/** What to send: the URL (its query rewritten to the signed, canonical form) and the headers to add. */
export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
}

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key: BufferSource, text: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(text));
}

/** RFC 3986 encoding: everything but unreserved characters (A-Z a-z 0-9 - _ . ~) as %XX. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The canonical URI: dot segments resolved, empty segments dropped, each segment (as sent) encoded once more. */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

/** The canonical query string: RFC 3986-encoded pairs sorted by name, then value. */
export function canonicalQuery(params: URLSearchParams): string {
  return [...params]
    .map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`)
    .sort((a, b) => {
      const [nameA = '', valueA = ''] = a.split('=');
      const [nameB = '', valueB = ''] = b.split('=');
      if (nameA !== nameB) return nameA < nameB ? -1 : 1;
      return valueA < valueB ? -1 : valueA > valueB ? 1 : 0;
    })
    .join('&');
}

/** Signs a request; the browser sends `Host` itself, so it is signed but not returned. */
export async function signRequest(input: SignInput): Promise<SignedRequest> {
  const url = new URL(input.url);
  const query = canonicalQuery(url.searchParams);
  // Sent exactly as signed: no `+` for spaces or other encoding a server could read differently.
  url.search = query;
  const amzDate = (input.date ?? new Date()).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = await sha256Hex(input.body ?? '');
  const headers: Record<string, string> = { host: url.host, 'x-amz-date': amzDate };
  if (input.contentSha256 !== false) headers['x-amz-content-sha256'] = payloadHash;
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  if (sessionToken !== undefined && sessionToken !== '') headers['x-amz-security-token'] = sessionToken;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath(url.pathname),
    query,
    ...names.map((name) => `${name}:${headers[name]?.trim()}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonicalRequest)].join('\n');
  let key: BufferSource = encoder.encode(`AWS4${secretAccessKey}`);
  for (const part of [day, input.region, input.service, 'aws4_request']) key = await hmac(key, part);
  const signature = hex(await hmac(key, stringToSign));
  delete headers.host;
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { url: url.toString(), headers };
}
