import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { testStack } from './test-support.js';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not acknowledged with a reason, with every optional feature on', () => {
    const { app, stack } = testStack();

    const report = new AwsSolutionsChecks(app).validateScope(stack);

    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.severity} ${v.ruleName} ${r.constructPath}`),
    );
    expect(findings).toEqual([]);
  });
});
