// Pure request builders of the S3 adapters (no S3 runs here): keys, checksums, metadata, presigning.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { contentNameAmong, extensionFor, sha256Of } from '../../../src/store/archive/content-address';
import {
  checksumSha256Base64,
  contentPutInput,
  digestListPrefix,
  metaObjectKey,
  metaPutInput,
  prefixed,
  withoutPrefix,
} from '../../../src/store/archive/s3-objects';

const bytes = new TextEncoder().encode('%PDF-1.4 年度报告');
const sha = sha256Of(bytes);
const meta = {
  url: 'http://127.0.0.1/附件/年度报告.pdf',
  finalUrl: 'http://127.0.0.1/附件/年度报告.pdf',
  status: 200,
  fetchedAt: '2017-01-20T08:00:00.000Z',
  contentType: 'application/pdf',
  headers: { 'content-length': '20', cookie: 'no' },
};

describe('S3 archive requests', () => {
  it('creates content only if absent, under the prefix, with a checksum S3 verifies', () => {
    const input = contentPutInput('evidence', 'archive/', bytes, sha, meta);
    expect(input.Key).toBe(`archive/sha256/${sha.slice(0, 2)}/${sha}.pdf`);
    expect(input.IfNoneMatch).toBe('*');
    expect(Buffer.from(input.ChecksumSHA256!, 'base64').toString('hex')).toBe(sha);
    expect(input.ContentType).toBe('application/pdf');
    expect(Object.values(input.Metadata!).every((v) => /^[\x20-\x7e]*$/.test(v))).toBe(true);
    expect(decodeURI(input.Metadata!['first-url']!)).toBe(meta.url);
  });

  it('writes one metadata object per fetch, the same key for the same fetch', () => {
    const a = metaPutInput(
      'evidence',
      'archive',
      sha,
      `sha256/${sha.slice(0, 2)}/${sha}.pdf`,
      bytes.length,
      meta,
    );
    const again = metaPutInput(
      'evidence',
      'archive',
      sha,
      `sha256/${sha.slice(0, 2)}/${sha}.pdf`,
      bytes.length,
      meta,
    );
    const later = metaPutInput(
      'evidence',
      'archive',
      sha,
      `sha256/${sha.slice(0, 2)}/${sha}.pdf`,
      bytes.length,
      {
        ...meta,
        fetchedAt: '2017-01-27T08:00:00.000Z',
      },
    );
    expect(a.Key).toBe(again.Key);
    expect(a.Key).not.toBe(later.Key);
    expect(a.Key).toMatch(
      new RegExp(
        `^archive/sha256/${sha.slice(0, 2)}/${sha}\\.meta/2017-01-20T08-00-00\\.000Z-[0-9a-f]{16}\\.json$`,
      ),
    );
    const record = JSON.parse(String(a.Body));
    expect(record.headers).toEqual({ 'content-length': '20' });
    expect(record).toMatchObject({ sha256: sha, size: bytes.length, url: meta.url });
    expect(a.Key).toBe(metaObjectKey('archive', record));
  });

  it('lists a digest by a prefix that finds its content, not its metadata', () => {
    const prefix = digestListPrefix('archive', sha);
    const keys = [`${prefix}meta/2017-01-20.json`, `${prefix}pdf`];
    expect(contentNameAmong(keys, sha)).toBe(`archive/sha256/${sha.slice(0, 2)}/${sha}.pdf`);
    expect(withoutPrefix('archive', `archive/sha256/${sha.slice(0, 2)}/${sha}.pdf`)).toBe(
      `sha256/${sha.slice(0, 2)}/${sha}.pdf`,
    );
  });

  it('joins prefixes with exactly one slash', () => {
    expect(prefixed('', 'k')).toBe('k');
    expect(prefixed('/a/b/', 'k')).toBe('a/b/k');
  });

  it('maps content types to extensions, defaulting to bin', () => {
    expect(extensionFor('text/html; charset=GB2312')).toBe('html');
    expect(extensionFor('APPLICATION/VND.MS-EXCEL')).toBe('xls');
    expect(extensionFor(undefined)).toBe('bin');
    expect(extensionFor('text/evil/../../x')).toBe('bin');
  });

  it('encodes the checksum of a digest as base64 of its bytes', () => {
    expect(checksumSha256Base64(sha)).toBe(Buffer.from(sha, 'hex').toString('base64'));
    expect(() => checksumSha256Base64('xyz')).toThrow();
  });

  it('presigns a GET of an archived key without contacting S3', async () => {
    const client = new S3Client({
      region: 'ap-southeast-1',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const key = `archive/sha256/${sha.slice(0, 2)}/${sha}.pdf`;
    const url = new URL(
      await getSignedUrl(client, new GetObjectCommand({ Bucket: 'evidence', Key: key }), { expiresIn: 600 }),
    );
    expect(url.pathname).toBe(`/evidence/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    client.destroy();
  });
});
