import { describe, expect, it } from 'vitest';
import { policyAllows } from '../../test/helpers/policy-allows.js';
import type { UsageAggregate } from '../usage/aggregate.js';
import { usageAggregate } from '../usage/test-support.js';
import { draftPolicy, type PolicyDocument, type PolicyDraft, policySize } from './index.js';

const ROLE = 'arn:aws:iam::111122223333:role/big';

/** One successful direct call of `action` on `resource` by ROLE. */
const agg = (action: string, resource: string) => usageAggregate(ROLE, action, resource);

/** Every Action × Resource pair the documents spell out (Sids and grouping aside). */
function pairs(documents: readonly PolicyDocument[]): string[] {
  const out = new Set<string>();
  for (const doc of documents) {
    for (const st of doc.Statement) {
      for (const a of [st.Action].flat()) for (const r of [st.Resource].flat()) out.add(`${a} ${r}`);
    }
  }
  return [...out].sort();
}

function sids(draft: PolicyDraft): string[] {
  return draft.documents.flatMap((d) => d.Statement.map((s) => s.Sid));
}

/** Hundreds of actions on "*" and hundreds of object ARNs shared by a few actions. */
const bigUsage: UsageAggregate[] = [
  ...Array.from({ length: 300 }, (_, i) => agg('s3:GetObject', `arn:aws:s3:::bucket-${i % 7}/k/${i}`)),
  ...Array.from({ length: 300 }, (_, i) => agg('s3:PutObject', `arn:aws:s3:::bucket-${i % 7}/k/${i}`)),
  ...Array.from({ length: 200 }, (_, i) =>
    agg(
      'dynamodb:GetItem',
      `arn:aws:dynamodb:us-east-1:111122223333:table/table-${String(i).padStart(3, '0')}`,
    ),
  ),
  ...['ec2', 'rds', 'elasticloadbalancing', 'autoscaling', 'cloudwatch', 'logs'].flatMap((service) =>
    Array.from({ length: 60 }, (_, i) => agg(`${service}:Describe${i}`, '*')),
  ),
];

describe('policy splitting', () => {
  it('keeps a small policy in one document', () => {
    const draft = draftPolicy([agg('s3:GetObject', 'arn:aws:s3:::b/k')], ROLE);
    expect(draft.documents).toHaveLength(1);
    expect(draft.notes.filter((n) => n.kind === 'split')).toEqual([]);
  });

  it('splits a large draft into documents that each fit and together grant exactly the same pairs', () => {
    const unsplit = draftPolicy(bigUsage, ROLE, { collapseObjectsAbove: 0, maxPolicySize: 10_000_000 });
    const split = draftPolicy(bigUsage, ROLE, { collapseObjectsAbove: 0 });

    expect(unsplit.documents).toHaveLength(1);
    expect(split.documents.length).toBeGreaterThan(3);
    for (const doc of split.documents) {
      expect(policySize(doc)).toBeLessThanOrEqual(6144);
      expect(JSON.stringify(doc).replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
    }
    expect(pairs(split.documents)).toEqual(pairs(unsplit.documents));
    expect(new Set(sids(split)).size).toBe(sids(split).length);
    expect(split.stats.statements).toBe(sids(split).length);
    expect(split.notes.filter((n) => n.kind === 'split').length).toBeGreaterThan(1);
  });

  it('splits deterministically and packs documents greedily in statement order', () => {
    const a = draftPolicy(bigUsage, ROLE, { maxPolicySize: 2048 });
    const b = draftPolicy([...bigUsage].reverse(), ROLE, { maxPolicySize: 2048 });

    expect(b).toEqual(a);
    a.documents.slice(0, -1).forEach((doc, i) => {
      const next = a.documents[i + 1]?.Statement[0];
      const grown = { ...doc, Statement: [...doc.Statement, ...(next ? [next] : [])] };
      expect(policySize(grown)).toBeGreaterThan(2048);
    });
  });

  it('splits one oversized statement by resources, then by actions', () => {
    const tables = Array.from(
      { length: 50 },
      (_, i) => `arn:aws:dynamodb:us-east-1:111122223333:table/t${i}`,
    );
    const actions = ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem', 'DeleteItem', 'BatchGetItem'];
    const usage = tables.flatMap((t) => actions.map((a) => agg(`dynamodb:${a}`, t)));

    const draft = draftPolicy(usage, ROLE, { maxPolicySize: 300 });

    for (const doc of draft.documents) expect(policySize(doc)).toBeLessThanOrEqual(300);
    expect(
      draft.documents.some((d) => d.Statement.some((s) => [s.Action].flat().length < actions.length)),
    ).toBe(true);
    for (const t of tables)
      for (const a of actions) expect(policyAllows(draft.documents, `dynamodb:${a}`, t)).toBe(true);
  });

  it('reports a single action on a single resource that cannot fit any document', () => {
    const huge = `arn:aws:s3:::b/${'k'.repeat(400)}`;
    const draft = draftPolicy([agg('s3:GetObject', huge)], ROLE, { maxPolicySize: 200 });
    expect(draft.documents).toHaveLength(1);
    expect(draft.notes).toContainEqual({
      kind: 'split',
      detail: expect.stringMatching(
        /^statement S3GetObject is \d+ characters on its own, above the 200 limit$/,
      ),
    });
  });
});
