import {
  ABSENT,
  type ExtractInput,
  type Extraction,
  found,
  type Named,
  type ServiceRules,
  UNRESOLVABLE,
} from '../extraction.js';
import { firstText, text, texts } from '../request-params.js';

/**
 * CloudWatch Logs log groups (`logGroupName`, `logGroupIdentifier` name-or-ARN, `logGroupNames[]`,
 * `logGroupIdentifiers[]`) and log streams (group + `logStreamName`).
 *
 * ARNs follow the IAM reference template exactly: `arn:…:log-group:NAME` for groups and
 * `arn:…:log-group:NAME:log-stream:STREAM` for streams. IAM evaluates several group-level actions against
 * `log-group:NAME:*`, so a policy writer may want to widen group ARNs with `:*`; that is a policy-shaping decision
 * left to the generator. Log group ARNs that arrive with the `:*` suffix (as APIs return them) are trimmed.
 */

const GROUP_ARN = /^(arn:[^:]+:logs:[^:]*:[^:]*:log-group:[^:]+)(?::\*)?$/;

function groupRef(value: string): Named | undefined {
  if (!value.startsWith('arn:')) return { vars: { LogGroupName: value } };
  const arn = GROUP_ARN.exec(value)?.[1];
  return arn === undefined ? undefined : { arn };
}

function groupRefs(input: ExtractInput): string[] | undefined {
  const single = firstText(input.params, ['logGroupName', 'logGroupIdentifier', 'logGroupArn']);
  if (single !== undefined) return [single];
  return texts(input.params, 'logGroupNames') ?? texts(input.params, 'logGroupIdentifiers');
}

function logGroup(input: ExtractInput): Extraction {
  const refs = groupRefs(input);
  if (refs === undefined) return ABSENT;
  const out: Named[] = [];
  for (const value of refs) {
    const ref = groupRef(value);
    if (ref === undefined) return UNRESOLVABLE;
    out.push(ref);
  }
  return found(out);
}

function logStream(input: ExtractInput): Extraction {
  const group = firstText(input.params, ['logGroupName', 'logGroupIdentifier']);
  const stream = text(input.params, 'logStreamName');
  if (group === undefined || stream === undefined) return ABSENT;
  const ref = groupRef(group);
  if (ref === undefined) return UNRESOLVABLE;
  if ('arn' in ref) return found([{ arn: `${ref.arn}:log-stream:${stream}` }]);
  return found([{ vars: { LogGroupName: group, LogStreamName: stream } }]);
}

/** Extractor table for the `logs` prefix. */
export const LOGS_RULES: ServiceRules = {
  types: { 'log-group': logGroup, 'log-stream': logStream },
};
