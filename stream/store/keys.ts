import { createHash } from 'node:crypto';
import { StoreError } from './errors.js';

/** Kinesis sequence numbers are decimal strings of at most 128 digits. */
const SEQUENCE_DIGITS = 128;
const SEQUENCE_PATTERN = /^\d{1,128}$/;
/** ARNs are at most 2,048 characters, but DynamoDB keys are limited to 2,048 bytes including our prefix. */
const MAX_PLAIN_PRINCIPAL_BYTES = 1024;

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
 * The principal's key in partition keys and the `byPrincipal` index: the ARN itself, or a SHA-256 of it when it
 * is too long to fit a DynamoDB key (attacker-influenced input must not make writes fail).
 */
export function principalKey(arn: string): string {
  if (Buffer.byteLength(arn) <= MAX_PLAIN_PRINCIPAL_BYTES) return arn;
  return `sha256:${createHash('sha256').update(arn).digest('hex')}`;
}

/** Partition key of one bucket of a principal-day: `U#<principal>#<YYYY-MM-DD>#<bucket>`. */
export function itemKey(pid: string, day: string, bucket: number): string {
  return `U#${pid}#${day}#${bucket}`;
}

/** Sort key of the `byPrincipal` index: the day, then the bucket padded so buckets sort numerically. */
export function dayBucketOf(day: string, bucket: number): string {
  return `${day}#${String(bucket).padStart(4, '0')}`;
}

/** Identifies a principal-day within one batch. */
export function dayGroupId(pid: string, day: string): string {
  return `${pid}\u0000${day}`;
}
