/**
 * The size of a year of site rules in the HTML report: every site-rule period cites the pages it
 * rests on, a site's rules share their pages and most checks read a page unchanged, and a city
 * monitors some 30 sites. Each page as read is written out once, in its site's card, and the
 * period rows link to it, so the report stays a file a supervisor can open and mail.
 */
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../../src/core/dates';
import { expandObligations } from '../../../src/core/expand-obligations';
import { forecastSites } from '../../../src/core/site-forecast';
import { judgeSiteRule } from '../../../src/core/site-verdicts';
import { type Source, SourceSchema } from '../../../src/core/source';
import type { Verdict } from '../../../src/core/verdict';
import { buildReport } from '../../../src/report/build-report';
import { renderHtml } from '../../../src/report/render-html';
import type { HealthCheck } from '../../../src/store/ports';
import { archivedPath, catalogue, sha } from './site-veto-fixture';

const SITES = 30;
const AS_OF = '2016-12-31';
const KINDS = ['news', 'news', 'notice', 'policy', 'data', 'other'] as const;
const BYTES_PER_CITED_PAGE = 400;

function yearOfSites() {
  const sources: Source[] = Array.from({ length: SITES }, (_, i) =>
    SourceSchema.parse({
      id: `s${i}`,
      units: [`市第${i}局`],
      name: `江门市第${i}局网站`,
      homepage: `http://s${i}.jiangmen.gov.cn/`,
      columns: KINDS.map((kind, j) => ({
        id: `s${i}-c${j}`,
        name: `栏目${j}`,
        url: `http://s${i}.jiangmen.gov.cn/c${j}/`,
        kind,
      })),
    }),
  );
  const checks = new Map<string, HealthCheck[]>();
  const archived = new Map<string, string>();
  for (const source of sources) {
    const list: HealthCheck[] = [];
    for (let day: IsoDate = '2016-01-04'; day <= AS_OF; day = addDays(day, 7)) {
      for (const page of [{ id: undefined, url: source.homepage, kind: 'home' }, ...source.columns]) {
        // Home page and news change every week; the other columns once a quarter, so most checks
        // read the same bytes as the check before, as on real sites.
        const newest =
          page.kind === 'home' || page.kind === 'news'
            ? addDays(day, -10)
            : `2016-${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
        const hash = sha(`${page.url} ${newest}`);
        archived.set(hash, archivedPath(hash));
        list.push({
          sourceId: source.id,
          ...(page.id ? { columnId: page.id } : {}),
          url: page.url,
          checkedAt: `${day}T02:00:00.000Z`,
          ok: true,
          latencyMs: 200,
          itemCount: 20,
          undatedCount: 1,
          newestItemDate: newest,
          sha256: hash,
        });
      }
    }
    checks.set(source.id, list);
  }
  const obligations = expandObligations(catalogue, sources).filter((o) => o.site);
  const verdicts: Verdict[] = [];
  for (const o of obligations) {
    for (let month = 1; month <= 12; month += 1) {
      const start = `2016-${String(month).padStart(2, '0')}-01`;
      const end = addDays(month === 12 ? '2017-01-01' : `2016-${String(month + 1).padStart(2, '0')}-01`, -1);
      const period = {
        obligationId: o.id,
        key: start.slice(0, 7),
        label: start.slice(0, 7),
        start,
        end,
        due: end,
      };
      const judged = judgeSiteRule(
        o.id,
        o.evidence.site!,
        { ...period, graceWorkingDays: 0, warnings: [] },
        {
          source: sources.find((s) => s.id === o.site),
          checks: checks.get(o.site!)!,
          asOf: AS_OF,
          warningDays: 14,
        },
      );
      verdicts.push({
        ...period,
        periodKey: period.key,
        periodLabel: period.label,
        kind: judged.kind,
        reasons: judged.reasons,
        evidence: judged.evidence,
        candidates: [],
        warnings: [],
      });
    }
  }
  const forecasts = forecastSites({ obligations, sites: sources, checks, asOf: AS_OF, warningDays: 14 });
  const report = buildReport({
    catalogue: { ...catalogue, obligations },
    sources: { sources },
    asOf: AS_OF,
    runId: 'size',
    generatedAt: '2017-01-01T00:00:00.000Z',
    verdicts,
    documents: [],
    flags: [],
    checks,
    waivers: [],
    events: [],
    summaries: [],
    warnings: [],
    archived,
    forecasts,
    vetoWarningDays: 14,
  });
  return { report, verdicts };
}

describe('a year of site rules over 30 sites', () => {
  const { report, verdicts } = yearOfSites();
  // The markup itself: a large page may also carry its rows compressed (html/lazy-parts.ts).
  const html = renderHtml(report, { lang: 'zh', lazy: false });
  const observed = verdicts.flatMap((v) => v.evidence);

  it('writes each page as read out once, however many periods and rules cite it', () => {
    expect(report.siteVetoes?.sites).toHaveLength(SITES);
    expect(observed.length).toBeGreaterThan(5_000);
    const hashes = new Set(observed.map((e) => e.sha256!));
    // Most citations repeat a page already cited: the case that made the report large.
    expect(hashes.size).toBeLessThan(observed.length / 3);
    const count = (part: string) => {
      const found = new Map<string, number>();
      for (const m of part.matchAll(/[0-9a-f]{64}/g)) found.set(m[0], (found.get(m[0]) ?? 0) + 1);
      return found;
    };
    const cards = html.slice(
      html.indexOf('<section id="site-vetoes"'),
      html.indexOf('<section id="obligations"'),
    );
    const tables = count([...cards.matchAll(/<details class="pages-read">.*?<\/details>/g)].join(''));
    // In the site card: once as the archived copy's link, once as the hash shown.
    for (const hash of hashes) expect(tables.get(hash)).toBe(2);
    // And never in the period rows, which cite the card's rows instead.
    const periods = html.slice(html.indexOf('<section id="obligations"'));
    expect(count(periods).size).toBe(0);
    expect((periods.match(/<a href="#pg\d+">/g) ?? []).length).toBe(observed.length);
  });

  it('keeps a year of it a file a supervisor can mail: under 400 bytes per cited page, all in', () => {
    const bytes = Buffer.byteLength(html);
    const cards = html.indexOf('<section id="obligations"') - html.indexOf('<section id="site-vetoes"');
    const pages = new Set(observed.map((e) => e.sha256)).size;
    // Measured at about 350 bytes per cited page, the period rows, the site cards and the rest of
    // the page included (about 690 when every period row wrote every page out), 2.1 MB in all.
    expect(bytes / observed.length).toBeLessThan(BYTES_PER_CITED_PAGE);
    expect(bytes).toBeLessThan(2_500_000);
    // The site cards hold each page once, with its checks: about 630 bytes per page as read.
    expect(cards / pages).toBeLessThan(700);
  });
});
