import { type Policy, parsePolicy } from '../evaluate/index.js';
import type { LabelledPolicies, RecordedUsage } from './types.js';

/** Test helper: parses policy documents or fails the test with the parser's message. */
export function policies(label: string, ...documents: unknown[]): LabelledPolicies {
  const parsed: Policy[] = documents.map((d, i) => {
    const result = parsePolicy(d, `${label}#${i}`);
    if (!result.ok) throw new Error(result.error);
    return result.policy;
  });
  return { label, policies: parsed };
}

/** Test helper: a policy document with the given statements. */
export function doc(...Statement: unknown[]): unknown {
  return { Version: '2012-10-17', Statement };
}

/** Test helper: one recorded usage row, one successful call in us-east-1 by default. */
export function row(action: string, resource: string, over: Partial<RecordedUsage> = {}): RecordedUsage {
  return { action, resource, calls: 1, denied: 0, regions: ['us-east-1'], direct: true, ...over };
}
