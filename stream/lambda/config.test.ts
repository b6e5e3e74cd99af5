import { describe, expect, it } from 'vitest';
import { loadBackfillConfig } from './backfill-config.js';
import { loadConsumerConfig } from './consumer-config.js';
import { ConfigError } from './env-config.js';

describe('consumer configuration', () => {
  it('reads the table names and the optional alert bus', () => {
    const env = { IAMLP_USAGE_TABLE: 'usage', IAMLP_STATE_TABLE: 'state', IAMLP_ALERT_BUS: 'alerts' };

    expect(loadConsumerConfig(env)).toEqual({ usageTable: 'usage', stateTable: 'state', alertBus: 'alerts' });
    expect(loadConsumerConfig({ ...env, IAMLP_ALERT_BUS: undefined }).alertBus).toBeUndefined();
  });

  it('fails naming every missing or empty variable, never echoing values', () => {
    const attempt = () => loadConsumerConfig({ IAMLP_USAGE_TABLE: '  ', IAMLP_ALERT_BUS: '' });

    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const failure = error as ConfigError;
      expect([...failure.variables].sort()).toEqual([
        'IAMLP_ALERT_BUS',
        'IAMLP_STATE_TABLE',
        'IAMLP_USAGE_TABLE',
      ]);
      expect(failure.message).toMatch(/IAMLP_STATE_TABLE: required/);
    }
  });
});

describe('backfill configuration', () => {
  it('applies defaults for the partition suffix, object size limit and scratch directory', () => {
    const config = loadBackfillConfig({
      IAMLP_STREAM_NAME: 'stream',
      AWS_REGION: 'cn-north-1',
      IAMLP_URL_SUFFIX: 'amazonaws.com.cn',
    });

    expect(config).toEqual({
      streamName: 'stream',
      region: 'cn-north-1',
      urlSuffix: 'amazonaws.com.cn',
      maxObjectBytes: 256 * 1024 * 1024,
      tmpDir: '/tmp',
    });
  });

  it('names the missing stream variable and a non-numeric size', () => {
    expect(() => loadBackfillConfig({ AWS_REGION: 'eu-west-1', IAMLP_MAX_OBJECT_BYTES: 'lots' })).toThrow(
      /IAMLP_STREAM_NAME: required.*IAMLP_MAX_OBJECT_BYTES|IAMLP_MAX_OBJECT_BYTES.*IAMLP_STREAM_NAME: required/,
    );
  });
});
