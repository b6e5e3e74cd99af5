// Lambda entry point of the Kinesis consumer: configuration is read once at cold start and fails fast.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createDynamoClient } from '../aws-clients.js';
import { createConsumerHandler } from '../consumer/index.js';
import type { KinesisBatchResponse, KinesisStreamEvent } from '../poller/lambda-kinesis-types.js';
import { loadConsumerConfig } from './consumer-config.js';
import { buildConsumerDeps } from './consumer-deps.js';
import { logLine } from './log-line.js';

const config = loadConsumerConfig(process.env);
const consume = createConsumerHandler(
  buildConsumerDeps(
    config,
    {
      dynamodb: createDynamoClient(),
      ...(config.alertBus === undefined ? {} : { eventbridge: new EventBridgeClient({}) }),
    },
    logLine,
  ),
);

/** The Kinesis event source mapping's handler; returns a partial batch response. */
export function handler(event: KinesisStreamEvent): Promise<KinesisBatchResponse> {
  return consume(event);
}
