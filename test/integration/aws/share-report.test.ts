/**
 * `gongkai report --target aws --share` against a real S3-compatible server on 127.0.0.1 (s3rver):
 * the shared copy of the latest report opens from its signed link, and every archived-copy link in
 * it opens the archived object, with no credentials in the browser.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareLatestReport } from '../../../src/aws/share-report';
import { archiveUris, parseS3Uri } from '../../../src/report/archive-links';
import { buildReport } from '../../../src/report/build-report';
import { type LocalS3, startLocalS3 } from '../../support/local-s3';
import { siteVetoInput } from '../../unit/report/site-veto-fixture';

let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startLocalS3(['reports', 'evidence']);
  client = s3.client;
});

afterAll(async () => {
  await s3?.close();
});

const put = (Bucket: string, Key: string, Body: string, ContentType: string) =>
  client.send(new PutObjectCommand({ Bucket, Key, Body, ContentType }));

/** Links in a page, entities decoded. */
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('sharing the latest report on S3', () => {
  it('writes a copy whose archived-copy links are signed and open the archived objects', async () => {
    // The report as a sweep on AWS writes it: archived copies linked as s3:// URIs.
    const input = siteVetoInput();
    const archived = new Map(
      [...input.archived.keys()].map((sha) => [
        sha,
        `s3://evidence/archive/sha256/${sha.slice(0, 2)}/${sha}.html`,
      ]),
    );
    const report = buildReport({ ...input, archived });
    const uris = [...archiveUris(report)];
    expect(uris.length).toBeGreaterThan(3);
    for (const uri of uris) {
      const { key } = parseS3Uri(uri)!;
      await put('evidence', key, `<p>archived copy ${key}</p>`, 'text/html; charset=utf-8');
    }
    await put('reports', 'reports/latest/report.json', JSON.stringify(report), 'application/json');

    const lines = await shareLatestReport({
      bucket: 'reports',
      expiresIn: 3600,
      client,
      now: () => new Date('2016-10-17T09:00:00Z'),
    });
    expect(lines.map((l) => l.split(': ')[0])).toEqual(['report.html', 'report.en.html']);
    for (const line of lines) {
      const link = line.slice(line.indexOf(': ') + 2);
      expect(new URL(link).pathname).toMatch(/^\/reports\/reports\/shared\/2016-10-17T09-00-00-000Z\//);
      expect(link).toContain('X-Amz-Signature=');
      const page = await (await fetch(link)).text();
      expect(page).not.toContain('s3://');
      const signed = hrefs(page).filter((h) => new URL(h, 'http://x/').pathname.startsWith('/evidence/'));
      const keys = new Set(uris.map((u) => `/evidence/${parseS3Uri(u)!.key}`));
      expect(signed.length).toBeGreaterThan(3);
      for (const href of signed) expect(keys.has(decodeURIComponent(new URL(href).pathname))).toBe(true);
      for (const href of signed.slice(0, 3)) {
        const key = decodeURIComponent(new URL(href).pathname.replace('/evidence/', ''));
        const answer = await fetch(href);
        expect(answer.status).toBe(200);
        expect(await answer.text()).toBe(`<p>archived copy ${key}</p>`);
      }
    }
  });

  it('refuses a latest report that is not a report, naming what is wrong', async () => {
    await put(
      'reports',
      'reports/latest/report.json',
      JSON.stringify({ schemaVersion: 2 }),
      'application/json',
    );
    await expect(shareLatestReport({ bucket: 'reports', expiresIn: 60, client })).rejects.toThrow(
      /reports\/latest\/report\.json.*schemaVersion/s,
    );
  });
});
