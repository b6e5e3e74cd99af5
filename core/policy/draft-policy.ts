import type { UsageAggregate } from '../usage/aggregate.js';
import { type ActionGrant, grantOf } from './action-grant.js';
import { collapseStatements, type DraftStatement, groupStatements } from './group-statements.js';
import { type ActionUsage, selectUsage } from './select-usage.js';
import { assignSids } from './sid.js';
import {
  DEFAULT_MAX_POLICY_SIZE,
  packDocuments,
  policySize,
  splitStatement,
  statementBudget,
  toPolicyStatement,
} from './split.js';
import type { DraftNote, DraftOptions, PolicyDocument, PolicyDraft } from './types.js';

const DEFAULT_COLLAPSE_ABOVE = 25;

/** Order of note kinds in a draft: what needs review first. */
const NOTE_ORDER: readonly DraftNote['kind'][] = [
  'unresolved-resource',
  'denied-only',
  'excluded',
  'collapsed',
  'split',
  'wildcard-only',
];

/**
 * Drafts a least-privilege policy for one principal from its usage aggregates: only successful calls become
 * grants, and the output is identical for any order of the input.
 */
export function draftPolicy(
  usage: readonly UsageAggregate[],
  principal: string,
  options: DraftOptions = {},
): PolicyDraft {
  const maxPolicySize = options.maxPolicySize ?? DEFAULT_MAX_POLICY_SIZE;
  if (!(maxPolicySize > 0)) throw new RangeError('maxPolicySize must be a positive number');
  const selected = selectUsage(usage, principal, options);
  const notes: DraftNote[] = [...selected.notes];
  const granted = grantActions(selected.actions, options, notes);
  const grouped = groupStatements(
    granted.grants.map((g) => ({ ...g, actions: [g.action] }) satisfies DraftStatement),
  );
  const threshold = options.mode === 'actions' ? 0 : (options.collapseObjectsAbove ?? DEFAULT_COLLAPSE_ABOVE);
  const collapsed = collapseStatements(grouped, threshold);
  notes.push(...collapsed.notes);
  const documents = buildDocuments(collapsed.statements, maxPolicySize, notes);
  return {
    principal,
    documents,
    notes: sortNotes(notes),
    stats: {
      actions: granted.grants.length,
      statements: documents.reduce((n, d) => n + d.Statement.length, 0),
      successfulCalls: granted.successfulCalls,
      deniedOnlyActions: granted.deniedOnly,
      unresolvedActions: granted.unresolved,
    },
  };
}

interface GrantedActions {
  grants: ActionGrant[];
  successfulCalls: number;
  deniedOnly: number;
  unresolved: string[];
}

/** Grants each action with successful calls; reports actions that were only denied. */
function grantActions(
  actions: readonly ActionUsage[],
  options: DraftOptions,
  notes: DraftNote[],
): GrantedActions {
  const out: GrantedActions = { grants: [], successfulCalls: 0, deniedOnly: 0, unresolved: [] };
  for (const use of actions) {
    if (use.granted.length === 0) {
      if (use.denied > 0) {
        out.deniedOnly++;
        const detail = `${use.action}: ${use.denied} call(s) denied and none succeeded; not granted`;
        notes.push({ kind: 'denied-only', action: use.action, detail });
      }
      continue;
    }
    const result = grantOf(use, options.mode ?? 'resources', options.conditions ?? true);
    out.grants.push(result.grant);
    out.successfulCalls += use.calls;
    notes.push(...result.notes);
    if (result.unresolved) out.unresolved.push(use.action);
  }
  return out;
}

/** Splits oversized statements, names them, and packs them into documents within the size limit. */
function buildDocuments(
  statements: readonly DraftStatement[],
  maxPolicySize: number,
  notes: DraftNote[],
): PolicyDocument[] {
  const budget = statementBudget(maxPolicySize);
  const pieces = statements.flatMap((st) => {
    const split = splitStatement(st, budget);
    if (split.length > 1) notes.push(splitNote(st, split.length));
    return split;
  });
  const sids = assignSids(pieces);
  const rendered = pieces.map((st, i) => toPolicyStatement(st, sids[i] ?? ''));
  const documents = packDocuments(rendered, maxPolicySize);
  for (const st of rendered) {
    const size = policySize({ Version: '2012-10-17', Statement: [st] });
    if (size > maxPolicySize) {
      const detail = `statement ${st.Sid} is ${size} characters on its own, above the ${maxPolicySize} limit`;
      notes.push({ kind: 'split', detail });
    }
  }
  if (documents.length > 1) {
    const total = policySize({ Version: '2012-10-17', Statement: rendered });
    const detail = `policy of ${total} characters split into ${documents.length} documents of at most ${maxPolicySize}`;
    notes.push({ kind: 'split', detail });
  }
  return documents;
}

function splitNote(st: DraftStatement, pieces: number): DraftNote {
  const first = st.actions[0] ?? '';
  const detail = `${first}: statement of ${st.actions.length} action(s) on ${st.resources.length} resource(s) split into ${pieces} statements to fit the size limit`;
  return { kind: 'split', action: first, detail };
}

/** Stable sort by kind, keeping the deterministic order each stage produced within a kind. */
function sortNotes(notes: readonly DraftNote[]): DraftNote[] {
  return [...notes].sort((a, b) => NOTE_ORDER.indexOf(a.kind) - NOTE_ORDER.indexOf(b.kind));
}
