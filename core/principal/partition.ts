/** Region prefixes of the non-commercial partitions, longest first so `us-isob-` wins over `us-iso-`. */
const REGION_PARTITIONS: readonly (readonly [string, string])[] = [
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-iso-', 'aws-iso'],
  ['us-gov-', 'aws-us-gov'],
  ['cn-', 'aws-cn'],
];

const ARN_PARTITION = /^arn:(aws[a-z-]*):/;

/** Returns the partition named by an ARN (`arn:aws-cn:…` → `aws-cn`), or undefined. */
export function partitionOfArn(arn: string | null | undefined): string | undefined {
  if (!arn) return undefined;
  return ARN_PARTITION.exec(arn)?.[1];
}

/** Returns the partition a region belongs to; unknown or missing regions are in `aws`. */
export function partitionOfRegion(region: string | undefined): string {
  if (!region) return 'aws';
  for (const [prefix, partition] of REGION_PARTITIONS) {
    if (region.startsWith(prefix)) return partition;
  }
  return 'aws';
}
