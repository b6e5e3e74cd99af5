/**
 * Turns real CloudTrail records into render-ready templates: the record is serialised once with slot markers where
 * the generator varies it (eventID, times, principal account/name/id/path, accounts elsewhere in the record), so
 * producing an event is string concatenation rather than clone + stringify.
 */

/** Values a template needs per generated event. */
export interface SlotValues {
  id: string;
  time: string;
  ctime: string;
  pacct: string;
  racct: string;
  name: string;
  pid: string;
  path: string;
}

/** Which synthetic pool re-keys a record's principal; `other` (root, services, service-linked roles) keeps its name. */
export type PrincipalKind = 'role' | 'user' | 'other';

/** A prepared record. */
export interface Template {
  readonly parts: readonly string[];
  readonly slots: readonly (keyof SlotValues)[];
  readonly region: string;
  readonly kind: PrincipalKind;
  /** Index of the original principal in its kind's list, -1 for `other`. */
  readonly original: number;
  readonly principalAccount: string;
  /** Original recipient account when it differs from the principal's (a cross-account call), else undefined. */
  readonly recipientAccount: string | undefined;
  /** Age of the session at event time, to keep `creationDate` before `eventTime`. */
  readonly sessionAgeMs: number;
}

/** Templates plus the distinct original principals they reference. */
export interface TemplateSet {
  readonly templates: Template[];
  readonly roles: string[];
  readonly users: string[];
  /** Path of each original principal, by kind and index. */
  readonly paths: { readonly role: string[]; readonly user: string[] };
  /** Records per original principal, by kind and index. */
  readonly counts: { readonly role: number[]; readonly user: number[] };
  readonly skipped: number;
}

const MARK = '~~iamlp:';
const slot = (name: keyof SlotValues) => `${MARK}${name}~~`;
const SLOT_PATTERN = /~~iamlp:(\w+)~~/;
const ROLE_ARN = /^arn:([\w-]+):iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/;
const USER_ARN = /^arn:([\w-]+):iam::(\d{12}):user(\/(?:.*\/)?)([^/]+)$/;
const MAX_SESSION_AGE_MS = 12 * 3600 * 1000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
// Only real 12-digit IDs are replaced: some records carry `ANONYMOUS_PRINCIPAL` or redacted values.
const accountId = (v: unknown): string | undefined =>
  typeof v === 'string' && /^\d{12}$/.test(v) ? v : undefined;

/** Prepares every CloudTrail-shaped value (EventBridge envelopes are unwrapped); other values are counted as skipped. */
export function prepareTemplates(values: Iterable<unknown>): TemplateSet {
  const set: TemplateSet = {
    templates: [],
    roles: [],
    users: [],
    paths: { role: [], user: [] },
    counts: { role: [], user: [] },
    skipped: 0,
  };
  const index = { role: new Map<string, number>(), user: new Map<string, number>() };
  for (const raw of values) {
    const event = isObject(raw) && isObject(raw.detail) && 'detail-type' in raw ? raw.detail : raw;
    if (!isObject(event) || !text(event.eventSource) || !text(event.eventName) || !text(event.eventTime)) {
      (set as { skipped: number }).skipped++;
      continue;
    }
    set.templates.push(prepare(structuredClone(event), set, index));
  }
  return set;
}

