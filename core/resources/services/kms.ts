import {
  ABSENT,
  type ExtractInput,
  type Extraction,
  type Extractor,
  found,
  type ServiceRules,
  UNRESOLVABLE,
} from '../extraction.js';
import { firstText, text } from '../request-params.js';

/**
 * KMS keys (`keyId`/`targetKeyId`: key id or key ARN) and aliases (`aliasName` `alias/x`, or an alias ARN); the
 * source (`sourceKeyId`) and destination (`destinationKeyId`) keys of a re-encryption.
 *
 * IAM authorises key operations against the key ARN even when the request names an alias, and the alias → key
 * mapping is not in the request. The record's `resources[]` usually lists the key ARN and is preferred; without it
 * an alias-named key is unresolved rather than guessed (an alias ARN would not match the key in a policy).
 */

const ALIAS_PREFIX = 'alias/';
const ALIAS_ARN = /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//;

function isAlias(value: string): boolean {
  return value.startsWith(ALIAS_PREFIX) || ALIAS_ARN.test(value);
}

function keyFrom(value: string): Extraction {
  if (isAlias(value)) return UNRESOLVABLE;
  return found([value.startsWith('arn:') ? { arn: value } : { vars: { KeyId: value } }]);
}

/** True when a record key ARN is the key a request value names by id or ARN. */
function isKey(arn: string, value: string): boolean {
  return value.startsWith('arn:') ? arn === value : arn.endsWith(`:key/${value}`);
}

/** The distinct key ARNs the record lists. */
function recordedKeys(input: ExtractInput): string[] {
  const arns = input.ctx.resources.flatMap(({ arn }) => (arn && input.template.matches(arn) ? [arn] : []));
  return [...new Set(arns)];
}

/**
 * One side of a re-encryption: its own parameter when that names the key by id or ARN. Otherwise (absent, or an
 * alias) the record, which lists the keys of both sides: a single key served both; of two, ours is the one that
 * is not the key the other side names by id or ARN.
 */
function reEncryptKey(ownParam: string, otherParam: string): Extractor {
  return (input) => {
    const value = text(input.params, ownParam);
    if (value !== undefined && !isAlias(value)) return keyFrom(value);
    const recorded = recordedKeys(input);
    if (recorded.length === 0) return value === undefined ? ABSENT : UNRESOLVABLE;
    if (recorded.length === 1) return found(recorded.map((arn) => ({ arn, fromRecord: true })));
    const other = text(input.params, otherParam);
    if (other === undefined || isAlias(other)) return UNRESOLVABLE;
    const mine = recorded.filter((arn) => !isKey(arn, other));
    // The other side's key must be among them, or the record does not describe this request.
    if (mine.length === 0 || mine.length === recorded.length) return UNRESOLVABLE;
    return found(mine.map((arn) => ({ arn, fromRecord: true })));
  };
}

function key(input: ExtractInput): Extraction {
  const value = firstText(input.params, ['keyId', 'targetKeyId']);
  if (value !== undefined) return keyFrom(value);
  // DeleteAlias (and the current key of UpdateAlias) need the key behind the alias, which only the record names.
  return text(input.params, 'aliasName') === undefined ? ABSENT : UNRESOLVABLE;
}

function alias(input: ExtractInput): Extraction {
  const value = text(input.params, 'aliasName');
  if (value === undefined) return ABSENT;
  if (value.startsWith('arn:')) return found([{ arn: value }]);
  if (!value.startsWith(ALIAS_PREFIX)) return UNRESOLVABLE;
  return found([{ vars: { Alias: value.slice(ALIAS_PREFIX.length) } }]);
}

/** Extractor table for the `kms` prefix. */
export const KMS_RULES: ServiceRules = {
  types: { key, alias },
  actions: {
    ReEncryptFrom: { key: reEncryptKey('sourceKeyId', 'destinationKeyId') },
    ReEncryptTo: { key: reEncryptKey('destinationKeyId', 'sourceKeyId') },
  },
  // A re-encryption's record lists both keys: each side picks its own (see reEncryptKey).
  ignoreRecord: (input) => input.target.info.name.startsWith('ReEncrypt'),
};
