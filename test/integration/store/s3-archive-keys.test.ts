/**
 * The S3 archive against a real S3-compatible server on 127.0.0.1 (s3rver): a copy whose key a
 * document recorded is linked without asking S3, and a recorded key is trusted only as that digest's
 * content key.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveIntegrityError } from '../../../src/store/archive/content-address';
import { S3Archive } from '../../../src/store/archive/s3-archive';

let server: S3rver;
let dir: string;
let client: S3Client;
const commands: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-s3-archive-'));
  server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'evidence' }],
  });
  const { port } = await server.run();
  client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'cn-north-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
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
