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
 * KMS keys (`keyId`/`targetKeyId`: key id or key ARN) and aliases (`aliasName` `alias/x`, or an alias ARN).
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

function keyParam(name: string): Extractor {
  return (input) => {
    const value = text(input.params, name);
    return value === undefined ? ABSENT : keyFrom(value);
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
    ReEncryptFrom: { key: keyParam('sourceKeyId') },
    ReEncryptTo: { key: keyParam('destinationKeyId') },
  },
  // A re-encryption's record lists both keys; which is the source cannot be told from the record.
  ignoreRecord: (input) => input.target.info.name.startsWith('ReEncrypt'),
};
