import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { bucketRef } from '../exact-optional.js';

/** Settings of {@link Web}. */
export interface WebProps {
  /** Receives the site bucket's access logs and CloudFront's standard logs. */
  readonly logBucket: s3.Bucket;
}

/**
 * The static UI: a private, SSL-only S3 bucket served by CloudFront through origin access control, with access
 * logs, security headers, and a `config.json` telling the UI where the API is.
 */
export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.logBucket = props.logBucket;
    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: bucketRef(this.logBucket),
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'iamlp UI',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(bucketRef(this.bucket)),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.securityHeaders(),
        // Short-lived copies instead of invalidations: BucketDeployment would grant those on every distribution.
        cachePolicy: new cloudfront.CachePolicy(this, 'ShortCache', {
          defaultTtl: Duration.minutes(5),
          maxTtl: Duration.hours(1),
          minTtl: Duration.seconds(0),
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        }),
      },
      enableLogging: true,
      logBucket: bucketRef(this.logBucket),
      logFilePrefix: 'cloudfront/',
    });
  }

  /**
   * The UI's security headers, the Content-Security-Policy included as a header (a meta tag cannot carry
   * `frame-ancestors`): the UI's own policy, plus API Gateway origins of this region for `connect-src` — naming the
   * API itself would make the API and the distribution depend on each other (the API's CORS origin is the UI's).
   */
  private securityHeaders(): cloudfront.ResponseHeadersPolicy {
    const { region, urlSuffix } = Stack.of(this);
    const csp = [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      `connect-src 'self' https://*.execute-api.${region}.${urlSuffix}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    return new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'iamlp UI security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });
  }

  /** The UI's origin, `https://<distribution domain>`: the API's CORS origin. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Uploads the built UI (absent: only `config.json`, the UI is uploaded separately) and a `config.json` naming
   * the API, with a deployment role that can only write its own log group and the buckets involved. The API uses
   * IAM authorization, so the config tells the UI to sign requests (SigV4) for this stack's region with the
   * credentials the user signs in with.
   */
  deploy(
    assetDir: string | undefined,
    apiUrl: string,
    logRetention: logs.RetentionDays,
  ): s3deploy.BucketDeployment {
    const config = { apiBaseUrl: apiUrl, auth: 'sigv4', region: Stack.of(this).region };
    // Last, so it replaces the UI build's own config.json.
    const sources = [s3deploy.Source.jsonData('config.json', config)];
    if (assetDir !== undefined) sources.unshift(s3deploy.Source.asset(assetDir));
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', { retention: logRetention });
    const role = new iam.Role(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the iamlp UI and its config.json into the site bucket',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    return new s3deploy.BucketDeployment(this, 'Deployment', {
      sources,
      destinationBucket: bucketRef(this.bucket),
      role,
      logGroup,
      memoryLimit: 256,
      // Deleting the stack deletes the files, so the (destroyable) site bucket is empty by then.
      retainOnDelete: false,
    });
  }
}
