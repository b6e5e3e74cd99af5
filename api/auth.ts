import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/**
 * How data routes are protected. `token`: a bearer token (local mode: generated at start, printed with the URL).
 * `iam`: API Gateway has already checked a SigV4 signature (deployed), so the app does not.
 */
export type ApiAuth = { readonly kind: 'token'; readonly token: string } | { readonly kind: 'iam' };

/** A random bearer token: 32 bytes, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Middleware that rejects requests without the credentials `auth` requires, with a 401. */
export function requireAuth(auth: ApiAuth): MiddlewareHandler {
  if (auth.kind === 'iam') return async (_c, next) => next();
  const expected = digest(auth.token);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(header);
    // Digests compare in constant time whatever the presented token's length.
    if (!match || !timingSafeEqual(digest(match[1] as string), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="iamlp"');
      throw new ApiError('UNAUTHORIZED', 'missing or invalid bearer token');
    }
    await next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
