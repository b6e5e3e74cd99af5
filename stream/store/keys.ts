import { createHash } from 'node:crypto';
import { StoreError } from './errors.js';

/** Kinesis sequence numbers are decimal strings of at most 128 digits. */
const SEQUENCE_DIGITS = 128;
const SEQUENCE_PATTERN = /^\d{1,128}$/;
/** ARNs are at most 2,048 characters, but DynamoDB keys are limited to 2,048 bytes including our prefix. */
const MAX_PLAIN_PRINCIPAL_BYTES = 1024;

/**
 * Principal groups of the table format: a principal's usage items are those of group
 * `principalGroup(arn)`, one of 0..15. Changing it re-keys every item, so it is part of the format.
 */
export const PRINCIPAL_GROUPS = 16;

/**
 * Left-pads a sequence number with zeros so that string order is numeric order; high-water marks are stored and
 * compared in this form.
 */
export function padSequence(sequenceNumber: string): string {
  if (!SEQUENCE_PATTERN.test(sequenceNumber))
    throw new StoreError('INVALID_INPUT', 'sequence number is not a decimal string of at most 128 digits');
  return sequenceNumber.padStart(SEQUENCE_DIGITS, '0');
}

/**
 * A principal's key where it must fit a DynamoDB key (alert gates): the ARN itself, or a SHA-256 of it when it
 * is too long (attacker-influenced input must not make writes fail).
 */
export function principalKey(arn: string): string {
  if (Buffer.byteLength(arn) <= MAX_PLAIN_PRINCIPAL_BYTES) return arn;
  return `sha256:${createHash('sha256').update(arn).digest('hex')}`;
}

/**
 * The group key of a principal's usage items, `g00`…`g15`: the first byte of SHA-256(ARN as UTF-8) modulo
 * {@link PRINCIPAL_GROUPS}. Stable across processes and versions, and independent of the ARN's length.
 */
export function principalGroup(arn: string): string {
  const group = (createHash('sha256').update(arn).digest()[0] as number) % PRINCIPAL_GROUPS;
  return `g${String(group).padStart(2, '0')}`;
}

/** Partition key of one bucket of a group-day: `U#<group>#<YYYY-MM-DD>#<bucket>`. */
export function itemKey(gid: string, day: string, bucket: number): string {
  return `U#${gid}#${day}#${bucket}`;
}

/** Sort key of the `byPrincipal` index: the day, then the bucket padded so buckets sort numerically. */
export function dayBucketOf(day: string, bucket: number): string {
  return `${day}#${String(bucket).padStart(4, '0')}`;
}

/** Identifies a group-day within one batch. */
export function dayGroupId(gid: string, day: string): string {
  return `${gid}\u0000${day}`;
}
