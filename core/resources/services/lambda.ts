import {
  ABSENT,
  type ExtractInput,
  type Extraction,
  found,
  type ServiceRules,
  UNRESOLVABLE,
} from '../extraction.js';
import { firstText, type Params, text } from '../request-params.js';

/**
 * Lambda functions named by `functionName` in any of the forms the API accepts: `name`, `name:qualifier`,
 * partial ARN `123456789012:function:name[:qualifier]`, or full ARN `arn:aws:lambda:…:function:name[:qualifier]`,
 * plus an optional `qualifier` parameter.
 *
 * Choice: when a version or alias qualifier is present the qualified ARN (`function:name:qualifier`) is produced.
 * IAM authorises a qualified call against the qualified ARN, which the unqualified ARN does not match; granting
 * `function:name:*` instead would also cover every other version and alias.
 */

// partition, region, account of a full ARN | account of a partial ARN | name | embedded qualifier
const FUNCTION_REF =
  /^(?:arn:(aws(?:-[a-z]+)*):lambda:([a-z0-9-]+):(\d{12}):function:|(\d{12}):function:)?([^:]+)(?::([^:]+))?$/;

interface FunctionRef {
  readonly name: string;
  readonly qualifier: string | undefined;
  readonly partition: string | undefined;
  readonly region: string | undefined;
  readonly account: string | undefined;
}

function parseFunction(params: Params): FunctionRef | 'absent' | 'malformed' {
  const raw = firstText(params, ['functionName', 'functionArn']);
  if (raw === undefined) return 'absent';
  const match = FUNCTION_REF.exec(raw);
  if (match === null) return 'malformed';
  const [, partition, region, fullAccount, partialAccount, name = '', embedded] = match;
  return {
    name,
    qualifier: embedded ?? (text(params, 'qualifier') || undefined),
    partition,
    region,
    account: fullAccount ?? partialAccount,
  };
}

function lambdaFunction(input: ExtractInput): Extraction {
  const ref = parseFunction(input.params);
  if (ref === 'absent') return ABSENT;
  if (ref === 'malformed') return UNRESOLVABLE;
  const FunctionName = ref.qualifier === undefined ? ref.name : `${ref.name}:${ref.qualifier}`;
  const scope = {
    ...(ref.partition === undefined ? {} : { partition: ref.partition }),
    ...(ref.region === undefined ? {} : { region: ref.region }),
    ...(ref.account === undefined ? {} : { account: ref.account }),
  };
  return found([{ vars: { FunctionName }, scope }]);
}

function hasQualifier(params: Params): boolean {
  const ref = parseFunction(params);
  return typeof ref === 'object' && ref.qualifier !== undefined;
}

/** Extractor table for the `lambda` prefix. */
export const LAMBDA_RULES: ServiceRules = {
  types: { function: lambdaFunction },
  // Records list the unqualified function even when a version or alias was called.
  ignoreRecord: (input) => hasQualifier(input.params),
};
