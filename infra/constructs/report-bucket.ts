import { Duration } from 'aws-cdk-lib';
import type { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { NONCURRENT_VERSION_DAYS, secureBucket } from './secure-bucket';

export interface ReportBucketProps {
  accessLogs: IBucket;
  /** A report is a derived view (the table and archive keep the facts), so reports expire. */
  expireAfterDays: number;
}

/** Where WriteReport puts the HTML / CSV / JSON report of each sweep. */
export class ReportBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ReportBucketProps) {
    super(scope, id);
    this.bucket = secureBucket(this, 'Bucket', {
      accessLogs: props.accessLogs,
      logPrefix: 'reports/',
      lifecycleRules: [
        {
          id: 'expire-reports',
          expiration: Duration.days(props.expireAfterDays),
          noncurrentVersionExpiration: NONCURRENT_VERSION_DAYS,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }
}
