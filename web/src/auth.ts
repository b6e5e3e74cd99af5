/**
 * Sign-in material. Locally, the bearer token: `npm start` prints `http://127.0.0.1:<port>/#token=<token>`; the token moves from the fragment
 * into sessionStorage at load and is removed from the address bar so it does not end up in history or screenshots.
 * Deployed with IAM authorization, AWS credentials the user pastes, also kept in sessionStorage only.
 */
import type { RequestAuth } from './api.js';
import { type SignInput, signRequest } from './sigv4.js';

const STORAGE_KEY = 'iamlp.token';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Moves a `token=` parameter from the URL fragment into sessionStorage; returns true when one was found. */
export function captureTokenFromFragment(): boolean {
  const fragment = window.location.hash.replace(/^#/, '');
  const parts = fragment.split('&');
  const tokenPart = parts.find((part) => part.startsWith('token='));
  if (tokenPart === undefined) return false;
  const token = decodeURIComponent(tokenPart.slice('token='.length));
  if (token !== '') storage()?.setItem(STORAGE_KEY, token);
  const rest = parts.filter((part) => !part.startsWith('token=')).join('&');
  const route = rest.startsWith('/') ? `#${rest}` : '#/';
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${route}`);
  return true;
}

/** Returns the stored token, or null when the page was opened without one. */
export function readToken(): string | null {
  return storage()?.getItem(STORAGE_KEY) ?? null;
}

/**
 * AWS credentials for a deployment whose API uses IAM authorization (config `auth: "sigv4"`): pasted by the user,
 * kept in sessionStorage (this tab only, never localStorage), used to sign each request in the browser.
 */
export interface StoredCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials stop working (ISO 8601), if known. */
  expiration?: string;
}

/** The outcome of reading pasted or typed credentials. */
export type CredentialsParse = { ok: true; credentials: StoredCredentials } | { ok: false; message: string };

const CREDENTIALS_KEY = 'iamlp.aws-credentials';
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Validates the fields of a credentials object (names as the AWS CLI prints them, or in camelCase). */
export function checkCredentials(
  fields: Record<string, unknown>,
  now: number = Date.now(),
): CredentialsParse {
  const accessKeyId = text(fields.AccessKeyId ?? fields.accessKeyId);
  const secretAccessKey = text(fields.SecretAccessKey ?? fields.secretAccessKey);
  const sessionToken = text(fields.SessionToken ?? fields.sessionToken);
  const expiration = text(fields.Expiration ?? fields.expiration);
  if (accessKeyId === undefined || secretAccessKey === undefined)
    return { ok: false, message: 'Both the access key ID and the secret access key are needed.' };
  if (!ACCESS_KEY_ID.test(accessKeyId))
    return {
      ok: false,
      message: 'The access key ID should look like ASIA… or AKIA… (capital letters and digits).',
    };
  if (/\s/.test(secretAccessKey) || (sessionToken !== undefined && /\s/.test(sessionToken)))
    return { ok: false, message: 'The secret access key and the session token cannot contain spaces.' };
  if (accessKeyId.startsWith('ASIA') && sessionToken === undefined)
    return {
      ok: false,
      message:
        'Access keys starting with ASIA are temporary: the session token that came with them is needed too.',
    };
  const credentials: StoredCredentials = { accessKeyId, secretAccessKey };
  if (sessionToken !== undefined) credentials.sessionToken = sessionToken;
  if (expiration !== undefined) {
    const time = Date.parse(expiration);
    if (Number.isNaN(time)) return { ok: false, message: `Expiration "${expiration}" is not a date.` };
    if (time <= now)
      return { ok: false, message: `These credentials expired at ${formatExpiry(time)}: create new ones.` };
    credentials.expiration = new Date(time).toISOString();
  }
  return { ok: true, credentials };
}

/**
 * Reads pasted credentials: the JSON of `aws configure export-credentials --format process`, the output of
 * `aws sts get-session-token` / `assume-role` (or its `Credentials` object), or `AWS_ACCESS_KEY_ID=…` lines
 * (`--format env`).
 */
export function parseCredentials(pasted: string, now: number = Date.now()): CredentialsParse {
  const input = pasted.trim();
  if (input.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      return { ok: false, message: 'The pasted text starts like JSON but is not valid JSON.' };
    }
    if (typeof parsed !== 'object' || parsed === null)
      return { ok: false, message: 'Expected a JSON object.' };
    const outer = parsed as Record<string, unknown>;
    const inner = outer.Credentials;
    return checkCredentials(
      typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : outer,
      now,
    );
  }
  const variable = (name: string): string | undefined =>
    new RegExp(`${name}\\s*=\\s*["']?([^"'\\s]+)`).exec(input)?.[1];
  if (variable('AWS_ACCESS_KEY_ID') === undefined)
    return {
      ok: false,
      message: 'Paste the JSON printed by the AWS CLI (it starts with "{"), or fill in the fields below.',
    };
  return checkCredentials(
    {
      AccessKeyId: variable('AWS_ACCESS_KEY_ID'),
      SecretAccessKey: variable('AWS_SECRET_ACCESS_KEY'),
      SessionToken: variable('AWS_SESSION_TOKEN'),
      Expiration: variable('AWS_CREDENTIAL_EXPIRATION'),
    },
    now,
  );
}

/** Formats an expiry time as `2026-11-28 14:03 UTC`. */
export function formatExpiry(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Why the user is asked to sign in again. */
export interface SignInNotice {
  title: string;
  message: string;
}

/** The signed-in AWS credentials of this tab, and why they were dropped. */
export class AwsSession {
  /** Set when credentials were dropped (expired or refused); the sign-in page shows it once. */
  notice: SignInNotice | null = null;

  /** The stored credentials, or null when signed out (or the stored value is unreadable). */
  get credentials(): StoredCredentials | null {
    const raw = storage()?.getItem(CREDENTIALS_KEY);
    if (raw === null || raw === undefined) return null;
    try {
      const checked = checkCredentials(JSON.parse(raw) as Record<string, unknown>, 0);
      return checked.ok ? checked.credentials : null;
    } catch {
      return null;
    }
  }

  /** True once the known expiration has passed. */
  expired(credentials: StoredCredentials, now: number = Date.now()): boolean {
    return credentials.expiration !== undefined && Date.parse(credentials.expiration) <= now;
  }

  signIn(credentials: StoredCredentials): void {
    storage()?.setItem(CREDENTIALS_KEY, JSON.stringify(credentials));
    this.notice = null;
  }

  signOut(notice: SignInNotice | null = null): void {
    storage()?.removeItem(CREDENTIALS_KEY);
    this.notice = notice;
  }
}

/**
 * SigV4 auth for API Gateway: signs every request with the session's credentials; none, or expired ones, mean the
 * sign-in page (nothing is sent), and so does any 401 or 403, API Gateway's answer to expired, invalid or
 * insufficient credentials.
 */
export function sigv4Auth(session: AwsSession, region: string): RequestAuth {
  return {
    async authorize(method, url, body) {
      const credentials = session.credentials;
      if (credentials === null) return null;
      if (session.expired(credentials)) {
        const at = formatExpiry(Date.parse(credentials.expiration ?? ''));
        session.signOut({
          title: 'Your AWS credentials have expired',
          message: `They expired at ${at}. Paste new temporary credentials to continue.`,
        });
        return null;
      }
      const input: SignInput = { method, url, credentials, region, service: 'execute-api' };
      if (body !== undefined) input.body = body;
      return signRequest(input);
    },
    refused(status, message) {
      if (status !== 401 && status !== 403) return false;
      const expired = /expired/i.test(message);
      session.signOut({
        title: expired ? 'Your AWS credentials have expired' : 'The API refused these credentials',
        message: expired
          ? `The API answered ${status}: "${message}". Paste new temporary credentials to continue.`
          : `The API answered ${status}: "${message}". Check that the credentials are current, that this computer's clock is right, and that they are allowed execute-api:Invoke on this API.`,
      });
      return true;
    },
  };
}
