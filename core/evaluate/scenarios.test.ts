import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluateRequest } from './evaluate.js';
import { parsePolicy } from './parse-policy.js';
import type { Policy, PolicySet } from './types.js';

/** Scenario files: policies + request + expected decision (see docs/SIMULATE.md, "Evaluator"). */
const dir = join(import.meta.dirname, '../../fixtures/evaluation');

const ScenarioSchema = z.strictObject({
  name: z.string(),
  note: z.string().optional(),
  identity: z.array(z.unknown()),
  scps: z.array(z.array(z.unknown())).optional(),
  boundary: z.array(z.unknown()).optional(),
  request: z.strictObject({
    action: z.string(),
    resource: z.string().optional(),
    context: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    unknownResource: z.enum(['lenient', 'strict']).optional(),
  }),
  expect: z.strictObject({
    decision: z.enum(['Allow', 'ExplicitDeny', 'ImplicitDeny']),
    missing: z.enum(['identity', 'scp', 'boundary']).optional(),
    sids: z.array(z.string()).optional(),
  }),
});
const FileSchema = z.strictObject({ description: z.string(), scenarios: z.array(ScenarioSchema).min(1) });
type Scenario = z.infer<typeof ScenarioSchema>;

function parsed(documents: readonly unknown[], name: string): Policy[] {
  return documents.map((doc, i) => {
    const result = parsePolicy(doc, `${name}-${i}`);
    if (!result.ok) throw new Error(`${name}-${i}: ${result.error}`);
    return result.policy;
  });
}

function policySet(s: Scenario): PolicySet {
  return {
    identity: parsed(s.identity, 'identity'),
    ...(s.scps ? { scpLevels: s.scps.map((level, i) => parsed(level, `scp${i}`)) } : {}),
    ...(s.boundary ? { permissionsBoundary: parsed(s.boundary, 'boundary') } : {}),
  };
}

const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('evaluation scenarios', () => {
  it('has the scenario files', () => {
    const total = files.reduce(
      (n, f) => n + FileSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))).scenarios.length,
      0,
    );
    expect(total).toBeGreaterThanOrEqual(40);
  });

  for (const file of files) {
    const { description, scenarios } = FileSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    describe(`${file}: ${description}`, () => {
      it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
        const set = policySet(scenario);

        const decision = evaluateRequest(set, scenario.request);

        expect(decision.decision).toBe(scenario.expect.decision);
        if (scenario.expect.missing && decision.decision === 'ImplicitDeny') {
          expect(decision.missing).toBe(scenario.expect.missing);
        }
        if (scenario.expect.sids) {
          expect(decision.statements.map((s) => s.sid)).toEqual(expect.arrayContaining(scenario.expect.sids));
        }
      });
    });
  }
});
