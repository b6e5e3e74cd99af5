import type { DraftStatement } from './group-statements.js';
import { MAX_SID_LENGTH } from './sid.js';
import type { PolicyDocument, PolicyStatement } from './types.js';

/** Managed-policy size limit (characters, whitespace excluded). */
export const DEFAULT_MAX_POLICY_SIZE = 6144;

const EMPTY_DOCUMENT_SIZE = policySize({ Version: '2012-10-17', Statement: [] });
const SID_PLACEHOLDER = 'X'.repeat(MAX_SID_LENGTH);

/** Size that counts against the limit: compact JSON length, an upper bound of AWS's non-whitespace count. */
export function policySize(value: PolicyDocument | PolicyStatement): number {
  return JSON.stringify(value).length;
}

/** Renders a draft statement with its Sid, arrays everywhere. */
export function toPolicyStatement(st: DraftStatement, sid: string): PolicyStatement {
  const out: PolicyStatement = {
    Sid: sid,
    Effect: 'Allow',
    Action: [...st.actions],
    Resource: [...st.resources],
  };
  if (st.condition) out.Condition = st.condition;
  return out;
}

/** Statement-size budget so that any one statement, whatever its Sid, fits in a document alone. */
export function statementBudget(maxPolicySize: number): number {
  return maxPolicySize - EMPTY_DOCUMENT_SIZE;
}

/**
 * Splits a statement that does not fit the budget: by resources first (each piece keeps every action), then a
 * piece that still does not fit by actions. A single action on a single resource that does not fit is returned
 * as it is; the caller reports it.
 */
export function splitStatement(st: DraftStatement, budget: number): DraftStatement[] {
  if (sizeOf(st) <= budget) return [st];
  if (st.resources.length > 1) {
    const fixed = sizeOf({ ...st, resources: [] });
    return packItems(st.resources, fixed, budget).flatMap((resources) =>
      splitStatement({ ...st, resources }, budget),
    );
  }
  if (st.actions.length > 1) {
    const fixed = sizeOf({ ...st, actions: [] });
    return packItems(st.actions, fixed, budget).map((actions) => ({ ...st, actions }));
  }
  return [st];
}

/** Greedy packing in statement order: a new document starts when the next statement would not fit. */
export function packDocuments(
  statements: readonly PolicyStatement[],
  maxPolicySize: number,
): PolicyDocument[] {
  const documents: PolicyDocument[] = [];
  let current: PolicyStatement[] = [];
  let size = EMPTY_DOCUMENT_SIZE;
  for (const st of statements) {
    const added = policySize(st) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + added > maxPolicySize) {
      documents.push({ Version: '2012-10-17', Statement: current });
      current = [];
      size = EMPTY_DOCUMENT_SIZE;
    }
    size += policySize(st) + (current.length > 0 ? 1 : 0);
    current.push(st);
  }
  if (current.length > 0) documents.push({ Version: '2012-10-17', Statement: current });
  return documents;
}

/** Size of a statement with the longest possible Sid. */
function sizeOf(st: DraftStatement): number {
  return policySize(toPolicyStatement(st, SID_PLACEHOLDER));
}

/** Chunks items so that `fixed` + the JSON array items + commas stays within the budget (at least one each). */
function packItems(items: readonly string[], fixed: number, budget: number): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let size = fixed;
  for (const item of items) {
    const itemSize = JSON.stringify(item).length + (chunk.length > 0 ? 1 : 0);
    if (chunk.length > 0 && size + itemSize > budget) {
      chunks.push(chunk);
      chunk = [];
      size = fixed;
    }
    size += JSON.stringify(item).length + (chunk.length > 0 ? 1 : 0);
    chunk.push(item);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
