import { describe, expect, it } from 'vitest';
import { classifyOutcome } from './classify-outcome.js';

const base = {
  eventType: 'AwsApiCall',
  errorCode: undefined,
  errorMessage: undefined,
  permissionless: false,
};

describe('classifyOutcome', () => {
  it('treats a call without an error as a success', () => {
    expect(classifyOutcome(base)).toEqual({ kind: 'success' });
    expect(classifyOutcome({ ...base, eventType: undefined })).toEqual({ kind: 'success' });
  });

  it.each([
    'AccessDenied',
    'AccessDeniedException',
    'UnauthorizedOperation',
    'Client.UnauthorizedOperation',
    'AuthorizationError',
    'VpceAccessDenied',
  ])('recognises %s as a denial', (code) => {
    expect(classifyOutcome({ ...base, errorCode: code })).toEqual({ kind: 'denied', code });
  });

  it('recognises a denial from the IAM message when the code is service-specific', () => {
    const outcome = classifyOutcome({
      ...base,
      errorCode: 'ValidationException',
      errorMessage:
        'User: arn:aws:iam::1:user/x is not authorized to perform: ssm:GetParameter on resource: y',
    });

    expect(outcome).toEqual({ kind: 'denied', code: 'ValidationException' });
  });

  it('keeps other errors apart from denials', () => {
    expect(classifyOutcome({ ...base, errorCode: 'NoSuchBucketPolicy' })).toEqual({
      kind: 'error',
      code: 'NoSuchBucketPolicy',
    });
    expect(classifyOutcome({ ...base, errorCode: 'Client.AuthFailure' }).kind).toBe('error');
  });

  it('never treats service events, console sign-ins or permissionless calls as grants', () => {
    expect(classifyOutcome({ ...base, eventType: 'AwsServiceEvent' })).toEqual({
      kind: 'not-a-grant',
      reason: 'aws-service-event',
    });
    expect(classifyOutcome({ ...base, eventType: 'AwsConsoleSignIn' })).toEqual({
      kind: 'not-a-grant',
      reason: 'console-sign-in',
    });
    expect(classifyOutcome({ ...base, eventType: 'AwsConsoleAction' }).kind).toBe('not-a-grant');
    expect(classifyOutcome({ ...base, permissionless: true })).toEqual({
      kind: 'not-a-grant',
      reason: 'permissionless',
    });
  });
});
