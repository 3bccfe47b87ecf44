import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeCatalogue } from '../../../src/core/catalogue-summary';
import { CatalogueSchema } from '../../../src/core/obligation';

// Reading a fixture is the only I/O here; the summary itself is pure.
const catalogue = CatalogueSchema.parse(
  JSON.parse(readFileSync('test/fixtures/catalogues/valid.json', 'utf8')),
);

describe('summarizeCatalogue', () => {
  const summary = summarizeCatalogue(catalogue);

  it('counts obligations by schedule kind, listing every kind', () => {
    expect(summary.obligations).toBe(10);
    expect(Object.values(summary.byKind).every((n) => n === 1)).toBe(true);
    expect(Object.keys(summary.byKind)).toHaveLength(10);
  });

  it('counts each unit of a shared obligation, most obligations first', () => {
    expect(Object.entries(summary.byUnit)[0]).toEqual(['市财政局', 3]);
    expect(summary.byUnit).toMatchObject({ 市发展改革局: 2 });
  });

  it('separates verifiable obligations and lists open review items', () => {
    expect([summary.verifiable, summary.unverifiable]).toEqual([9, 1]);
    expect(summary.openReview).toEqual([
      { id: 'staff-training', item: 10, reasons: ['units carried down from item 9: check'] },
    ]);
  });
});
