/**
 * Scans every demo item as the portal serves it (detail page and attachments, on the day it
 * appears) with the monitor's readers and detectors, and scores the findings against the demo's
 * annotations: precision and recall of detection, apart from crawling.
 */
import { scanFile } from '../../src/crawl/text';
import type { DemoContent } from '../../src/demo/content';
import { expectedFindings } from '../../src/demo/privacy-truth';
import { renderPath } from '../../src/demo/render';

export interface DetectionScore {
  expected: number;
  found: number;
  truePositives: number;
  falsePositives: string[];
  missed: string[];
  precision: number;
  recall: number;
  files: number;
  bytes: number;
}

const keep = (kind: string, value: string) =>
  kind === 'mobile' ? `${value.slice(0, 3)}…${value.slice(-4)}` : `${value.slice(0, 4)}…${value.slice(-4)}`;

/** Scores detection over the whole demo content. */
export async function scoreDemoDetection(content: DemoContent): Promise<DetectionScore> {
  const found: string[] = [];
  let files = 0;
  let bytes = 0;
  for (const site of content.sites) {
    for (const entry of content.entries.get(site.id) ?? []) {
      const paths = [
        ...(entry.linkTo === 'detail' ? [entry.detailPath] : []),
        ...entry.attachments.map((a) => a.path),
      ];
      for (const path of paths) {
        const page = renderPath(content, site, path, new URLSearchParams(), entry.published);
        if (page.status !== 200) continue;
        files += 1;
        bytes += page.body.byteLength;
        const scan = await scanFile(page.body, {
          url: `http://${site.id}.demo${path}`,
          contentType: page.contentType,
          sha256: null,
          charsetHint: site.charset,
        });
        for (const f of scan.findings)
          found.push(`${site.id}|${entry.title}|${f.kind}|${f.masked.replace(/\*+/, '…')}`);
      }
    }
  }
  const expected = expectedFindings(content).map(
    (e) => `${e.siteId}|${e.title}|${e.kind}|${keep(e.kind, e.value)}`,
  );
  const remaining = [...expected];
  const falsePositives: string[] = [];
  for (const f of found) {
    const i = remaining.indexOf(f);
    if (i >= 0) remaining.splice(i, 1);
    else falsePositives.push(f);
  }
  const truePositives = found.length - falsePositives.length;
  return {
    expected: expected.length,
    found: found.length,
    truePositives,
    falsePositives,
    missed: remaining,
    precision: found.length === 0 ? 1 : truePositives / found.length,
    recall: expected.length === 0 ? 1 : truePositives / expected.length,
    files,
    bytes,
  };
}
