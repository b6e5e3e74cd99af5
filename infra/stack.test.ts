import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GRANTED_READ_ACTIONS } from './constructs/api.js';
import { IamlpFunction } from './constructs/iamlp-function.js';
import {
  BACKFILL_INVOKE,
  INGEST_TARGET_RETRY,
  ORGANIZATION_HOP_RETRY,
  REDELIVERY_WINDOW,
} from './stream-settings.js';
import { identityStatements, propertiesOfType, type TemplateResources, testStack } from './test-support.js';

let template: Template;
let resources: TemplateResources;

beforeAll(() => {
  template = Template.fromStack(testStack().stack);
  resources = template.toJSON().Resources as TemplateResources;
}, 60_000);

function ofType(type: string): Record<string, unknown>[] {
  return propertiesOfType(resources, type);
}

describe('ingestion', () => {
  it('routes every CloudTrail API call, read-only management events included, to the stream by eventID', () => {
    const rules = ofType('AWS::Events::Rule').filter((r) =>
      JSON.stringify(r.EventPattern).includes('CloudTrail'),
    );

    expect(rules).toHaveLength(2); // default bus + organization bus
    for (const rule of rules) {
      expect(rule).toMatchObject({
        EventPattern: { 'detail-type': ['AWS API Call via CloudTrail'] },
        State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        Targets: [
          {
            Arn: { 'Fn::GetAtt': [expect.stringMatching(/^IngestionStream/), 'Arn'] },
            KinesisParameters: { PartitionKeyPath: '$.detail.eventID' },
            DeadLetterConfig: {
              Arn: { 'Fn::GetAtt': [expect.stringMatching(/^IngestionDeadLetters/), 'Arn'] },
            },
            RetryPolicy: { MaximumEventAgeInSeconds: expect.any(Number), MaximumRetryAttempts: 185 },
          },
        ],
      });
    }
  });

  it('keeps EventBridge redeliveries inside the consumer redelivery window', () => {
    const ages = ofType('AWS::Events::Rule')
      .filter((r) => JSON.stringify(r.EventPattern).includes('CloudTrail'))
      .map((r) => (r.Targets as { RetryPolicy: { MaximumEventAgeInSeconds: number } }[])[0]?.RetryPolicy);

    expect(ages.map((p) => p?.MaximumEventAgeInSeconds)).toEqual([
      INGEST_TARGET_RETRY.maxEventAge.toSeconds(),
      ORGANIZATION_HOP_RETRY.maxEventAge.toSeconds(),
    ]);
    expect(INGEST_TARGET_RETRY.maxEventAge.toSeconds()).toBeLessThan(REDELIVERY_WINDOW.toSeconds());
  });

  it('encrypts the stream', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
    });
  });

  it('lets only principals of the organization put events on the organization bus', () => {
    template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      Statement: Match.objectLike({
        Action: 'events:PutEvents',
        Principal: { AWS: '*' },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } },
      }),
    });
  });

  it('logs only the chosen data events in its trail', () => {
    const [trail] = ofType('AWS::CloudTrail::Trail');

    expect(trail?.EventSelectors).toBeUndefined();
    const selectors = trail?.AdvancedEventSelectors as { FieldSelectors: Record<string, unknown>[] }[];
    expect(selectors).toHaveLength(3);
    for (const selector of selectors)
      expect(selector.FieldSelectors).toContainEqual({ Field: 'eventCategory', Equals: ['Data'] });
    expect(JSON.stringify(selectors)).toContain('arn:aws:s3:::example-data-bucket/');
  });
});

describe('consumer', () => {
  it('sets every retry setting of the event source mapping explicitly', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 3600,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConsumerFailedBatches'), 'Arn'] },
        },
      },
    });
  });

  it('runs every function on the newest Node runtime (at least 20) on arm64', () => {
    const runtime = IamlpFunction.RUNTIME.name;
    const functions = ofType('AWS::Lambda::Function').filter((f) => String(f.Runtime).startsWith('nodejs'));

    expect(Number(/^nodejs(\d+)/.exec(runtime)?.[1])).toBeGreaterThanOrEqual(20);
    expect(functions).toHaveLength(3);
    for (const fn of functions)
      expect(fn).toMatchObject({ Runtime: runtime, Architectures: ['arm64'], Handler: 'index.handler' });
  });

  it('configures the consumer with its tables and the alert bus, and lets it put alerts there', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          IAMLP_USAGE_TABLE: { Ref: Match.stringLikeRegexp('^TablesUsage') },
          IAMLP_STATE_TABLE: { Ref: Match.stringLikeRegexp('^TablesState') },
          IAMLP_ALERT_BUS: { Ref: Match.stringLikeRegexp('^AlertBus') },
          // Source maps for stack traces, and the young generation the consumer was benchmarked with.
          NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=32',
        }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'events:PutEvents',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertBus'), 'Arn'] },
          }),
        ]),
      },
    });
  });
});

