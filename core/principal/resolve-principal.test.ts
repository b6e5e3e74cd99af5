import { describe, expect, it } from 'vitest';
import type { UserIdentity } from '../cloudtrail/schema.js';
import { partitionOfRegion } from './partition.js';
import { resolveCaller } from './resolve-principal.js';

const place = { recipientAccountId: '111122223333', region: 'eu-west-1' };

describe('resolveCaller', () => {
  it('aggregates an assumed-role session to its role, keeping the role path from the session issuer', () => {
    const identity: UserIdentity = {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/deployer/alice@example.com',
      accountId: '111122223333',
      sessionContext: {
        sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/service/app/deployer' },
        sourceIdentity: 'alice',
      },
    };

    const caller = resolveCaller(identity, place);

    expect(caller.principal).toEqual({
      arn: 'arn:aws:iam::111122223333:role/service/app/deployer',
      kind: 'role',
      accountId: '111122223333',
      partition: 'aws',
      flags: [],
      draftable: true,
    });
    expect(caller.sessionName).toBe('alice@example.com');
    expect(caller.sourceIdentity).toBe('alice');
  });

  it('falls back to the assumed-role ARN when the session issuer is missing', () => {
    const caller = resolveCaller(
      { type: 'AssumedRole', arn: 'arn:aws-us-gov:sts::111122223333:assumed-role/ops/i-0abc' },
      place,
    );

    expect(caller.principal.arn).toBe('arn:aws-us-gov:iam::111122223333:role/ops');
    expect(caller.principal.partition).toBe('aws-us-gov');
    expect(caller.sessionName).toBe('i-0abc');
  });

  it('flags Identity Center and service-linked roles; service-linked roles are not draftable', () => {
    const sso = resolveCaller(
      {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/bob',
        sessionContext: {
          sessionIssuer: {
            arn: 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123',
          },
        },
      },
      place,
    );
    const linked = resolveCaller(
      {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/cfg',
        sessionContext: {
          sessionIssuer: {
            arn: 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
          },
        },
      },
      place,
    );

    expect(sso.principal.flags).toEqual(['identity-center']);
    expect(sso.principal.draftable).toBe(true);
    expect(linked.principal.flags).toEqual(['service-linked']);
    expect(linked.principal.draftable).toBe(false);
  });

  it('flags web-identity role sessions', () => {
    const caller = resolveCaller(
      {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/gha-deploy/GitHubActions',
        sessionContext: {
          sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/gha-deploy' },
          webIdFederationData: {
            federatedProvider: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
          },
        },
      },
      place,
    );

    expect(caller.principal.flags).toEqual(['web-identity-session']);
  });

  it('resolves users, root, federated users and other accounts', () => {
    expect(
      resolveCaller(
        { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ci/builder', accountId: '111122223333' },
        place,
      ).principal,
    ).toMatchObject({ arn: 'arn:aws:iam::111122223333:user/ci/builder', kind: 'user', draftable: true });
    expect(resolveCaller({ type: 'Root', accountId: '111122223333' }, place).principal.arn).toBe(
      'arn:aws:iam::111122223333:root',
    );
    expect(
      resolveCaller({ type: 'FederatedUser', arn: 'arn:aws:sts::111122223333:federated-user/carol' }, place)
        .principal,
    ).toMatchObject({ arn: 'arn:aws:sts::111122223333:federated-user/carol', kind: 'federated-user' });
    const other = resolveCaller(
      { type: 'AWSAccount', accountId: '444455556666', principalId: 'AIDA:x' },
      place,
    );
    expect(other.principal).toMatchObject({ arn: 'arn:aws:iam::444455556666:root', kind: 'aws-account' });
    expect(other.sourceAccount).toBe('444455556666');
  });

  it('never drafts AWS services, web-identity or SAML users', () => {
    const service = resolveCaller({ type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' }, place);
    const typeless = resolveCaller({ invokedBy: 'health.amazonaws.com', accountId: '111122223333' }, place);
    const web = resolveCaller(
      { type: 'WebIdentityUser', identityProvider: 'accounts.google.com', userName: 'u1' },
      place,
    );
    const saml = resolveCaller({ type: 'SAMLUser', identityProvider: 'idp', userName: 'u2' }, place);

    expect(service.principal).toMatchObject({
      arn: 'cloudtrail.amazonaws.com',
      kind: 'aws-service',
      draftable: false,
    });
    expect(typeless.principal).toMatchObject({ arn: 'health.amazonaws.com', kind: 'aws-service' });
    expect(web.principal).toMatchObject({ kind: 'web-identity', draftable: false });
    expect(saml.principal).toMatchObject({ kind: 'saml', draftable: false });
  });

  it('keeps invokedBy only for services acting on the principal behalf, not consoles', () => {
    const user = { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/u', accountId: '111122223333' };

    expect(resolveCaller({ ...user, invokedBy: 'secretsmanager.amazonaws.com' }, place).invokedBy).toBe(
      'secretsmanager.amazonaws.com',
    );
    expect(resolveCaller({ ...user, invokedBy: 'signin.amazonaws.com' }, place).invokedBy).toBeUndefined();
    expect(resolveCaller({ ...user, invokedBy: 'AWS Internal' }, place).invokedBy).toBeUndefined();
  });
});

describe('partitionOfRegion', () => {
  it('knows the partitions by region prefix', () => {
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-isob-east-1')).toBe('aws-iso-b');
    expect(partitionOfRegion('eu-central-1')).toBe('aws');
    expect(partitionOfRegion(undefined)).toBe('aws');
  });
});
