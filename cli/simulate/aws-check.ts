import {
  type ContextEntry,
  type ContextKeyTypeEnum,
  type EvaluationResult,
  type IAMClient,
  SimulateCustomPolicyCommand,
} from '@aws-sdk/client-iam';
import type { ContextValues, Decision, Policy } from '../../core/evaluate/index.js';
import type { CheckRequest } from '../../core/simulate/index.js';
import { CliError } from '../errors.js';

/** Actions per SimulateCustomPolicy call; results are paged besides. */
export const ACTIONS_PER_CALL = 50;
const PAGE_SIZE = 1000;

/** Types of the global keys that are not strings; everything else is sent as a string (list). */
const KEY_TYPES: Readonly<Record<string, 'ip' | 'boolean' | 'numeric' | 'date'>> = {
  'aws:sourceip': 'ip',
  'aws:securetransport': 'boolean',
  'aws:multifactorauthpresent': 'boolean',
  'aws:viaawsservice': 'boolean',
  'aws:multifactorauthage': 'numeric',
  'aws:currenttime': 'date',
  'aws:epochtime': 'numeric',
  'aws:tokenissuetime': 'date',
};

function contextEntries(context: ContextValues): ContextEntry[] {
  return Object.entries(context).map(([key, value]) => {
    const list = typeof value !== 'string';
    const base = KEY_TYPES[key.toLowerCase()] ?? 'string';
    return {
      ContextKeyName: key,
      ContextKeyValues: list ? [...value] : [value],
      ContextKeyType: (list ? `${base}List` : base) as ContextKeyTypeEnum,
    };
  });
}

const DECISIONS: Readonly<Record<string, Decision['decision']>> = {
  allowed: 'Allow',
  explicitDeny: 'ExplicitDeny',
  implicitDeny: 'ImplicitDeny',
};

/** Requests grouped by resource and context, so one call covers many actions. */
function groupRequests(requests: readonly CheckRequest[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  requests.forEach((r, i) => {
    const key = JSON.stringify([r.resource, r.context]);
    const list = groups.get(key) ?? [];
    if (list.length === 0) groups.set(key, list);
    list.push(i);
  });
  return groups;
}

async function simulatePage(
  client: IAMClient,
  input: ConstructorParameters<typeof SimulateCustomPolicyCommand>[0],
): Promise<EvaluationResult[]> {
  const results: EvaluationResult[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(
      new SimulateCustomPolicyCommand({
        ...input,
        MaxItems: PAGE_SIZE,
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    results.push(...(page.EvaluationResults ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return results;
}

/**
 * Puts the requests to IAM's SimulateCustomPolicy with the proposed documents (and boundary documents) and
 * returns its decision for each request, in order; undefined where IAM returned none.
 */
export async function simulateWithIam(
  client: IAMClient,
  policies: { readonly proposed: readonly string[]; readonly boundary: readonly string[] },
  requests: readonly CheckRequest[],
): Promise<(Decision['decision'] | undefined)[]> {
  const out: (Decision['decision'] | undefined)[] = requests.map(() => undefined);
  for (const indexes of groupRequests(requests).values()) {
    const first = requests[indexes[0] as number] as CheckRequest;
    for (let i = 0; i < indexes.length; i += ACTIONS_PER_CALL) {
      const batch = indexes.slice(i, i + ACTIONS_PER_CALL);
      const results = await callIam(client, {
        PolicyInputList: [...policies.proposed],
        ...(policies.boundary.length > 0
          ? { PermissionsBoundaryPolicyInputList: [...policies.boundary] }
          : {}),
        ActionNames: [...new Set(batch.map((j) => (requests[j] as CheckRequest).action))],
        ResourceArns: [first.resource],
        ContextEntries: contextEntries(first.context),
      });
      const byAction = new Map(results.map((r) => [r.EvalActionName?.toLowerCase(), r.EvalDecision]));
      for (const j of batch) {
        const decision = byAction.get((requests[j] as CheckRequest).action.toLowerCase());
        out[j] = decision === undefined ? undefined : DECISIONS[decision];
      }
    }
  }
  return out;
}

async function callIam(
  client: IAMClient,
  input: ConstructorParameters<typeof SimulateCustomPolicyCommand>[0],
): Promise<EvaluationResult[]> {
  try {
    return await simulatePage(client, input);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message =
      error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 200) : String(error);
    throw new CliError('AWS_ERROR', `--aws: IAM SimulateCustomPolicy failed: ${name}: ${message}`, {
      cause: error,
    });
  }
}

/** Serialises a parsed policy back to a document IAM accepts (names are case-insensitive, so lower case is fine). */
export function policyJson(policy: Policy): string {
  const list = (values: readonly string[]) => (values.length === 1 ? values[0] : [...values]);
  const Statement = policy.statements.map((s) => {
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const c of s.conditions) {
      const block = conditions[c.operator] ?? {};
      conditions[c.operator] = block;
      block[c.key] = [...c.values];
    }
    return {
      ...(s.sid.startsWith('#') ? {} : { Sid: s.sid }),
      Effect: s.effect,
      [s.notAction ? 'NotAction' : 'Action']: list(s.actions),
      [s.notResource ? 'NotResource' : 'Resource']: list(s.resources),
      ...(s.conditions.length > 0 ? { Condition: conditions } : {}),
    };
  });
  return JSON.stringify({ Version: policy.variables ? '2012-10-17' : '2008-10-17', Statement });
}
