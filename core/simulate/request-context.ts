import type { ContextValues } from '../evaluate/types.js';
import type { RecordedUsage } from './types.js';

/** Most context variants one usage row expands to; beyond that the row is evaluated for the first ones only. */
export const MAX_VARIANTS = 32;

/**
 * Context keys IAM sets from the principal itself: `aws:PrincipalArn`, `aws:PrincipalAccount`, and
 * `aws:username` for IAM users (the last part of the user's path).
 */
export function principalContext(principal: string): Record<string, string> {
  const parts = principal.split(':');
  const out: Record<string, string> = { 'aws:PrincipalArn': principal };
  const account = parts[4];
  if (account && /^\d{12}$/.test(account)) out['aws:PrincipalAccount'] = account;
  const resource = parts.slice(5).join(':');
  if (parts[2] === 'iam' && resource.startsWith('user/')) {
    out['aws:username'] = resource.split('/').at(-1) ?? '';
  }
  return out;
}

/** `aws:CurrentTime` and `aws:EpochTime` of the row's last call, so time-bound conditions see the call's time. */
function timeContext(lastSeen: string | undefined): Record<string, string> {
  const ms = lastSeen === undefined ? Number.NaN : Date.parse(lastSeen);
  if (Number.isNaN(ms)) return {};
  return { 'aws:CurrentTime': new Date(ms).toISOString(), 'aws:EpochTime': String(Math.floor(ms / 1000)) };
}

function choices(values: readonly string[] | undefined, alsoAbsent: boolean): (string | undefined)[] {
  const list: (string | undefined)[] = [...(values ?? [])];
  if (list.length === 0 || alsoAbsent) list.push(undefined);
  return list;
}

/**
 * The request contexts a usage row stands for, with the time of its last call: one per recorded region × calling service (`kms:ViaService`, KMS
 * only, plus "no service" when some calls were direct) × service the role was passed to (`iam:PassRole` only).
 * A row is allowed only when every variant is.
 */
export function rowContexts(row: RecordedUsage, base: ContextValues): ContextValues[] {
  const time = timeContext(row.lastSeen);
  const action = row.action.toLowerCase();
  const regions = choices(row.regions, false);
  const via = action.startsWith('kms:') ? choices(row.viaServices, row.direct !== false) : [undefined];
  const passed = action === 'iam:passrole' ? choices(row.passedTo, false) : [undefined];
  const out: ContextValues[] = [];
  for (const region of regions) {
    for (const service of via) {
      for (const target of passed) {
        if (out.length === MAX_VARIANTS) return out;
        out.push({
          ...base,
          ...time,
          ...(region ? { 'aws:RequestedRegion': region } : {}),
          ...(service ? { 'kms:ViaService': service } : {}),
          ...(target ? { 'iam:PassedToService': target } : {}),
        });
      }
    }
  }
  return out;
}
