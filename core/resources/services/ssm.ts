import {
  ABSENT,
  type ExtractInput,
  type Extraction,
  found,
  type Named,
  type ServiceRules,
  UNRESOLVABLE,
} from '../extraction.js';
import { text, texts } from '../request-params.js';

/**
 * SSM Parameter Store parameters: `name`, `names[]` (GetParameters, DeleteParameters) and `path`
 * (GetParametersByPath, which IAM authorises against the requested path itself, not the parameters returned), and
 * `resourceId` of tagging calls on a `Parameter`.
 * `/app/db/password` becomes `arn:…:parameter/app/db/password`: the template already has the slash, so exactly
 * one leading slash is dropped from the name. Version/label selectors (`name:3`) are not part of the ARN.
 */

const PARAMETER_ARN = /^(arn:[^:]+:ssm:[^:]*:[^:]*:parameter\/[^:]+)(?::[^:]+)?$/;

function parameterRef(value: string): Named | undefined {
  if (value.startsWith('arn:')) {
    const arn = PARAMETER_ARN.exec(value)?.[1];
    return arn === undefined ? undefined : { arn };
  }
  const selector = value.indexOf(':');
  const name = selector >= 0 ? value.slice(0, selector) : value;
  const bare = name.startsWith('/') ? name.slice(1) : name;
  return bare ? { vars: { ParameterNameWithoutLeadingSlash: bare } } : undefined;
}

function pathRef(value: string): Named | undefined {
  const trimmed = value.length > 1 && value.endsWith('/') ? value.slice(0, -1) : value;
  // The root path `/` has no parameter ARN of its own; leave it unresolved rather than guess.
  return parameterRef(trimmed);
}

/** Tagging calls name a parameter as `resourceType: Parameter` + `resourceId`. */
function taggedName(input: ExtractInput): string | undefined {
  return text(input.params, 'resourceType') === 'Parameter' ? text(input.params, 'resourceId') : undefined;
}

function parameter(input: ExtractInput): Extraction {
  const name = text(input.params, 'name') ?? taggedName(input);
  const path = text(input.params, 'path');
  const refs =
    name !== undefined
      ? [parameterRef(name)]
      : path !== undefined
        ? [pathRef(path)]
        : texts(input.params, 'names')?.map(parameterRef);
  if (refs === undefined) return ABSENT;
  const out: Named[] = [];
  for (const ref of refs) {
    if (ref === undefined) return UNRESOLVABLE;
    out.push(ref);
  }
  return found(out);
}

/** Extractor table for the `ssm` prefix. */
export const SSM_RULES: ServiceRules = {
  types: { parameter },
};
