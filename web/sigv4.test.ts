import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from '../test/helpers/web-stub-server.js';
import { checkCredentials, parseCredentials } from './src/auth.js';
import { parseConfig } from './src/config.js';
import { type AwsCredentials, canonicalPath, canonicalQuery, signRequest, uriEncode } from './src/sigv4.js';

/**
 * The browser's SigV4 signer (WebCrypto) against the AWS SDK's own (`@smithy/signature-v4`, service execute-api)
 * and a published AWS test vector; plus the credential formats the sign-in page accepts and config.json's `auth`.
 */

const LONG_TERM: AwsCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const TEMPORARY: AwsCredentials = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQD+example/token==',
};
const DATE = new Date('2026-11-28T06:52:02.123Z');
const API = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
const ARN = 'arn:aws:sts::123456789012:assumed-role/Admin+Ops/alice@example.com';

/** Signs with `@smithy/signature-v4` exactly as the AWS SDK would for API Gateway. */
async function sdkSign(
  method: string,
  url: string,
  credentials: AwsCredentials,
  body?: string,
): Promise<Record<string, string>> {
  const parsed = new URL(url);
  const signer = new SignatureV4({
    credentials,
    region: 'eu-west-1',
    service: 'execute-api',
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method,
      protocol: parsed.protocol,
      hostname: parsed.hostname,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: { host: parsed.host },
      ...(body === undefined ? {} : { body }),
    },
    { signingDate: DATE },
  );
  return signed.headers;
}

const REQUESTS: { name: string; method: string; url: string; body?: string }[] = [
  { name: 'GET without a query', method: 'GET', url: `${API}/stats` },
  {
    name: 'GET with a query (unsorted, spaces, reserved characters)',
    method: 'GET',
    url: `${API}/principals?sort=events&q=${encodeURIComponent("admin role (it's *)")}&type=role&limit=50`,
  },
  {
    name: 'GET with a percent-encoded ARN in the path',
    method: 'GET',
    url: `${API}/principals/${uriEncode(ARN)}/usage?limit=50&cursor=${encodeURIComponent('eyJrIjoiYSJ9+/=')}`,
  },
  {
    name: 'GET with an ARN in the query',
    method: 'GET',
    url: `${API}/drift?principal=${encodeURIComponent(ARN)}`,
  },
  {
    name: 'GET under a stage path prefix',
    method: 'GET',
    url: `${API}/prod/principals/${uriEncode(ARN)}/timeline`,
  },
  {
    name: 'POST /simulate with a JSON body',
    method: 'POST',
    url: `${API}/simulate`,
    body: JSON.stringify({ principal: ARN }),
  },
];

