import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { summarizeCatalogue } from '../../../src/core/catalogue-summary';
import { CatalogueSchema, HAND_WRITTEN } from '../../../src/core/obligation';
import { parseOrThrow } from '../../../src/core/validation';
import { renderCsv } from '../../../src/report/render-csv';
import { renderHtml } from '../../../src/report/render-html';
import { fixtureReport } from '../../fixtures/reports/fixture-report';

const plan = { issuer: '某市', year: 2024 };
/** Only what a person knows: no item number, no ingest provenance. */
const byHand = {
  id: 'budget',
  task: '公开本级政府预算',
  units: ['市财政局'],
  schedule: { kind: 'annual' },
  evidence: { keywords: ['预算'] },
};

describe('an obligation written by hand', () => {
  it('needs no item, category, carried-units flag, deadline text, review or plan provenance', () => {
    const catalogue = parseOrThrow(CatalogueSchema, { plan, obligations: [byHand] }, 'catalogue');
    expect(catalogue.obligations[0]).toMatchObject({
      category: null,
      unitsCarried: false,
      deadlineText: null,
      review: [],
      source: { reference: HAND_WRITTEN },
    });
    expect(catalogue.obligations[0]!.item).toBeUndefined();
  });

  it('says "required" for what is missing, with the path', () => {
    const { evidence: _, task: __, ...partial } = byHand;
    expect(() => parseOrThrow(CatalogueSchema, { plan, obligations: [partial] }, 'catalogue')).toThrow(
      /obligations\[0\]\.task: required \(string\)[\s\S]*obligations\[0\]\.evidence: required \(object\)/,
    );
    const { units: ___, schedule: ____, ...noUnits } = byHand;
    expect(() => parseOrThrow(CatalogueSchema, { plan, obligations: [noUnits] }, 'catalogue')).toThrow(
      /obligations\[0\]\.units: required \(array\)[\s\S]*obligations\[0\]\.schedule: required/,
    );
  });

  it('still rejects an item number that is given but wrong', () => {
    for (const item of [0, 'four', 1.5])
      expect(() =>
        parseOrThrow(CatalogueSchema, { plan, obligations: [{ ...byHand, item }] }, 'catalogue'),
      ).toThrow(/obligations\[0\]\.item/);
  });

  it('is listed for review by id alone when it has open questions', () => {
    const catalogue = parseOrThrow(
      CatalogueSchema,
      { plan, obligations: [{ ...byHand, review: ['confirm the unit'] }] },
      'catalogue',
    );
    expect(summarizeCatalogue(catalogue).openReview).toEqual([
      { id: 'budget', item: null, reasons: ['confirm the unit'] },
    ]);
  });
});

describe('the report of an obligation without an item number', () => {
  const { report } = fixtureReport();
  const target = report.obligations.find((o) => !o.pack && o.periods.length > 0)!;
  const handWritten = {
    ...report,
    obligations: report.obligations.map((o) => (o === target ? { ...o, item: null } : o)),
  };

  it('leaves the CSV item column empty rather than writing "null" or "undefined"', () => {
    const rows = renderCsv(handWritten).split('\r\n');
    const row = rows.find((line) => line.startsWith(`${target.id},`))!;
    expect(row.split(',')[1]).toBe('');
    expect(renderCsv(handWritten)).not.toMatch(/,(?:null|undefined),/);
  });

  it('labels it as added by hand in both languages', () => {
    for (const [lang, label] of [
      ['zh', '自定义事项'],
      ['en', 'Added by hand'],
    ] as const) {
      const $ = cheerio.load(renderHtml(handWritten, { lang }));
      const heading = $(`section.obl[id] h3 .item`).filter((_, el) => $(el).text() === label);
      expect(heading.length).toBeGreaterThan(0);
      expect($.html()).not.toMatch(/第 (?:null|undefined) 项|Item (?:null|undefined)/);
    }
  });
});
