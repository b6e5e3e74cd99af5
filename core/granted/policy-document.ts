import { z } from 'zod';
import { GrantedError } from './errors.js';

const StringOrList = z.union([z.string(), z.array(z.string())]);

/** One statement of an IAM identity policy, as IAM stores it; unknown fields are kept, not rejected. */
export const PolicyStatementSchema = z
  .looseObject({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: StringOrList.optional(),
    NotAction: StringOrList.optional(),
    Resource: StringOrList.optional(),
    NotResource: StringOrList.optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .refine((s) => (s.Action === undefined) !== (s.NotAction === undefined), {
    message: 'needs exactly one of Action and NotAction',
  });

/** One IAM policy statement. */
export type PolicyStatementJson = z.infer<typeof PolicyStatementSchema>;

/** An IAM policy document: `Statement` is one object or an array of them. */
export const PolicyDocumentSchema = z.looseObject({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: z.union([PolicyStatementSchema, z.array(PolicyStatementSchema)]),
});

/** An IAM policy document as it appears in IAM. */
export type PolicyDocumentJson = z.infer<typeof PolicyDocumentSchema>;

/** Returns the statements of a document as an array, whichever form `Statement` has. */
export function statementsOf(document: PolicyDocumentJson): readonly PolicyStatementJson[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

/** Returns a string-or-list policy field as a list (empty when absent). */
export function listOf(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * Decodes a policy document given as an object (what the AWS CLI prints) or as a string: the IAM API returns
 * URL-encoded JSON (RFC 3986), and hand-written snapshots may hold plain JSON text. `where` names the policy in
 * the error.
 */
export function decodePolicyDocument(raw: unknown, where: string): PolicyDocumentJson {
  const value = typeof raw === 'string' ? parseDocumentText(raw, where) : raw;
  const parsed = PolicyDocumentSchema.safeParse(value);
  if (!parsed.success) {
    throw new GrantedError('INVALID_POLICY_DOCUMENT', `${where}: ${describeIssue(parsed.error)}`);
  }
  return parsed.data;
}

function parseDocumentText(text: string, where: string): unknown {
  const trimmed = text.trimStart();
  // Plain JSON starts with `{`; URL-encoded JSON starts with `%7B`. Decoding plain JSON could corrupt a `%` in it.
  const json = trimmed.startsWith('{') ? trimmed : decodeUrl(trimmed, where);
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new GrantedError('INVALID_POLICY_DOCUMENT', `${where}: the document is not valid JSON`, error);
  }
}

function decodeUrl(text: string, where: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', '%20'));
  } catch (error) {
    throw new GrantedError(
      'INVALID_POLICY_DOCUMENT',
      `${where}: the document is not URL-encoded JSON`,
      error,
    );
  }
}

/** Formats the first zod issue as `path: message`, never quoting the input. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${path === '' ? '(root)' : path.replace(/^\./, '')} ${issue.message}`;
}