function prepare(
  event: Json,
  set: TemplateSet,
  index: Record<'role' | 'user', Map<string, number>>,
): Template {
  const identity = isObject(event.userIdentity) ? event.userIdentity : {};
  const rewritten = rewriteIdentity(identity);
  let original = -1;
  if (rewritten.kind !== 'other') {
    const seen = index[rewritten.kind];
    original = seen.get(rewritten.key) ?? seen.size;
    if (original === seen.size) {
      seen.set(rewritten.key, original);
      (rewritten.kind === 'role' ? set.roles : set.users).push(rewritten.key);
      set.paths[rewritten.kind].push(rewritten.path);
      set.counts[rewritten.kind].push(0);
    }
    set.counts[rewritten.kind][original] = (set.counts[rewritten.kind][original] ?? 0) + 1;
  }
  const eventTime = Date.parse(text(event.eventTime) ?? '');
  const attributes = isObject(identity.sessionContext) ? identity.sessionContext.attributes : undefined;
  let sessionAgeMs = 0;
  if (isObject(attributes) && text(attributes.creationDate) !== undefined) {
    const age = eventTime - Date.parse(text(attributes.creationDate) ?? '');
    sessionAgeMs = Number.isFinite(age) ? Math.min(Math.max(age, 0), MAX_SESSION_AGE_MS) : 0;
    attributes.creationDate = slot('ctime');
  }
  event.eventID = slot('id');
  event.eventTime = slot('time');
  const principalAccount =
    rewritten.account ?? accountId(identity.accountId) ?? accountId(event.recipientAccountId) ?? '';
  const recipient = accountId(event.recipientAccountId);
  let serialised = JSON.stringify(event);
  // Replace account IDs everywhere (resource ARNs, recipientAccountId, …) so the record stays self-consistent.
  if (principalAccount !== '') serialised = serialised.split(principalAccount).join(slot('pacct'));
  if (recipient !== undefined && recipient !== principalAccount)
    serialised = serialised.split(recipient).join(slot('racct'));
  const pieces = serialised.split(SLOT_PATTERN);
  return {
    parts: pieces.filter((_, i) => i % 2 === 0),
    slots: pieces.filter((_, i) => i % 2 === 1) as (keyof SlotValues)[],
    region: text(event.awsRegion) ?? 'us-east-1',
    kind: rewritten.kind,
    original,
    principalAccount,
    recipientAccount: recipient !== undefined && recipient !== principalAccount ? recipient : undefined,
    sessionAgeMs,
  };
}

interface Rewritten {
  readonly kind: PrincipalKind;
  readonly key: string;
  readonly path: string;
  readonly account: string | undefined;
}

/** Replaces the principal's account/name/id parts with slots, in place, and says which pool it draws from. */
function rewriteIdentity(identity: Json): Rewritten {
  const other: Rewritten = { kind: 'other', key: '', path: '', account: undefined };
  const context = isObject(identity.sessionContext) ? identity.sessionContext : undefined;
  const issuer = isObject(context?.sessionIssuer) ? context.sessionIssuer : undefined;
  if (identity.type === 'AssumedRole' && issuer !== undefined) {
    const match = ROLE_ARN.exec(text(issuer.arn) ?? '');
    const [, partition, account, path] = match ?? [];
    if (match === null || path === undefined || path.startsWith('/aws-service-role/')) return other;
    const session = (text(identity.arn) ?? '').split('/').slice(2).join('/') || 'session';
    identity.arn = `arn:${partition}:sts::${slot('pacct')}:assumed-role/${slot('name')}/${session}`;
    identity.principalId = `${slot('pid')}:${session}`;
    if ('accountId' in identity) identity.accountId = slot('pacct');
    issuer.arn = `arn:${partition}:iam::${slot('pacct')}:role${slot('path')}${slot('name')}`;
    issuer.principalId = slot('pid');
    issuer.accountId = slot('pacct');
    issuer.userName = slot('name');
    return { kind: 'role', key: match[0], path, account };
  }
  if (identity.type === 'IAMUser') {
    const match = USER_ARN.exec(text(identity.arn) ?? '');
    const [, partition, account, path] = match ?? [];
    if (match === null || path === undefined) return other;
    identity.arn = `arn:${partition}:iam::${slot('pacct')}:user${slot('path')}${slot('name')}`;
    identity.principalId = slot('pid');
    identity.userName = slot('name');
    if ('accountId' in identity) identity.accountId = slot('pacct');
    return { kind: 'user', key: match[0], path, account };
  }
  return other;
}

/** Renders a template with one event's values. */
export function renderTemplate(template: Template, values: SlotValues): string {
  const { parts, slots } = template;
  let out = parts[0] ?? '';
  for (let i = 0; i < slots.length; i++) out += values[slots[i] as keyof SlotValues] + (parts[i + 1] ?? '');
  return out;
}
