import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeInputs } from '../cli/commands/analyze.js';
import { lookupAction } from '../core/actions/reference-data.js';
import type { AnalysisDocument } from '../core/analysis/document.js';
import { fromUsageRow } from '../core/analysis/rows.js';
import { draftPolicy } from '../core/policy/index.js';
import { policyAllows } from './helpers/policy-allows.js';

/** The real public CloudTrail corpus and the hand-made edge cases committed under fixtures/. */
let doc: AnalysisDocument;

beforeAll(async () => {
  const result = await analyzeInputs(['fixtures/real', 'fixtures/edge'], { quiet: true, workers: 1 });
  expect(result.failures).toEqual([]);
  doc = { ...result.document, usage: [...result.document.usage] };
});

describe('the fixture corpus', () => {
  it('accounts for every record: analysed, quarantined with a reason, or a duplicate', () => {
    const t = doc.totals;

    expect(t.records).toBeGreaterThan(10_000);
    expect(t.calls + t.quarantined + t.duplicates + t.outOfWindow).toBe(t.records);
    expect(t.success + t.denied + t.errors + t.notAGrant).toBe(t.calls);
    expect(Object.values(doc.quarantine.byCode).reduce((a, b) => a + b, 0)).toBe(t.quarantined);
    for (const sample of doc.quarantine.samples) expect(sample.reason.length).toBeGreaterThan(0);
  });

  it('emits only actions that exist in the IAM reference data, in canonical casing', () => {
    const actions = new Set(doc.usage.map((row) => row.action));

    expect(actions.size).toBeGreaterThan(200);
    for (const action of actions) expect(lookupAction(action)?.action).toBe(action);
  });

  it('drafts, for every principal, a policy that allows each successful call and no denied-only call', () => {
    const draftable = doc.principals.filter((p) => p.draftable && p.success > 0);
    expect(draftable.length).toBeGreaterThan(20);
    for (const principal of draftable) {
      const rows = doc.usage.filter((r) => r.principal === principal.arn);
      const draft = draftPolicy(rows.map(fromUsageRow), principal.arn, { collapseObjectsAbove: 0 });
      const allowedPairs = new Set(rows.filter((r) => r.calls > 0).map((r) => `${r.action} ${r.resource}`));
      for (const row of rows) {
        const allowed = policyAllows(draft.documents, row.action, row.resource);
        if (row.calls > 0) expect(allowed, `${principal.arn} ${row.action} ${row.resource}`).toBe(true);
        else if (!allowedPairs.has(`${row.action} ${row.resource}`) && row.resource !== '*') {
          const actionGranted = rows.some(
            (r) => r.action === row.action && r.calls > 0 && r.resource === '*',
          );
          if (!actionGranted) expect(allowed, `denied-only ${row.action} ${row.resource}`).toBe(false);
        }
      }
    }
  });

  it('reports unmapped event names with counts instead of guessing actions', () => {
    for (const row of doc.unmapped) {
      expect(row.count).toBeGreaterThan(0);
      expect(row.reason.length).toBeGreaterThan(0);
    }
    const unmappedEvents = doc.unmapped.reduce((sum, row) => sum + row.count, 0);
    expect(unmappedEvents).toBe(doc.totals.unmapped);
  });
});
