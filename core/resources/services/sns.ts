import { ABSENT, type ExtractInput, type Extraction, found, type ServiceRules } from '../extraction.js';
import { text } from '../request-params.js';

/**
 * SNS topics by ARN (`topicArn`; `targetArn` and `resourceArn` when they name a topic, as Publish and TagResource
 * may name other things) or by `name` (CreateTopic).
 */

function topic(input: ExtractInput): Extraction {
  const arn = text(input.params, 'topicArn');
  if (arn !== undefined) return found([{ arn }]);
  for (const param of ['targetArn', 'resourceArn']) {
    const other = text(input.params, param);
    if (other !== undefined && input.template.matches(other)) return found([{ arn: other }]);
  }
  const name = text(input.params, 'name');
  return name === undefined ? ABSENT : found([{ vars: { TopicName: name } }]);
}

/** Extractor table for the `sns` prefix. */
export const SNS_RULES: ServiceRules = {
  types: { topic },
};
