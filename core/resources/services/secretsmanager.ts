import {
  ABSENT,
  type ExtractInput,
  type Extraction,
  found,
  type Named,
  type ServiceRules,
} from '../extraction.js';
import { firstText, texts } from '../request-params.js';

/**
 * Secrets Manager secrets by ARN (`secretId`, used as is) or by name (`secretId`, `name` of CreateSecret,
 * `secretIdList[]`). A secret's ARN ends in `-` and six random characters that a name does not carry, so a name
 * becomes `arn:…:secret:<name>-??????`, the pattern AWS documents for policies on secrets known by name.
 */

/** Matches what IAM appends to secret names; appended after validation, so it never comes from the request. */
const RANDOM_SUFFIX = '-??????';
const SECRET_ARN = /^arn:(aws(?:-[a-z]+)*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;
// A complete ARN ends in `-` + 6 characters; a partial ARN (also accepted by the API) does not.
const HAS_RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;

function secretRef(value: string): Named {
  const arn = SECRET_ARN.exec(value);
  if (arn === null) return { vars: { SecretId: value }, suffix: RANDOM_SUFFIX };
  const [, partition = '', region = '', account = '', name = ''] = arn;
  if (HAS_RANDOM_SUFFIX.test(name)) return { arn: value };
  return { vars: { SecretId: name }, scope: { partition, region, account }, suffix: RANDOM_SUFFIX };
}

function secret(input: ExtractInput): Extraction {
  const single = firstText(input.params, ['secretId', 'name']);
  const values = single === undefined ? texts(input.params, 'secretIdList') : [single];
  return values === undefined ? ABSENT : found(values.map(secretRef));
}

/** Extractor table for the `secretsmanager` prefix. */
export const SECRETSMANAGER_RULES: ServiceRules = {
  types: { secret },
};
