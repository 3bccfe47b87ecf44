/**
 * The S3 archive against a real S3-compatible server on 127.0.0.1 (s3rver): a copy whose key a
 * document recorded is linked without asking S3, and a recorded key is trusted only as that digest's
 * content key.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveIntegrityError } from '../../../src/store/archive/content-address';
import { S3Archive } from '../../../src/store/archive/s3-archive';
import { type LocalS3, startLocalS3 } from '../../support/local-s3';

let s3: LocalS3;
let client: S3Client;
let commands: string[];

beforeAll(async () => {
  s3 = await startLocalS3(['evidence']);
  ({ client, commands } = s3);
});

afterAll(async () => {
  await s3?.close();
});

describe('links to archived copies on S3', () => {
  it('links a copy by the key put returned without a request, and finds it by listing without one', async () => {
    const archive = new S3Archive({ bucket: 'evidence', prefix: 'archive', client });
    const bytes = new TextEncoder().encode('<html><body>关于公布2016年第二批抽检结果的通告</body></html>');
    const put = await archive.put(bytes, {
      url: 'http://127.0.0.1/zwgk/1.html',
      finalUrl: 'http://127.0.0.1/zwgk/1.html',
      status: 200,
      fetchedAt: '2016-07-20T02:00:00.000Z',
      contentType: 'text/html; charset=utf-8',
      headers: {},
    });
    const expected = `s3://evidence/archive/${put.key}`;

    commands.length = 0;
    expect(await archive.locate(put.sha256, put.key)).toBe(expected);
    expect(commands).toEqual([]);

    expect(await archive.locate(put.sha256)).toBe(expected);
    expect(commands).toEqual(['ListObjectsV2Command']);
    expect(await archive.get(put.sha256)).toEqual(bytes);
  });

  it('refuses a recorded key that is not the content key of its digest', async () => {
    const archive = new S3Archive({ bucket: 'evidence', prefix: 'archive', client });
    const sha = 'ab'.repeat(32);
    for (const key of [
      `sha256/ab/${sha}.html/../../reports/x`,
      `sha256/cd/${sha}.html`,
      'reports/latest/report.html',
    ])
      await expect(archive.locate(sha, key)).rejects.toThrow(ArchiveIntegrityError);
  });
});