describe('API', () => {
  it('requires IAM authorization on every route', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route');

    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.AuthorizationType).toBe('AWS_IAM');
  });

  it('lets only the UI origin call the API cross-origin, with the signing headers, If-None-Match and ETag', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowHeaders: Match.arrayWith([
          'authorization',
          'x-amz-date',
          'x-amz-security-token',
          'if-none-match',
        ]),
        ExposeHeaders: ['etag'],
        AllowOrigins: [Match.anyValue()],
      }),
    });
  });

  it('logs access on the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('configures the API Lambda for IAM auth, the UI origin and granted permissions from IAM', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          IAMLP_AUTH: 'iam',
          IAMLP_GRANTED_SOURCE: 'iam',
          IAMLP_CORS_ORIGIN: Match.anyValue(),
          IAMLP_USAGE_TABLE: Match.anyValue(),
          IAMLP_STATE_TABLE: Match.anyValue(),
        }),
      },
    });
  });

  it('reads granted permissions with Get/List actions on this account only', () => {
    const statements = identityStatements(resources).filter((s) => s.Sid === 'ReadGrantedPermissions');

    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toEqual([...GRANTED_READ_ACTIONS]);
    const managed = identityStatements(resources).find((s) => s.Sid === 'ReadAwsManagedPolicies');
    expect(managed?.Action).toEqual(['iam:GetPolicy', 'iam:GetPolicyVersion']);
    expect(JSON.stringify(managed?.Resource)).toContain(':iam::aws:policy/*');
    expect(JSON.stringify(statements[0]?.Resource)).toMatch(
      /:iam::111122223333:role\/\*.*user\/\*.*group\/\*.*policy\/\*/,
    );
  });
});

describe('UI', () => {
  it('serves a private, SSL-only bucket through CloudFront origin access control', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
    for (const bucket of ofType('AWS::S3::Bucket')) {
      expect(bucket.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    for (const policy of ofType('AWS::S3::BucketPolicy')) {
      expect(JSON.stringify(policy.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('sends the Content-Security-Policy as a header, framing forbidden, API Gateway allowed for connect-src', () => {
    const [policy] = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    const csp = JSON.stringify(policy?.ResponseHeadersPolicyConfig);

    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.execute-api\.eu-west-1\./);
  });

  it('writes config.json with the API URL, SigV4 auth and the region into the bucket', () => {
    const [deployment] = ofType('Custom::CDKBucketDeployment');

    expect(deployment?.DestinationBucketName).toEqual({ Ref: expect.stringMatching(/^WebSite/) });
    expect(JSON.stringify(deployment?.SourceMarkers)).toMatch(/ApiHttpApi/);
    // The file's content is rendered into an asset at synthesis; the API URL in it is filled in at deploy time.
    const jsonData = vi.spyOn(s3deploy.Source, 'jsonData');
    try {
      testStack({ features: false });
      expect(jsonData).toHaveBeenCalledWith('config.json', {
        apiBaseUrl: expect.stringMatching(/^https:\/\/\$\{Token\[.+\]\}\.execute-api\.eu-west-1\./),
        auth: 'sigv4',
        region: 'eu-west-1',
      });
    } finally {
      jsonData.mockRestore();
    }
  });
});

describe('alarms', () => {
  it('alarms on iterator age, every give-up queue and every function error', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    const names = alarms.map((a) => `${a.Namespace}/${a.MetricName}`);

    expect(names.filter((n) => n === 'AWS/Lambda/IteratorAge')).toHaveLength(1);
    expect(names.filter((n) => n === 'AWS/SQS/ApproximateNumberOfMessagesVisible')).toHaveLength(3);
    expect(names.filter((n) => n === 'AWS/Lambda/Errors')).toHaveLength(3);
    for (const alarm of alarms)
      expect(alarm.AlarmActions).toEqual(['arn:aws:sns:eu-west-1:111122223333:alarms']);
  });
});

describe('backfill', () => {
  it('invokes the backfill for CloudTrail log files created under the prefix', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: ['example-trail-logs'] }, object: { key: [{ prefix: 'AWSLogs/' }] } },
      },
    });
  });

  it('retries a failed backfill only while the consumer still drops the re-sent records', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 600,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const worstCase = (BACKFILL_INVOKE.retryAttempts + 1) * BACKFILL_INVOKE.timeout.toSeconds() + 120;
    expect(worstCase).toBeLessThan(REDELIVERY_WINDOW.toSeconds());
  });
});

describe('least privilege', () => {
  it('grants no wildcard action and no wildcard resource in any statement', () => {
    const statements = identityStatements(resources);

    expect(statements.length).toBeGreaterThan(10);
    for (const statement of statements) {
      const actions = [statement.Action].flat();
      expect(actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/.test(String(a)))).toEqual([]);
      expect([statement.Resource].flat()).not.toContain('*');
    }
  });
});
