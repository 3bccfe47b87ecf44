import { createHash } from 'node:crypto';
import type { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { NONCURRENT_VERSION_DAYS, secureBucket } from './secure-bucket';

export interface SweepConfigProps {
  accessLogs: IBucket;
  /** The catalogue JSON, already validated by the app. */
  catalogueJson: string;
  /** The sources JSON, already validated by the app. */
  sourcesJson: string;
}

/** `config/catalogue-<first 16 hex of sha256>.json`: a new content is a new key. */
export function contentKey(name: string, text: string): string {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return `config/${name}-${hash}.json`;
}

/**
 * The catalogue and sources the task functions load at cold start, uploaded at deploy. Keys carry
 * the content hash and reach the functions as environment variables, so a changed catalogue
 * changes the functions' configuration and no warm container keeps judging with the old one.
 */
export class SweepConfig extends Construct {
  readonly bucket: Bucket;
  readonly catalogueKey: string;
  readonly sourcesKey: string;
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: SweepConfigProps) {
    super(scope, id);
    this.bucket = secureBucket(this, 'Bucket', {
      accessLogs: props.accessLogs,
      logPrefix: 'config/',
      lifecycleRules: [{ id: 'expire-old-versions', noncurrentVersionExpiration: NONCURRENT_VERSION_DAYS }],
    });
    this.catalogueKey = contentKey('catalogue', props.catalogueJson);
    this.sourcesKey = contentKey('sources', props.sourcesJson);
    this.deployment = new BucketDeployment(this, 'Upload', {
      destinationBucket: this.bucket,
      sources: [
        Source.data(this.catalogueKey, props.catalogueJson),
        Source.data(this.sourcesKey, props.sourcesJson),
      ],
      // Keys are content-addressed: keeping older ones lets a function that cold-starts mid-deploy
      // still read the configuration its environment names.
      prune: false,
      retainOnDelete: true,
      memoryLimit: 256,
    });
  }
}
