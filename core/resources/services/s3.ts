import {
  ABSENT,
  type ExtractInput,
  type Extraction,
  found,
  type ServiceRules,
  UNRESOLVABLE,
} from '../extraction.js';
import { text } from '../request-params.js';

/**
 * S3: buckets (`bucketName`), objects (`bucketName` + `key`), access points (a `bucketName` that is an access point
 * ARN, as SDKs send it), and the source of CopyObject/UploadPartCopy (`x-amz-copy-source`). S3 bucket and object
 * ARNs carry no region or account.
 */

const COPY_SOURCE = 'x-amz-copy-source';
const ACCESS_POINT_ARN = /^arn:[^:]+:s3:[^:]+:[^:]+:accesspoint\/[^/]+$/;

type CopySource =
  | { readonly kind: 'bucket'; readonly bucket: string; readonly key: string }
  | { readonly kind: 'access-point'; readonly objectArn: string }
  | { readonly kind: 'malformed' };

/** `bucket/key?versionId=…` (URL-encoded, optional leading slash) or an access point object ARN. */
function parseCopySource(raw: string): CopySource {
  const query = raw.indexOf('?');
  let decoded: string;
  try {
    decoded = decodeURIComponent(query >= 0 ? raw.slice(0, query) : raw);
  } catch {
    return { kind: 'malformed' };
  }
  if (decoded.startsWith('/')) decoded = decoded.slice(1);
  if (decoded.startsWith('arn:')) return { kind: 'access-point', objectArn: decoded };
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) return { kind: 'malformed' };
  return { kind: 'bucket', bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

/** In a copy, the read and list actions (GetObject, GetObjectTagging, ListBucket, …) apply to the source. */
function copySourceFor(input: Omit<ExtractInput, 'template'>): CopySource | undefined {
  const raw = text(input.params, COPY_SOURCE);
  if (raw === undefined) return undefined;
  const level = input.target.info.accessLevel;
  return level === 'Read' || level === 'List' ? parseCopySource(raw) : undefined;
}

function accessPointArn(input: ExtractInput): string | undefined {
  const bucket = text(input.params, 'bucketName');
  return bucket !== undefined && ACCESS_POINT_ARN.test(bucket) ? bucket : undefined;
}

function bucket(input: ExtractInput): Extraction {
  const source = copySourceFor(input);
  if (source?.kind === 'malformed') return UNRESOLVABLE;
  if (source?.kind === 'access-point') return ABSENT;
  const name = source?.kind === 'bucket' ? source.bucket : text(input.params, 'bucketName');
  if (name === undefined || name.startsWith('arn:')) return ABSENT;
  return found([{ vars: { BucketName: name } }]);
}

function object(input: ExtractInput): Extraction {
  const source = copySourceFor(input);
  if (source?.kind === 'malformed') return UNRESOLVABLE;
  if (source?.kind === 'access-point') return ABSENT;
  if (source?.kind === 'bucket')
    return found([{ vars: { BucketName: source.bucket, ObjectName: source.key } }]);
  const name = text(input.params, 'bucketName');
  const key = text(input.params, 'key');
  if (name === undefined || key === undefined || name.startsWith('arn:')) return ABSENT;
  return found([{ vars: { BucketName: name, ObjectName: key } }]);
}

function accessPoint(input: ExtractInput): Extraction {
  const source = copySourceFor(input);
  if (source?.kind === 'malformed') return UNRESOLVABLE;
  if (source?.kind === 'bucket') return ABSENT;
  if (source?.kind === 'access-point') {
    const cut = source.objectArn.indexOf('/object/');
    return cut > 0 ? found([{ arn: source.objectArn.slice(0, cut) }]) : UNRESOLVABLE;
  }
  const arn = accessPointArn(input);
  return arn === undefined ? ABSENT : found([{ arn }]);
}

function accessPointObject(input: ExtractInput): Extraction {
  const source = copySourceFor(input);
  if (source?.kind === 'malformed') return UNRESOLVABLE;
  if (source !== undefined)
    return source.kind === 'access-point' ? found([{ arn: source.objectArn }]) : ABSENT;
  const arn = accessPointArn(input);
  const key = text(input.params, 'key');
  if (arn === undefined || key === undefined) return ABSENT;
  return found([{ arn: `${arn}/object/${key}` }]);
}

/** Extractor table for the `s3` prefix. */
export const S3_RULES: ServiceRules = {
  types: {
    bucket,
    object,
    accesspoint: accessPoint,
    accesspointobject: accessPointObject,
  },
  // A copy's record lists the destination (and often the KMS key); rebuild both sides from the request instead.
  ignoreRecord: (input) => text(input.params, COPY_SOURCE) !== undefined,
  // ListAllMyBuckets, the one call that names no bucket, is wildcard-only.
  alwaysNamed: true,
};
