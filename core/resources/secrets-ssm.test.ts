import { describe, expect, it } from 'vitest';
import { fromRecord, fromRequest, resolve, UNRESOLVED } from './test-support.js';

describe('Secrets Manager', () => {
  it('uses a complete secret ARN as is', () => {
    const arn =
      'arn:aws:secretsmanager:us-east-1:123837392027:secret:stratus-red-team-retrieve-secret-6-fAVH0t';
    expect(resolve('secretsmanager:GetSecretValue', { secretId: arn, versionId: 'B36292B7' })).toEqual(
      fromRequest(arn),
    );
  });

  it('adds the random-suffix wildcard to a name', () => {
    expect(resolve('secretsmanager:GetSecretValue', { secretId: 'prod/db/password' })).toEqual(
      fromRequest('arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db/password-??????'),
    );
  });

  it('adds it to the name of CreateSecret', () => {
    const params = {
      name: 'stratus-red-team-retrieve-secret-0',
      clientRequestToken: 'D796F4C4',
      description: '',
    };
    expect(
      resolve('secretsmanager:CreateSecret', params, { partition: 'aws-us-gov', region: 'us-gov-west-1' }),
    ).toEqual(
      fromRequest(
        'arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:stratus-red-team-retrieve-secret-0-??????',
      ),
    );
  });

  it('completes a partial ARN in its own account', () => {
    const partial = 'arn:aws:secretsmanager:eu-west-1:999988887777:secret:shared/api-key';
    expect(resolve('secretsmanager:GetSecretValue', { secretId: partial })).toEqual(
      fromRequest(`${partial}-??????`),
    );
  });

  it('reads secretIdList', () => {
    expect(resolve('secretsmanager:GetSecretValue', { secretIdList: ['b', 'a'] })).toEqual(
      fromRequest(
        'arn:aws:secretsmanager:us-east-1:111122223333:secret:a-??????',
        'arn:aws:secretsmanager:us-east-1:111122223333:secret:b-??????',
      ),
    );
  });

  it('falls back on hostile names', () => {
    expect(resolve('secretsmanager:GetSecretValue', { secretId: 'prod/*' })).toEqual(UNRESOLVED);
    expect(resolve('secretsmanager:GetSecretValue', { secretId: 'prod/db??????' })).toEqual(UNRESOLVED);
    expect(resolve('secretsmanager:GetSecretValue', { secretId: 'a b' })).toEqual(UNRESOLVED);
  });
});

describe('SSM parameters', () => {
  const param = (path: string, account = '123837392027', region = 'us-east-1') =>
    `arn:aws:ssm:${region}:${account}:parameter/${path}`;

  it('drops exactly one leading slash', () => {
    expect(resolve('ssm:GetParameter', { name: '/app/db/password', withDecryption: true })).toEqual(
      fromRequest(param('app/db/password', '111122223333')),
    );
  });

  it('adds the slash for names without one', () => {
    expect(resolve('ssm:GetParameter', { name: 'plain-name' })).toEqual(
      fromRequest(param('plain-name', '111122223333')),
    );
  });

  it('strips a version or label selector', () => {
    expect(resolve('ssm:GetParameter', { name: '/app/flag:3' })).toEqual(
      fromRequest(param('app/flag', '111122223333')),
    );
  });

  it('uses a parameter ARN (shared parameters) as is', () => {
    const arn = param('shared/config', '999988887777');
    expect(resolve('ssm:GetParameter', { name: arn })).toEqual(fromRequest(arn));
  });

  it('resolves every name of GetParameters, deduplicated', () => {
    const params = { names: ['/credentials/b', '/credentials/a', '/credentials/b'], withDecryption: true };
    expect(resolve('ssm:GetParameters', params, { account: '123837392027' })).toEqual(
      fromRequest(param('credentials/a'), param('credentials/b')),
    );
  });

  it('prefers the record (CloudTrail lists parameter ARNs without a type)', () => {
    const resources = [
      { accountId: '123837392027', arn: param('credentials/stratus-red-team/credentials-6') },
    ];
    const params = { name: '/credentials/stratus-red-team/credentials-6', withDecryption: true };
    expect(resolve('ssm:GetParameter', params, { resources })).toEqual(
      fromRecord(param('credentials/stratus-red-team/credentials-6')),
    );
  });

  it('resolves GetParametersByPath to the path itself', () => {
    expect(resolve('ssm:GetParametersByPath', { path: '/app/prod/', recursive: true })).toEqual(
      fromRequest(param('app/prod', '111122223333')),
    );
    expect(resolve('ssm:GetParametersByPath', { path: '/' })).toEqual(UNRESOLVED);
  });

  it('reads the parameter of tagging calls', () => {
    const params = { resourceType: 'Parameter', resourceId: '/credentials/stratus-red-team/credentials-30' };
    expect(resolve('ssm:ListTagsForResource', params, { account: '123837392027' })).toEqual(
      fromRequest(param('credentials/stratus-red-team/credentials-30')),
    );
  });

  it('falls back on hostile names', () => {
    expect(resolve('ssm:GetParameter', { name: '/app/*' })).toEqual(UNRESOLVED);
    expect(resolve('ssm:GetParameters', { names: ['/ok', '/bad name'] })).toEqual(UNRESOLVED);
    expect(resolve('ssm:GetParameter', { name: '/' })).toEqual(UNRESOLVED);
  });
});
