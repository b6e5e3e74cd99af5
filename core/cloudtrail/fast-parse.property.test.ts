import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseRecord } from './fast-parse.js';
import { CloudTrailRecordSchema } from './schema.js';

const valid = {
  eventVersion: '1.08',
  eventID: 'e1',
  eventTime: '2024-03-01T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'eu-west-1',
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
  errorCode: null,
  userIdentity: {
    type: 'AssumedRole',
    arn: 'arn:aws:sts::111122223333:assumed-role/app/s',
    sessionContext: {
      sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/app' },
      webIdFederationData: {},
      sourceIdentity: 'alice',
    },
  },
  requestParameters: { bucketName: 'b' },
  resources: [{ ARN: 'arn:aws:s3:::b', type: 'AWS::S3::Bucket' }],
};

/** Values of every JSON kind, including the edge cases the schema treats specially. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', 'x'.repeat(3000), '<b>', 'GetObject', 's3.amazonaws.com', '1.05'),
  fc.constant([]),
  fc.constant([{ ARN: 1 }]),
  fc.constant({}),
  fc.constant({ federatedProvider: 3 }),
  fc.constant({ arn: 'arn:aws:iam::1:role/x' }),
);

const paths = [
  ['eventVersion'],
  ['eventID'],
  ['eventTime'],
  ['@timestamp'],
  ['eventSource'],
  ['eventName'],
  ['awsRegion'],
  ['eventType'],
  ['recipientAccountId'],
  ['errorCode'],
  ['errorMessage'],
  ['requestParameters'],
  ['responseElements'],
  ['additionalEventData'],
  ['resources'],
  ['userIdentity'],
  ['userIdentity', 'type'],
  ['userIdentity', 'arn'],
  ['userIdentity', 'invokedBy'],
  ['userIdentity', 'sessionContext'],
  ['userIdentity', 'sessionContext', 'sessionIssuer'],
  ['userIdentity', 'sessionContext', 'sessionIssuer', 'arn'],
  ['userIdentity', 'sessionContext', 'webIdFederationData'],
  ['userIdentity', 'sessionContext', 'sourceIdentity'],
] as const;

/** Sets (or, for some undefined values, deletes) the field at `path`, in place. */
function mutate(
  record: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
  remove: boolean,
): void {
  let target = record;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return;
    target = next as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  if (remove) delete target[last];
  else target[last] = value;
}

describe('fastParseRecord', () => {
  it('agrees with the zod schema: same output when it accepts, and it never accepts what zod rejects', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), anyValue, fc.boolean()), { maxLength: 3 }),
        (mutations) => {
          const record: Record<string, unknown> = structuredClone(valid);
          for (const [path, value, remove] of mutations) mutate(record, path, value, remove);
          const fast = fastParseRecord(record);
          const zod = CloudTrailRecordSchema.safeParse(record);
          if (fast !== undefined) {
            expect(zod.success).toBe(true);
            expect(fast).toEqual(zod.data);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts the common valid record', () => {
    expect(fastParseRecord(valid)).toEqual(CloudTrailRecordSchema.parse(valid));
  });
});
