import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Provider, SourceData } from '@smithy/types';

/** Where and how to fetch one S3 object. */
export interface S3DownloadTarget {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  /** `amazonaws.com`, or `amazonaws.com.cn` in the China partition. */
  readonly urlSuffix: string;
  readonly credentials: AwsCredentialIdentity | Provider<AwsCredentialIdentity>;
  /** Objects larger than this are refused (Lambda's /tmp is finite). */
  readonly maxBytes: number;
  /** Test seam: an `http://host:port` endpoint reached path-style instead of S3. */
  readonly endpoint?: string;
}

/** An S3 GetObject that failed; `status` is the HTTP status (0 when the object was too large). */
export class S3DownloadError extends Error {
  override readonly name = 'S3DownloadError';

  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Streams an S3 object to a local file with one SigV4-signed GetObject (the only S3 call the backfill makes, so
 * the project needs no S3 client); returns the bytes written.
 */
export async function downloadS3Object(target: S3DownloadTarget, file: string): Promise<number> {
  const url = objectUrl(target);
  const signer = new SignatureV4({
    service: 's3',
    region: target.region,
    credentials: target.credentials,
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  const signed = await signer.sign({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  });
  const response = await get(url, signed.headers);
  if (response.statusCode !== 200) {
    const body = (await readSome(response, 1024)).replace(/\s+/g, ' ');
    const code = /<Code>([^<]{1,64})<\/Code>/.exec(body)?.[1] ?? 'unknown';
    throw new S3DownloadError(
      `GetObject ${target.bucket}: HTTP ${response.statusCode} ${code}`,
      response.statusCode ?? 0,
    );
  }
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > target.maxBytes) done(new S3DownloadError(`object exceeds ${target.maxBytes} bytes`, 0));
      else done(null, chunk);
    },
  });
  await pipeline(response, limit, createWriteStream(file));
  return bytes;
}

/** Virtual-hosted style, or path style for bucket names with dots (their TLS names would not match). */
function objectUrl(target: S3DownloadTarget): URL {
  const path = target.key.split('/').map(encodeSegment).join('/');
  if (target.endpoint !== undefined) return new URL(`${target.endpoint}/${target.bucket}/${path}`);
  const host = `s3.${target.region}.${target.urlSuffix}`;
  return target.bucket.includes('.')
    ? new URL(`https://${host}/${target.bucket}/${path}`)
    : new URL(`https://${target.bucket}.${host}/${path}`);
}

/** RFC 3986 encoding, as S3's canonical request expects it. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function get(url: URL, headers: Record<string, string>): Promise<IncomingMessage> {
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers, timeout: 30_000 }, resolve);
    req.on('timeout', () => req.destroy(new S3DownloadError('GetObject timed out', 0)));
    req.on('error', reject);
    req.end();
  });
}

async function readSome(response: IncomingMessage, max: number): Promise<string> {
  let text = '';
  for await (const chunk of response) {
    if (text.length < max) text += String(chunk).slice(0, max - text.length);
  }
  return text;
}

/** SHA-256 (or HMAC-SHA-256 with a secret) for the signer, from node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;

  private readonly secret: string | Uint8Array | undefined;

  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : binary(secret);
    this.hash = this.fresh();
  }

  update(data: SourceData): void {
    this.hash.update(binary(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

function binary(data: SourceData): string | Uint8Array {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
