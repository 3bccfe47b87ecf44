/** Writes report files to S3 under a prefix; returns their `s3://` URI. */
import { PutObjectCommand, type PutObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';
import { prefixed } from '../archive/s3-objects';
import type { ReportSink } from '../ports';

export interface S3ReportSinkOptions {
  bucket: string;
  prefix: string;
  client: S3Client;
}

/** Report names become keys: refuse anything that is not a plain relative path. */
export function reportObjectKey(prefix: string, name: string): string {
  const parts = name.split('/');
  if (
    name.startsWith('/') ||
    parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\0'))
  ) {
    throw new Error(`refused report name ${JSON.stringify(name)}: not a plain relative path`);
  }
  return prefixed(prefix, name);
}

export function reportPutInput(
  bucket: string,
  prefix: string,
  name: string,
  body: string | Uint8Array,
  contentType: string,
): PutObjectCommandInput {
  return {
    Bucket: bucket,
    Key: reportObjectKey(prefix, name),
    Body: body,
    ContentType: contentType,
    // Reports are rewritten every sweep: readers must not be served yesterday's from a cache.
    CacheControl: 'no-cache',
  };
}

export class S3ReportSink implements ReportSink {
  constructor(private readonly options: S3ReportSinkOptions) {}

  async write(name: string, body: string | Uint8Array, contentType: string): Promise<string> {
    const input = reportPutInput(this.options.bucket, this.options.prefix, name, body, contentType);
    await this.options.client.send(new PutObjectCommand(input));
    return `s3://${input.Bucket}/${input.Key}`;
  }
}
