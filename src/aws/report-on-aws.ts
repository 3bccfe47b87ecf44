/** `gongkai report --target aws`: presigned links to the latest report the sweep wrote to S3. */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export const LATEST_PREFIX = 'reports/latest/';
const FILES = ['report.html', 'report.en.html', 'report.csv', 'report.en.csv', 'report.json', 'summary.txt'];

export async function latestReportLinks(options: {
  bucket: string;
  region?: string;
  expiresIn?: number;
}): Promise<string[]> {
  const client = new S3Client(options.region ? { region: options.region } : {});
  const lines: string[] = [];
  for (const file of FILES) {
    const command = new GetObjectCommand({ Bucket: options.bucket, Key: `${LATEST_PREFIX}${file}` });
    lines.push(`${file}: ${await getSignedUrl(client, command, { expiresIn: options.expiresIn ?? 3600 })}`);
  }
  return lines;
}