describe('SigV4 signer (WebCrypto) against @smithy/signature-v4 for execute-api', () => {
  for (const request of REQUESTS) {
    for (const [kind, credentials] of [
      ['long-term', LONG_TERM],
      ['temporary', TEMPORARY],
    ] as const) {
      it(`${request.name}, ${kind} credentials`, async () => {
        const ours = await signRequest({
          method: request.method,
          url: request.url,
          credentials,
          region: 'eu-west-1',
          service: 'execute-api',
          date: DATE,
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        const sdk = await sdkSign(request.method, request.url, credentials, request.body);

        expect(ours.headers.authorization).toBe(sdk.authorization);
        expect(ours.headers['x-amz-date']).toBe(sdk['x-amz-date']);
        expect(ours.headers['x-amz-content-sha256']).toBe(sdk['x-amz-content-sha256']);
        expect(ours.headers['x-amz-security-token']).toBe(sdk['x-amz-security-token']);
        expect(ours.headers.authorization).toContain(
          kind === 'temporary'
            ? 'SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,'
            : 'SignedHeaders=host;x-amz-content-sha256;x-amz-date,',
        );
        // What is sent is what was signed: same path, the query in canonical form.
        const sent = new URL(ours.url);
        const original = new URL(request.url);
        expect(sent.pathname).toBe(original.pathname);
        expect(sent.search.replace(/^\?/, '')).toBe(canonicalQuery(original.searchParams));
        expect(Object.fromEntries(sent.searchParams)).toEqual(Object.fromEntries(original.searchParams));
      });
    }
  }

  it('encodes each path segment once more than sent (the ARN double-encoded), as API Gateway checks it', () => {
    expect(canonicalPath(`/principals/${uriEncode('arn:aws:iam::1:user/a b')}/usage`)).toBe(
      '/principals/arn%253Aaws%253Aiam%253A%253A1%253Auser%252Fa%2520b/usage',
    );
    expect(canonicalPath('/')).toBe('/');
    expect(canonicalPath('/a/./b/../c/')).toBe('/a/c/');
  });

  it('sorts and RFC 3986-encodes the query', () => {
    const params = new URLSearchParams('b=2&a=x+y&a=%21&c=%27*%27');
    expect(canonicalQuery(params)).toBe('a=%21&a=x%20y&b=2&c=%27%2A%27');
  });
});

describe('published AWS SigV4 test vectors', () => {
  const vector = {
    credentials: {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    },
    region: 'us-east-1',
    service: 'service',
    date: new Date('2015-08-30T12:36:00Z'),
    contentSha256: false,
  };

  it('get-vanilla', async () => {
    const signed = await signRequest({ ...vector, method: 'GET', url: 'https://example.amazonaws.com/' });
    expect(signed.headers['x-amz-date']).toBe('20150830T123600Z');
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        'SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('get-vanilla-query-order-key-case', async () => {
    const signed = await signRequest({
      ...vector,
      method: 'GET',
      url: 'https://example.amazonaws.com/?Param2=value2&Param1=value1',
    });
    expect(signed.headers.authorization).toMatch(
      /Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500$/,
    );
    expect(signed.url).toBe('https://example.amazonaws.com/?Param1=value1&Param2=value2');
  });
});

describe('credentials the sign-in page accepts', () => {
  const now = Date.parse('2026-11-28T07:00:00Z');
  const expected = {
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    sessionToken: 'IQoJb3JpZ2luX2VjEJr//token==',
    expiration: '2026-11-28T19:00:00.000Z',
  };
  const fields = {
    AccessKeyId: expected.accessKeyId,
    SecretAccessKey: expected.secretAccessKey,
    SessionToken: expected.sessionToken,
    Expiration: '2026-11-28T19:00:00+00:00',
  };

  it('reads `aws configure export-credentials --format process`', () => {
    const pasted = JSON.stringify({ Version: 1, ...fields }, null, 4);
    expect(parseCredentials(pasted, now)).toEqual({ ok: true, credentials: expected });
  });

  it('reads `aws sts get-session-token` and `aws sts assume-role` output', () => {
    expect(parseCredentials(JSON.stringify({ Credentials: fields }), now)).toEqual({
      ok: true,
      credentials: expected,
    });
    const assumed = { Credentials: fields, AssumedRoleUser: { Arn: ARN, AssumedRoleId: 'AROA:alice' } };
    expect(parseCredentials(JSON.stringify(assumed), now)).toEqual({ ok: true, credentials: expected });
  });

  it('reads `--format env` lines', () => {
    const pasted = [
      `export AWS_ACCESS_KEY_ID=${expected.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${expected.secretAccessKey}`,
      `export AWS_SESSION_TOKEN=${expected.sessionToken}`,
      'export AWS_CREDENTIAL_EXPIRATION=2026-11-28T19:00:00+00:00',
    ].join('\n');
    expect(parseCredentials(pasted, now)).toEqual({ ok: true, credentials: expected });
  });

  it('accepts long-term keys without a session token and typed fields', () => {
    expect(checkCredentials({ AccessKeyId: LONG_TERM.accessKeyId, SecretAccessKey: ' x/y ' }, now)).toEqual({
      ok: true,
      credentials: { accessKeyId: LONG_TERM.accessKeyId, secretAccessKey: 'x/y' },
    });
  });

  it('refuses incomplete, malformed and expired credentials with a reason', () => {
    const refused = (pasted: string): string => {
      const result = parseCredentials(pasted, now);
      return result.ok ? 'accepted' : result.message;
    };
    expect(refused('{"AccessKeyId": "ASIA')).toMatch(/not valid JSON/);
    expect(refused('hello')).toMatch(/Paste the JSON/);
    expect(refused(JSON.stringify({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }))).toMatch(/secret access key/);
    expect(refused(JSON.stringify({ ...fields, SessionToken: undefined }))).toMatch(/session token/);
    expect(refused(JSON.stringify({ ...fields, AccessKeyId: 'not-a-key' }))).toMatch(/access key ID/);
    expect(refused(JSON.stringify({ ...fields, Expiration: 'soon' }))).toMatch(/not a date/);
    expect(refused(JSON.stringify({ ...fields, Expiration: '2026-11-28T06:00:00Z' }))).toMatch(
      /expired at 2026-11-28 06:00 UTC/,
    );
  });
});

describe('config.json auth settings', () => {
  it('defaults to bearer auth and keeps today’s config valid', () => {
    expect(parseConfig({ apiBaseUrl: '' })).toEqual({
      kind: 'ok',
      config: { apiBaseUrl: '', auth: 'bearer', region: '', pollIntervalMs: 3000 },
    });
  });

  it('reads sigv4 with its region, or the region of an execute-api URL', () => {
    expect(parseConfig({ apiBaseUrl: `${API}/`, auth: 'sigv4', region: 'eu-west-1' })).toEqual({
      kind: 'ok',
      config: { apiBaseUrl: API, auth: 'sigv4', region: 'eu-west-1', pollIntervalMs: 3000 },
    });
    const derived = parseConfig({ apiBaseUrl: API, auth: 'sigv4' });
    expect(derived.kind === 'ok' && derived.config.region).toBe('eu-west-1');
  });

  it('names what is malformed', () => {
    const message = (raw: unknown): string => {
      const result = parseConfig(raw);
      return result.kind === 'invalid' ? result.message : 'valid';
    };
    expect(message({ auth: 'iam' })).toMatch(/auth must be/);
    expect(message({ auth: 'sigv4', region: 'Ireland' })).toMatch(/region must be/);
    expect(message({ apiBaseUrl: 'https://api.example.com', auth: 'sigv4' })).toMatch(
      /needs the API's region/,
    );
    expect(message([])).toMatch(/not an object/);
  });
});
