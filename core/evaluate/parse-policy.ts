import { z } from 'zod';
import { isKnownOperator } from './operators.js';
import type { ConditionClause, Policy, Statement } from './types.js';

const oneOrMany = z.union([z.string(), z.array(z.string()).min(1)]);
const conditionValue = z.union([z.string(), z.number(), z.boolean()]);

const StatementSchema = z.looseObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: oneOrMany.optional(),
  NotAction: oneOrMany.optional(),
  Resource: oneOrMany.optional(),
  NotResource: oneOrMany.optional(),
  Condition: z
    .record(z.string(), z.record(z.string(), z.union([conditionValue, z.array(conditionValue)])))
    .optional(),
  Principal: z.unknown().optional(),
  NotPrincipal: z.unknown().optional(),
});

/** An IAM policy document once `Statement` is an array (IAM also accepts a single statement object). */
const PolicyDocumentSchema = z.looseObject({
  Version: z.enum(['2012-10-17', '2008-10-17']).optional(),
  Id: z.string().optional(),
  Statement: z.array(StatementSchema),
});

/** `Statement` as an array, so that errors point at `Statement[i]` whichever form the document used. */
function withStatementArray(document: unknown): unknown {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return document;
  const statement = (document as { Statement?: unknown }).Statement;
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) return document;
  return { ...document, Statement: [statement] };
}

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Result of parsing a policy: the policy, or one sentence naming where it is invalid. */
export type ParsedPolicy =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly error: string };

const ACTION_PATTERN = /^(\*|[a-zA-Z0-9*?-]+:[a-zA-Z0-9*?_-]*)$/;

type RawStatement = z.infer<typeof StatementSchema>;

class PolicyError extends Error {}

/** Validates an IAM policy document and normalises it for evaluation; `id` names the policy in decisions. */
export function parsePolicy(document: unknown, id: string): ParsedPolicy {
  const parsed = PolicyDocumentSchema.safeParse(withStatementArray(document));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = pathOf(issue?.path ?? []) || 'document';
    return { ok: false, error: `${where}: ${issue?.message ?? 'invalid policy'}` };
  }
  try {
    const statements = parsed.data.Statement.map((s, i) => normaliseStatement(s, i));
    return { ok: true, policy: { id, variables: parsed.data.Version === '2012-10-17', statements } };
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, error: error.message };
    throw error;
  }
}

function normaliseStatement(s: RawStatement, index: number): Statement {
  const at = `Statement[${index}]`;
  if (s.Principal !== undefined || s.NotPrincipal !== undefined) {
    throw new PolicyError(`${at}: Principal is only valid in resource-based policies`);
  }
  const actions = exactlyOne(s.Action, s.NotAction, `${at}: needs exactly one of Action and NotAction`);
  const resources = exactlyOne(
    s.Resource,
    s.NotResource,
    `${at}: needs exactly one of Resource and NotResource`,
  );
  for (const a of actions) {
    if (!ACTION_PATTERN.test(a)) throw new PolicyError(`${at}: '${a.slice(0, 64)}' is not an action`);
  }
  return {
    sid: s.Sid ?? `#${index}`,
    index,
    effect: s.Effect,
    actions: actions.map((a) => a.toLowerCase()),
    notAction: s.Action === undefined,
    resources,
    notResource: s.Resource === undefined,
    conditions: normaliseConditions(s.Condition, at),
  };
}

function exactlyOne(
  a: string | string[] | undefined,
  b: string | string[] | undefined,
  message: string,
): string[] {
  const value = a ?? b;
  if (value === undefined || (a !== undefined && b !== undefined)) throw new PolicyError(message);
  return typeof value === 'string' ? [value] : value;
}

function normaliseConditions(block: RawStatement['Condition'], at: string): ConditionClause[] {
  const clauses: ConditionClause[] = [];
  for (const [operator, keys] of Object.entries(block ?? {})) {
    if (!isKnownOperator(operator)) {
      throw new PolicyError(`${at}.Condition: unknown operator '${operator.slice(0, 64)}'`);
    }
    for (const [key, value] of Object.entries(keys)) {
      const values = (Array.isArray(value) ? value : [value]).map(String);
      clauses.push({ operator, key: key.toLowerCase(), values });
    }
  }
  return clauses;
}
