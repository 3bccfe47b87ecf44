import { Duration } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type Bucket, type IBucket, ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { secureBucket } from './secure-bucket';

export interface EvidenceArchiveProps {
  accessLogs: IBucket;
  /** Object Lock retention of every archived snapshot (GOVERNANCE mode). */
  retentionDays: number;
}

/** Actions that would let archived evidence be removed, rewritten or its lock shortened. */
export const ARCHIVE_TAMPER_ACTIONS = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:BypassGovernanceRetention',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:PutBucketObjectLockConfiguration',
];

/**
 * The evidence archive: content-addressed page snapshots that verdicts cite. Append-only by three
 * layers: versioning, Object Lock in GOVERNANCE mode with a default retention, and a bucket policy
 * that denies the task roles every action that deletes or unlocks an object.
 */
export class EvidenceArchive extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: EvidenceArchiveProps) {
    super(scope, id);
    this.bucket = secureBucket(this, 'Bucket', {
      accessLogs: props.accessLogs,
      logPrefix: 'evidence-archive/',
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.governance(Duration.days(props.retentionDays)),
    });
  }

  /** Denies the given roles any deletion or retention change, whatever their identity policies say. */
  denyTampering(roles: IRole[]): void {
    if (roles.length === 0) return;
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyTaskRolesTampering',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ARCHIVE_TAMPER_ACTIONS,
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: { ArnEquals: { 'aws:PrincipalArn': roles.map((role) => role.roleArn) } },
      }),
    );
  }
}
