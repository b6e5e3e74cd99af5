import { describe, expect, it } from 'vitest';
import { parseApiEnv } from './config.js';

describe('parseApiEnv', () => {
  const base = { IAMLP_USAGE_TABLE: 'iamlp-usage', IAMLP_STATE_TABLE: 'iamlp-state' };

  it('defaults to IAM authorization and IAM granted permissions', () => {
    expect(parseApiEnv(base)).toMatchObject({
      IAMLP_AUTH: 'iam',
      IAMLP_GRANTED_SOURCE: 'iam',
      IAMLP_GRANTED_TTL_SECONDS: 300,
      IAMLP_REFRESH_MS: 5000,
    });
  });

  it('fails fast naming the variable', () => {
    expect(() => parseApiEnv({ IAMLP_STATE_TABLE: 'x-state' })).toThrow(/IAMLP_USAGE_TABLE/);
    expect(() => parseApiEnv({ ...base, IAMLP_CORS_ORIGIN: 'not a url' })).toThrow(/IAMLP_CORS_ORIGIN/);
    expect(() => parseApiEnv({ ...base, IAMLP_AUTH: 'token' })).toThrow(/IAMLP_API_TOKEN/);
    expect(() => parseApiEnv({ ...base, IAMLP_AUTH: 'basic' })).toThrow(/IAMLP_AUTH/);
  });
});
