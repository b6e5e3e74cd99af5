import { z } from 'zod';
import type { IamlpStackProps } from './iamlp-stack.js';

/** A list given as a JSON array in cdk.json or as a comma-separated `-c key=a,b` string. */
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''));
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const arn = (service: string) =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), `a ${service} ARN`);

/** The deployment parameters accepted as CDK context (`cdk.json` or `-c iamlp:<name>=<value>`). */
export const DeployContextSchema = z.object({
  'iamlp:stackName': z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/)
    .default('Iamlp'),
  'iamlp:shards': z.coerce.number().int().min(1).max(500).default(1),
  'iamlp:organizationId': z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, 'an organization id (o-…)')
    .optional(),
  'iamlp:dataEventBucketArns': list.pipe(z.array(arn('s3'))).default([]),
  'iamlp:dataEventFunctionArns': list.pipe(z.array(arn('lambda'))).default([]),
  'iamlp:dataEventTableArns': list.pipe(z.array(arn('dynamodb'))).default([]),
  'iamlp:backfillBucket': z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name')
    .optional(),
  'iamlp:backfillPrefix': z.string().max(512).optional(),
  'iamlp:deletionProtection': flag.default(true),
  'iamlp:alarmTopicArn': arn('sns').optional(),
  /** Set in member accounts' synth: the organization bus to forward to (adds the forwarder stack). */
  'iamlp:organizationBusArn': arn('events').optional(),
});

/** The stack settings derived from context, minus code locations. */
export type DeployParameters = Omit<IamlpStackProps, 'lambdaCode' | 'webAssetDir'> & {
  readonly stackName: string;
  /** The organization bus member accounts forward to; set, the app also synthesizes the forwarder stack. */
  readonly organizationBusArn?: string;
};

/** Parses the `iamlp:*` context values; throws naming each invalid key. */
export function parseDeployContext(read: (key: string) => unknown): DeployParameters {
  const raw = Object.fromEntries(Object.keys(DeployContextSchema.shape).map((key) => [key, read(key)]));
  const parsed = DeployContextSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ');
    throw new Error(`invalid iamlp context: ${detail}`);
  }
  const c = parsed.data;
  const dataEvents = {
    bucketArns: c['iamlp:dataEventBucketArns'],
    functionArns: c['iamlp:dataEventFunctionArns'],
    tableArns: c['iamlp:dataEventTableArns'],
  };
  const backfillBucket = c['iamlp:backfillBucket'];
  const prefix = c['iamlp:backfillPrefix'];
  return {
    stackName: c['iamlp:stackName'],
    shards: c['iamlp:shards'],
    deletionProtection: c['iamlp:deletionProtection'],
    dataEvents,
    ...(c['iamlp:organizationId'] === undefined ? {} : { organizationId: c['iamlp:organizationId'] }),
    ...(backfillBucket === undefined
      ? {}
      : { backfill: { bucketName: backfillBucket, ...(prefix === undefined ? {} : { prefix }) } }),
    ...(c['iamlp:alarmTopicArn'] === undefined ? {} : { alarmTopicArn: c['iamlp:alarmTopicArn'] }),
    ...(c['iamlp:organizationBusArn'] === undefined
      ? {}
      : { organizationBusArn: c['iamlp:organizationBusArn'] }),
  };
}
