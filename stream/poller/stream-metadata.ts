import { DescribeStreamSummaryCommand, type KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { errorName, KINESIS_ERRORS, PollerError } from './errors.js';
import { type ShardInfo, toShardInfo } from './shard-lineage.js';

/** Where the stream lives, as its ARN says. */
export interface StreamIdentity {
  readonly streamArn: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/**
 * Looks the stream up (DescribeStreamSummary, by name as kinesalite requires); a missing stream is
 * STREAM_NOT_FOUND.
 */
export async function describeStream(kinesis: KinesisClient, streamName: string): Promise<StreamIdentity> {
  let streamArn: string | undefined;
  try {
    const output = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    streamArn = output.StreamDescriptionSummary?.StreamARN;
  } catch (error) {
    if (errorName(error) !== KINESIS_ERRORS.RESOURCE_NOT_FOUND) throw error;
    throw new PollerError('STREAM_NOT_FOUND', `Kinesis stream ${streamName} does not exist`, {
      cause: error,
    });
  }
  const [, partition, , region, accountId] = streamArn?.split(':') ?? [];
  if (streamArn === undefined || !partition || !region || !accountId) {
    throw new PollerError(
      'STREAM_NOT_FOUND',
      `Kinesis stream ${streamName} has no usable ARN (${String(streamArn)})`,
    );
  }
  return { streamArn, partition, region, accountId };
}

/** Every shard of the stream (ListShards, following NextToken). */
export async function listShards(kinesis: KinesisClient, streamName: string): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  let nextToken: string | undefined;
  do {
    // ListShards refuses StreamName together with NextToken.
    const input = nextToken === undefined ? { StreamName: streamName } : { NextToken: nextToken };
    const output = await kinesis.send(new ListShardsCommand(input));
    shards.push(...(output.Shards ?? []).map(toShardInfo));
    nextToken = output.NextToken;
  } while (nextToken !== undefined);
  return shards;
}
