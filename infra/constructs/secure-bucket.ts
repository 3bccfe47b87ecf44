import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketProps,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A private bucket with the baseline every bucket of the stack shares: no public access, TLS-only
 * bucket policy, SSE-S3 encryption, versioning, server access logs, and retention on stack deletion.
 * Callers add what is specific (Object Lock, lifecycle).
 */
export function secureBucket(
  scope: Construct,
  id: string,
  props: Partial<BucketProps> & { accessLogs: IBucket | 'self-is-log-bucket'; logPrefix?: string },
): Bucket {
  const { accessLogs, logPrefix, ...rest } = props;
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    encryption: BucketEncryption.S3_MANAGED,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    serverAccessLogsBucket: accessLogs === 'self-is-log-bucket' ? undefined : accessLogs,
    serverAccessLogsPrefix: accessLogs === 'self-is-log-bucket' ? undefined : (logPrefix ?? `${id}/`),
    ...rest,
  });
}

/** Old versions of replaceable objects are kept this long, then expire. */
export const NONCURRENT_VERSION_DAYS = Duration.days(30);
