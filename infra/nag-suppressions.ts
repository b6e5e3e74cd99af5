import { type CfnElement, DefaultStackSynthesizer, type Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { IamlpForwarderStack } from './forwarder-stack.js';
import type { IamlpStack } from './iamlp-stack.js';

/** A cdk-nag finding this design accepts, and why. */
interface Acknowledgment {
  readonly id: string;
  readonly reason: string;
}

const DLQ_REASON =
  'This queue is itself the dead-letter / on-failure destination; a queue behind it would add nothing. ' +
  'An alarm fires on its first message.';

/**
 * Acknowledges the cdk-nag AwsSolutions findings this design accepts, each on the construct it concerns and with
 * its reason; anything else nag finds fails synthesis (and infra/nag.test.ts).
 */
export function acknowledgeJustifiedFindings(stack: IamlpStack): void {
  const queues = [stack.ingestion.deadLetterQueue, stack.consumer.failedBatches, stack.backfill?.failures];
  for (const queue of queues) if (queue) acknowledge(queue, { id: 'AwsSolutions-SQS3', reason: DLQ_REASON });
  acknowledge(
    stack.web.distribution,
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'The UI is static HTML/JS holding no data; data comes only from the IAM-authorized API. Geo restriction ' +
        'is an organisation policy, not a property of this app.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'Static, data-free assets; the API is not behind CloudFront and requires SigV4. Operators can attach a ' +
        'web ACL to the distribution if their policy asks for one.',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate has a viewer TLS policy CloudFront fixes at TLSv1; a higher ' +
        'minimum needs a custom domain and ACM certificate, which this stack does not manage. No credentials ' +
        'pass through CloudFront: the browser signs its API calls, and API Gateway requires TLS 1.2.',
    },
  );
  const siteBucket = logicalIdOf(stack, stack.web.bucket.node.defaultChild);
  acknowledge(
    stack.web.node.findChild('DeploymentRole'),
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `CDK BucketDeployment's read/write action set (${action}), limited to the asset and site buckets.`,
    })),
    {
      id: `AwsSolutions-IAM5[Resource::${nagArn(`s3:::${assetBucketName(stack)}/*`)}]`,
      reason: 'The deployment reads its source zip from the CDK asset bucket; asset keys are content hashes.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${siteBucket}.Arn>/*]`,
      reason: 'The deployment writes (and prunes) every object of the UI bucket.',
    },
  );
  const deploymentHandler = stack.node.children.find((c) =>
    c.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (deploymentHandler)
    acknowledge(deploymentHandler, {
      id: 'AwsSolutions-L1',
      reason:
        "The runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib and follows its releases; it " +
        'runs only while deploying.',
    });
  if (stack.api) {
    acknowledge(
      stack.api.handler.role,
      ...['role', 'user', 'group', 'policy'].map((type) => ({
        id: `AwsSolutions-IAM5[Resource::${nagArn(`iam::${accountOf(stack)}:${type}/*`)}]`,
        reason:
          `The API compares used with granted permissions for whichever ${type} it is asked about, so it reads ` +
          `any ${type} of this account; only the Get/List actions it calls, listed one by one.`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::${nagArn('iam::aws:policy/*')}]`,
        reason:
          'Principals may have AWS managed policies attached; reading their documents (GetPolicy, ' +
          'GetPolicyVersion only) is how the API knows what they grant.',
      },
    );
  }
  const { backfill } = stack;
  if (backfill) {
    acknowledge(backfill.handler.role, {
      id: `AwsSolutions-IAM5[Resource::${nagArn(`s3:::${backfill.bucketName}/${backfill.prefix}*`)}]`,
      reason:
        'Reads the log files CloudTrail writes under the configured prefix; their keys are not known ahead.',
    });
  }
}

/** The findings the member-account forwarder accepts. */
export function acknowledgeForwarderFindings(stack: IamlpForwarderStack): void {
  acknowledge(stack.deadLetterQueue, { id: 'AwsSolutions-SQS3', reason: DLQ_REASON });
}

function acknowledge(scope: IConstruct, ...rules: Acknowledgment[]): void {
  Validations.of(scope).acknowledge(...rules);
}

/** An ARN as cdk-nag prints it: `arn:<AWS::Partition>:<rest>`. */
function nagArn(rest: string): string {
  return `arn:<AWS::Partition>:${rest}`;
}

function accountOf(stack: Stack): string {
  return Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
}

function assetBucketName(stack: Stack): string {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${accountOf(stack)}-${region}`;
}

function logicalIdOf(stack: Stack, element: IConstruct | undefined): string {
  return stack.resolve((element as CfnElement).logicalId) as string;
}
