import type { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Stream } from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Settings of {@link IamlpFunction}; everything else is fixed for every iamlp Lambda. */
export interface IamlpFunctionProps {
  /** Directory holding the bundled `index.mjs` (dist/lambda/<name>). */
  readonly codeDir: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment?: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
}

/** DynamoDB actions the stream's single-item conditional writes, batches and queries use. */
const TABLE_ACCESS = {
  read: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:DescribeTable',
  ],
  write: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:BatchWriteItem',
  ],
} as const;

/**
 * An iamlp Lambda with the runtime defaults fixed in one place (newest Node runtime, arm64, the pre-bundled
 * asset, its own log group with retention, source maps) and a role that can only write that log group; the
 * `use…` helpers grant access and set the matching environment variable in one call.
 */
export class IamlpFunction extends Construct {
  /** The Node.js runtime of every iamlp Lambda: the newest this CDK version offers. */
  static readonly RUNTIME = lambda.Runtime.NODEJS_24_X;

  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: IamlpFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.description}`,
    });
    // Not AWSLambdaBasicExecutionRole: that one may create any log group; this role writes its own only.
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new lambda.Function(this, 'Function', {
      runtime: IamlpFunction.RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(props.codeDir),
      handler: 'index.handler',
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    });
  }

  /** Sets an environment variable. */
  setEnv(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }

  /**
   * Grants the table access the stream or API needs, on the table and the named indexes only, and puts the
   * table's name in `envName`.
   */
  useTable(
    envName: string,
    table: Table,
    access: keyof typeof TABLE_ACCESS,
    indexes: readonly string[] = [],
  ): this {
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...TABLE_ACCESS[access]],
        resources: [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index}`)],
      }),
    );
    return this.setEnv(envName, table.tableName);
  }

  /** Grants PutEvents on the bus and puts its name in `envName`. */
  usePutEvents(envName: string, bus: EventBus): this {
    bus.grantPutEventsTo(this.role);
    return this.setEnv(envName, bus.eventBusName);
  }

  /** Grants PutRecords on the stream (and its key) and puts its name in `envName`. */
  usePutRecords(envName: string, stream: Stream): this {
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kinesis:PutRecords', 'kinesis:DescribeStreamSummary'],
        resources: [stream.streamArn],
      }),
    );
    stream.encryptionKey?.grantEncrypt(this.role);
    return this.setEnv(envName, stream.streamName);
  }
}
