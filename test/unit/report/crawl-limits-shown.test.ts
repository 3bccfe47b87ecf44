import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../src/core/health-check';
import { buildReport } from '../../../src/report/build-report';
import { renderHtml } from '../../../src/report/render-html';
import { siteVetoInput } from './site-veto-fixture';

describe("a crawl limit in the report's source section", () => {
  it('lists the limits the last crawl hit, and not those of earlier crawls', () => {
    const input = siteVetoInput();
    const [sourceId, checks] = [...input.checks.entries()][0]!;
    const last = checks.at(-1)!;
    const hit: HealthCheck = {
      ...last,
      columnId: 'tzgg',
      limitHit: 'list page … lists 100000 items; only the first 2000 were read (maxLinksPerPage)',
    };
    const earlier: HealthCheck = {
      ...checks[0]!,
      checkedAt: '2000-01-01T00:00:00.000Z',
      limitHit: 'an earlier cut (maxPages)',
    };
    const withLimit = new Map(input.checks);
    withLimit.set(sourceId, [earlier, ...checks.slice(1), hit]);
    const report = buildReport({ ...input, checks: withLimit });
    const source = report.sources.find((s) => s.id === sourceId)!;
    expect(source.limitsHit).toEqual([hit.limitHit]);
    const html = cheerio.load(renderHtml(report, { lang: 'en' }));
    expect(html('#sources').text()).toContain('(maxLinksPerPage)');
    expect(html('#sources').text()).not.toContain('an earlier cut');
    const plain = buildReport(input).sources.find((s) => s.id === sourceId)!;
    expect(plain.limitsHit).toBeUndefined();
  });
});
