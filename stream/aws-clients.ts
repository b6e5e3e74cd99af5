import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Where to reach AWS: real AWS (default credential chain and region) unless an endpoint is given. */
export interface AwsTarget {
  /** e.g. `http://127.0.0.1:4567` for kinesalite/dynalite; absent for real AWS. */
  readonly endpoint?: string;
  readonly region?: string;
}

/** Credentials the local emulators accept; never used against real AWS. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const LOCAL_REGION = 'us-east-1';

/**
 * A Kinesis client. It speaks HTTP/1.1 (`NodeHttpHandler`): the SDK's HTTP/2 default makes every call to kinesalite
 * fail. It keeps the default JSON protocol; no emulator speaks CBOR.
 */
export function createKinesisClient(target: AwsTarget = {}): KinesisClient {
  return new KinesisClient({
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 30_000 }),
    ...clientPlace(target),
  });
}

/** A DynamoDB client (HTTP/1.1 already by default). */
export function createDynamoClient(target: AwsTarget = {}): DynamoDBClient {
  return new DynamoDBClient({
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 30_000 }),
    ...clientPlace(target),
  });
}

function clientPlace(target: AwsTarget): {
  endpoint?: string;
  region?: string;
  credentials?: typeof LOCAL_CREDENTIALS;
} {
  if (target.endpoint === undefined) return target.region === undefined ? {} : { region: target.region };
  return { endpoint: target.endpoint, region: target.region ?? LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
}
