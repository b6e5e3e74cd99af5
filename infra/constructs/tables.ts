import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Settings of {@link Tables}. */
export interface TablesProps {
  /** DynamoDB deletion protection on both tables (and RETAIN on stack deletion). */
  readonly deletionProtection: boolean;
}

/**
 * The usage and state tables, with the schema stream/store and stream/dedupe create locally: on demand,
 * point-in-time recovery, AWS-owned encryption, TTL on the state table's `expiresAt`.
 */
export class Tables extends Construct {
  /** `pk`; GSI `byPrincipal` (`pid`, `dayBucket`, keys only). */
  readonly usage: dynamodb.Table;
  /** `pk` + `sk`: redelivery window, quarantine, alert gates and stored alerts; TTL on `expiresAt`. */
  readonly state: dynamodb.Table;

  constructor(scope: Construct, id: string, props: TablesProps) {
    super(scope, id);
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    } as const;
    this.usage = new dynamodb.Table(this, 'Usage', {
      ...common,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    this.usage.addGlobalSecondaryIndex({
      indexName: 'byPrincipal',
      partitionKey: { name: 'pid', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'dayBucket', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    this.state = new dynamodb.Table(this, 'State', {
      ...common,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
    });
  }
}
