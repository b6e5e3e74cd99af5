import { describe, expect, it } from 'vitest';
import { renderDiffMarkdown } from './render-markdown.js';
import { simulate } from './simulate.js';
import { doc, policies, row } from './test-support.js';

const ROLE = 'arn:aws:iam::111122223333:role/app';
const ADMIN = policies('admin.json', doc({ Effect: 'Allow', Action: '*', Resource: '*' }));

describe('renderDiffMarkdown', () => {
  it('puts regressions first and prints every metric section', () => {
    const proposed = policies('p.json', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    const report = simulate({
      principal: ROLE,
      usage: [
        row('s3:GetObject', 'arn:aws:s3:::b/k'),
        row('sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:q', { calls: 9 }),
      ],
      proposed,
      baseline: ADMIN,
    });

    const md = renderDiffMarkdown(report);

    expect(md).toContain('> **⚠ 1 regression:** the proposal would deny 9 recorded calls that succeeded');
    const order = [
      '## Summary',
      '## Regressions',
      '## 1. Allowed action delta',
      '## 2. Resource concreteness',
      '## 3. AccessDenied change',
      '## 4. High-risk permission reductions',
    ];
    const positions = order.map((h) => md.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toContain(
      '| `sqs:SendMessage` | `arn:aws:sqs:us-east-1:111122223333:q` | 9 | no statement allows it (implicit deny) |',
    );
    expect(md).toMatch(/\| Allowed actions \| [\d,]+ \| 1 \| −[\d,]+ \|/);
  });

  it('says so when nothing regresses, and shows n/a without a baseline', () => {
    const report = simulate({ principal: ROLE, usage: [row('s3:GetObject', '*')], proposed: ADMIN });

    const md = renderDiffMarkdown(report);

    expect(md).toContain('> **No regression:**');
    expect(md).toContain('| Allowed actions | n/a |');
    expect(md).not.toContain('## Regressions');
  });

  it('escapes values that come from CloudTrail so they cannot break the table or inject HTML', () => {
    const nasty = 'arn:aws:s3:::b/<script>alert(1)</script>|`x`\n# heading';
    const report = simulate({
      principal: ROLE,
      usage: [row('s3:GetObject', nasty)],
      proposed: policies('p', doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' })),
    });

    const md = renderDiffMarkdown(report);

    const line = md.split('\n').find((l) => l.startsWith('| `s3:GetObject`')) ?? '';
    expect(line).toContain("`arn:aws:s3:::b/<script>alert(1)</script>\\|'x' # heading`");
    expect(line.split(/(?<!\\)\|/).length).toBe(6);
    expect(md).not.toContain('\n# heading');
  });

  it('lists the cases and the cross-check with the other evaluator', () => {
    const report = simulate({
      principal: ROLE,
      usage: [],
      proposed: ADMIN,
      cases: [{ name: 'deny <b>me</b>', action: 'iam:CreateUser', expect: 'deny' }],
    });
    const checked = {
      ...report,
      externalCheck: {
        source: 'IAM SimulateCustomPolicy',
        compared: 1,
        missing: 0,
        disagreements: [
          {
            action: 'iam:CreateUser',
            resource: '*',
            local: 'Allow' as const,
            external: 'ImplicitDeny' as const,
          },
        ],
      },
    };

    const md = renderDiffMarkdown(checked);

    expect(md).toContain('| deny &lt;b&gt;me&lt;/b&gt; | deny | n/a | Allow | **unexpected** |');
    expect(md).toContain('**1 disagreement**');
    expect(md).toContain('| `iam:CreateUser` | `*` | Allow | ImplicitDeny |');
  });
});
