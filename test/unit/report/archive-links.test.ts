import { describe, expect, it } from 'vitest';
import { archiveUris, parseS3Uri, withArchiveLinks } from '../../../src/report/archive-links';
import { buildReport } from '../../../src/report/build-report';
import { ReportSchema } from '../../../src/report/model';
import { renderHtml } from '../../../src/report/render-html';
import { siteVetoInput } from './site-veto-fixture';

/** The fixture's report as a sweep on AWS writes it: archived copies linked as s3:// URIs. */
function awsReport() {
  const input = siteVetoInput();
  const archived = new Map(
    [...input.archived.keys()].map((sha) => [
      sha,
      `s3://evidence/archive/sha256/${sha.slice(0, 2)}/${sha}.html`,
    ]),
  );
  return ReportSchema.parse(JSON.parse(JSON.stringify(buildReport({ ...input, archived }))));
}

describe('links to archived copies in a report', () => {
  it('splits an s3:// URI and refuses any other link', () => {
    expect(parseS3Uri('s3://evidence/archive/sha256/ab/x.html')).toEqual({
      bucket: 'evidence',
      key: 'archive/sha256/ab/x.html',
    });
    expect(parseS3Uri('../archive/sha256/ab/x.html')).toBeNull();
    expect(parseS3Uri('https://example.org/x')).toBeNull();
  });

  it('finds every archived copy the report links, and replaces each with the link given for it', () => {
    const report = awsReport();
    const uris = archiveUris(report);
    expect(uris.size).toBeGreaterThan(3);
    const signed = new Map([...uris].map((u) => [u, `https://signed.example/${parseS3Uri(u)!.key}?sig=1`]));
    const shared = withArchiveLinks(report, signed);
    expect(archiveUris(shared).size).toBe(0);
    expect(archiveUris(report)).toEqual(uris);
    // The rendered page now links the signed copies, which it refused as s3:// links before.
    const before = renderHtml(report, { lang: 'zh' });
    const after = renderHtml(shared, { lang: 'zh' });
    const first = [...signed.values()][0]!.replaceAll('&', '&amp;');
    expect(before).not.toContain('href="https://signed.example/');
    expect(after).toContain(`href="${first}"`);
  });
});
