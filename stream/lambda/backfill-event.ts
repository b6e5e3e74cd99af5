import { z } from 'zod';

/** The part of an EventBridge S3 `Object Created` event the backfill reads. */
export const ObjectCreatedEventSchema = z
  .looseObject({
    'detail-type': z.literal('Object Created'),
    detail: z.looseObject({
      bucket: z.looseObject({ name: z.string().min(3).max(63) }),
      object: z.looseObject({
        key: z.string().min(1).max(1024),
        size: z.number().int().nonnegative().optional(),
      }),
    }),
  })
  .transform((event) => ({ bucket: event.detail.bucket.name, key: event.detail.object.key }));

/** An S3 object to replay. */
export type CreatedObject = z.output<typeof ObjectCreatedEventSchema>;

/** CloudTrail digest files (`…/CloudTrail-Digest/…`) hold hashes, not events. */
export function isDigestKey(key: string): boolean {
  return key.includes('/CloudTrail-Digest/') || key.startsWith('CloudTrail-Digest/');
}
