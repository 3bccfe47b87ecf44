/**
 * `gongkai report --target aws --share`: a copy of the latest report whose links to archived
 * copies open in any browser. The sweep's report links its evidence as `s3://` URIs (a link signed
 * inside a Lambda would expire with the Lambda's credentials). The operator's credentials sign
 * each archived copy and the report files for as long as the share should last; the re-rendered
 * HTML goes under `reports/shared/<instant>/`, and the printed links are the ones to send.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { parseOrThrow } from '../core/validation';
import { archiveUris, parseS3Uri, withArchiveLinks } from '../report/archive-links';
import { ReportSchema } from '../report/model';
import { renderHtml } from '../report/render-html';
import { LATEST_PREFIX } from './report-on-aws';

export const SHARED_PREFIX = 'reports/shared/';

export interface ShareOptions {
  /** The reports bucket (stack output ReportsBucketName). */
  bucket: string;
  /** How long the links work, in seconds (at most 7 days, S3's limit for presigned URLs). */
  expiresIn: number;
  client?: S3Client;
  region?: string;
  now?: () => Date;
}

/** Writes the shared copy and returns one `file: link` line per report language. */
export async function shareLatestReport(options: ShareOptions): Promise<string[]> {
  const client = options.client ?? new S3Client(options.region ? { region: options.region } : {});
  const sign = (bucket: string, key: string) =>
    getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: options.expiresIn,
    });
  const source = `${LATEST_PREFIX}report.json`;
  const got = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: source }));
  if (!got.Body) throw new Error(`s3://${options.bucket}/${source} is empty`);
  const report = parseOrThrow(ReportSchema, JSON.parse(await got.Body.transformToString()), source);

  const links = new Map<string, string>();
  for (const uri of archiveUris(report)) {
    const { bucket, key } = parseS3Uri(uri)!;
    links.set(uri, await sign(bucket, key));
  }
  const shared = withArchiveLinks(report, links);
  const folder = `${SHARED_PREFIX}${(options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}/`;
  const lines: string[] = [];
  for (const [file, lang] of [
    ['report.html', 'zh'],
    ['report.en.html', 'en'],
  ] as const) {
    await client.send(
      new PutObjectCommand({
        Bucket: options.bucket,
        Key: `${folder}${file}`,
        Body: renderHtml(shared, { lang }),
        ContentType: 'text/html; charset=utf-8',
      }),
    );
    lines.push(`${file}: ${await sign(options.bucket, `${folder}${file}`)}`);
  }
  return lines;
}
