import type { DefaultStackSynthesizer, IStackSynthesizer } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as s3 from 'aws-cdk-lib/aws-s3';

// aws-cdk-lib declares optional interface members (`IBucket.isWebsite?: boolean`) that its classes implement as
// `boolean | undefined`; under this project's exactOptionalPropertyTypes a class is then not assignable to the
// interface it implements. These widen a construct to that interface; nothing is converted at runtime.

/** A bucket as the `IBucket` it implements. */
export function bucketRef(bucket: s3.Bucket): s3.IBucket {
  return bucket as s3.IBucket;
}

/** An event bus as the `IEventBus` it implements. */
export function eventBusRef(bus: events.EventBus): events.IEventBus {
  return bus as events.IEventBus;
}

/** A stack synthesizer as the `IStackSynthesizer` it implements. */
export function synthesizerRef(synthesizer: DefaultStackSynthesizer): IStackSynthesizer {
  return synthesizer as IStackSynthesizer;
}
