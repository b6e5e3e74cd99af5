import type { IAMClient } from '@aws-sdk/client-iam';
import type { GrantedPermissions } from '../../core/granted/index.js';
import type { GrantedSource } from './granted-source.js';
import { fetchGrantedPermissions, type IamPrincipalRef } from './iam-fetch.js';
import { SingleFlightCache } from './single-flight-cache.js';

/** Options of an {@link IamGrantedSource}. */
export interface IamGrantedSourceOptions {
  readonly client: IAMClient;
  /** How long an answer (including "no such principal") is reused; default 5 minutes. */
  readonly ttlMs?: number;
  /** Epoch-ms clock; default `Date.now`. */
  readonly now?: () => number;
  /** Principals cached at most; default 1,000. */
  readonly maxEntries?: number;
  /** IAM calls in flight per principal fetch; default 4, which stays well below IAM's request rate limits. */
  readonly concurrency?: number;
}

/** Default time an IAM answer is reused. */
export const DEFAULT_GRANTED_TTL_MS = 5 * 60_000;

/** `arn:<partition>:iam::<account>:role|user/<path><name>`; the name is the last path segment. */
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/(?:[^/]*\/)*([\w+=,.@-]{1,128})$/;

/**
 * Granted permissions read live from IAM (GetRole/GetUser, their inline, attached and group policies, and the
 * permissions boundary), cached per principal for a TTL; concurrent requests for one principal share one fetch.
 * ARNs that are not IAM role or user ARNs are answered with undefined without calling IAM.
 */
export class IamGrantedSource implements GrantedSource {
  readonly #client: IAMClient;
  readonly #now: () => number;
  readonly #concurrency: number;
  readonly #cache: SingleFlightCache<GrantedPermissions | undefined>;

  constructor(options: IamGrantedSourceOptions) {
    this.#client = options.client;
    this.#now = options.now ?? Date.now;
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    this.#cache = new SingleFlightCache({
      ttlMs: options.ttlMs ?? DEFAULT_GRANTED_TTL_MS,
      now: this.#now,
      maxEntries: options.maxEntries ?? 1000,
    });
  }

  /** The principal's permissions as IAM reports them now (or within the TTL); undefined when IAM lacks it. */
  grantedFor(principalArn: string): Promise<GrantedPermissions | undefined> {
    const ref = principalRef(principalArn);
    if (ref === undefined) return Promise.resolve(undefined);
    return this.#cache.get(principalArn, () =>
      fetchGrantedPermissions(this.#client, ref, this.#now(), this.#concurrency),
    );
  }
}

function principalRef(arn: string): IamPrincipalRef | undefined {
  const match = PRINCIPAL_ARN.exec(arn);
  const [, kind, name] = match ?? [];
  if ((kind !== 'role' && kind !== 'user') || name === undefined) return undefined;
  return { kind, name, arn };
}
