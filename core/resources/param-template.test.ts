// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM ARN and map.json templates use ${…} syntax.
import { describe, expect, it } from 'vitest';
import { evaluateTemplate, type TemplateEnv } from './param-template.js';

const scope = { partition: 'aws', region: 'eu-west-1', account: '111122223333' };
const env = (params: unknown, extra: Partial<TemplateEnv> = {}): TemplateEnv => ({ params, scope, ...extra });

describe('evaluateTemplate', () => {
  it('substitutes parameters, falling back to the lowerCamelCase spelling', () => {
    expect(evaluateTemplate('${bucketName}/${Key}', env({ bucketName: 'b', key: 'k' }))).toEqual(['b/k']);
  });

  it('substitutes the call scope', () => {
    expect(evaluateTemplate('arn:${Partition}:sqs:${Region}:${Account}:q', env({}))).toEqual([
      'arn:aws:sqs:eu-west-1:111122223333:q',
    ]);
  });

  it('descends objects and iterates arrays', () => {
    const params = {
      transactItems: [{ put: { tableName: 'A' } }, { put: { tableName: 'B' } }, { update: {} }],
    };
    expect(evaluateTemplate('${transactItems[].put.tableName}', env(params))).toEqual(['A', 'B']);
  });

  it('prints numbers and booleans and skips other items of an iterated array', () => {
    const params = { ids: ['a', 7, null, { x: 1 }, true, 'b'] };
    expect(evaluateTemplate('${ids[]}', env(params))).toEqual(['a', '7', 'true', 'b']);
    expect(evaluateTemplate('${ids[]}', env({ ids: 'not-a-list' }))).toEqual([]);
    expect(evaluateTemplate('p-${ids[]}', env({ ids: ['a', 'b'] }))).toEqual(['p-a', 'p-b']);
  });

  it('yields nothing for a missing parameter', () => {
    expect(evaluateTemplate('x${missing}', env({}))).toEqual([]);
  });

  it('applies %%regex%% and takes capture group 1 (map.json Lambda function-name regex)', () => {
    const template =
      '%%regex%${FunctionName}%/^(?:^arn\\:aws\\:.+function\\:|^[0-9]{12}\\:function\\:)?([^:]+?)(?:\\:[^:]+)?$/g%%';
    expect(
      evaluateTemplate(template, env({ functionName: 'arn:aws:lambda:us-east-1:111122223333:function:f:1' })),
    ).toEqual(['f']);
    expect(evaluateTemplate(template, env({ functionName: '111122223333:function:g' }))).toEqual(['g']);
  });

  it('gives an empty string when the regex does not match (IAM path `/`)', () => {
    const template = '%%regex%${Path}%/^\\/(.+)$/g%%${UserName}';
    expect(evaluateTemplate(template, env({ path: '/', userName: 'bob' }))).toEqual(['bob']);
    expect(evaluateTemplate(template, env({ path: '/ops/', userName: 'bob' }))).toEqual(['ops/bob']);
  });

  it('is not stateful across calls despite the g flag', () => {
    const template = '%%regex%${QueueUrl}%/^.+\\/(.+?)$/g%%';
    const params = { queueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/q1' };
    expect(evaluateTemplate(template, env(params))).toEqual(['q1']);
    expect(evaluateTemplate(template, env(params))).toEqual(['q1']);
  });

  it('supports %%many%%, %%urlencode%% and %%iftruthy%%', () => {
    const params = { taskRoleArn: 'arn:task', executionRoleArn: 'arn:exec', profile: { arn: 'p' } };
    expect(evaluateTemplate('%%many%${taskRoleArn}%${executionRoleArn}%%', env(params))).toEqual([
      'arn:task',
      'arn:exec',
    ]);
    expect(evaluateTemplate('%%urlencode%${k}%%', env({ k: 'a b/c' }))).toEqual(['a%20b%2Fc']);
    expect(evaluateTemplate('%%iftruthy%${profile.arn}%*%%%', env(params))).toEqual(['*']);
    expect(evaluateTemplate('%%iftruthy%${nothing}%*%%%', env(params))).toEqual(['']);
  });

  it('filters with %%iftemplatematch%% when a type check is given', () => {
    const matchesType = (arn: string) => arn.startsWith('arn:aws:sns:');
    expect(
      evaluateTemplate(
        '%%iftemplatematch%${targetArn}%%',
        env({ targetArn: 'arn:aws:sns:x' }, { matchesType }),
      ),
    ).toEqual(['arn:aws:sns:x']);
    expect(
      evaluateTemplate(
        '%%iftemplatematch%${targetArn}%%',
        env({ targetArn: 'arn:aws:sqs:x' }, { matchesType }),
      ),
    ).toEqual([]);
  });

  it('treats unknown helpers and broken syntax as producing nothing', () => {
    expect(evaluateTemplate('%%nope%${a}%%', env({ a: 'x' }))).toEqual([]);
    expect(evaluateTemplate('${unterminated', env({ unterminated: 'x' }))).toEqual([]);
    expect(evaluateTemplate('%%regex%${a}%/(unclosed/g%%', env({ a: 'x' }))).toEqual([]);
  });

  it('reports oversized values and excessive fan-out as invalid', () => {
    expect(evaluateTemplate('${a}', env({ a: 'x'.repeat(5000) }))).toBe('invalid');
    const many = Array.from({ length: 101 }, (_, i) => `t${i}`);
    expect(evaluateTemplate('${names[]}', env({ names: many }))).toBe('invalid');
    expect(evaluateTemplate('${a[]}-${b[]}', env({ a: many.slice(0, 20), b: many.slice(0, 20) }))).toBe(
      'invalid',
    );
  });

  it('ignores inherited properties', () => {
    expect(evaluateTemplate('${constructor}', env({}))).toEqual([]);
  });
});
