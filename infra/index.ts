// The AWS CDK deployment of iamlp: the stack, its constructs and the deployment parameters.
export { Alarms, type AlarmsProps } from './constructs/alarms.js';
export { Api, type ApiProps, GRANTED_READ_ACTIONS } from './constructs/api.js';
export { Backfill, type BackfillProps, type BackfillSource } from './constructs/backfill.js';
export { Consumer, type ConsumerProps } from './constructs/consumer.js';
export { IamlpFunction, type IamlpFunctionProps } from './constructs/iamlp-function.js';
export {
  ALL_MANAGEMENT_EVENTS,
  CLOUDTRAIL_PATTERN,
  type DataEventSources,
  Ingestion,
  type IngestionProps,
} from './constructs/ingestion.js';
export { Tables, type TablesProps } from './constructs/tables.js';
export { Web, type WebProps } from './constructs/web.js';
export { DeployContextSchema, type DeployParameters, parseDeployContext } from './context.js';
export { IamlpForwarderStack, type IamlpForwarderStackProps } from './forwarder-stack.js';
export { IamlpStack, type IamlpStackProps, type LambdaCode } from './iamlp-stack.js';
export { lambdaCodeIn, MissingBundleError } from './lambda-code.js';
export {
  BACKFILL_INVOKE,
  CONSUMER_MAPPING,
  INGEST_TARGET_RETRY,
  ORGANIZATION_HOP_RETRY,
  REDELIVERY_WINDOW,
} from './stream-settings.js';
