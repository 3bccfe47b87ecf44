import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogueSchema, DraftCatalogueSchema } from '../../../src/core/obligation';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../seeds/jiangmen-2016/${name}`, import.meta.url), 'utf8'));
const catalogue = CatalogueSchema.parse(read('catalogue.json'));
const draft = DraftCatalogueSchema.parse(read('draft.json'));

describe('the reviewed Jiangmen 2016 catalogue', () => {
  it('has one obligation per draft obligation, in the same order, with stable ids', () => {
    expect(catalogue.obligations.map((o) => o.item)).toEqual(draft.obligations.map((o) => o.item));
    expect(catalogue.obligations[0]!.id).toBe('jm2016-008');
    expect(catalogue.obligations.at(-1)!.id).toBe('jm2016-096');
    const ids = catalogue.obligations.map((o) => o.id);
    for (const id of [
      'jm2016-063-food',
      'jm2016-063-drug',
      'jm2016-009-quarterly',
      'jm2016-009-annual',
      'jm2016-067-monthly',
      'jm2016-067-quarterly',
      'jm2016-067-adhoc',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('keeps the plan text verbatim: tasks, deadline texts and source lines', () => {
    catalogue.obligations.forEach((o, i) => {
      const d = draft.obligations[i]!;
      expect([o.task, o.deadlineText, o.source]).toEqual([d.task, d.deadlineText, d.source]);
    });
  });

  it('explains every changed unit or schedule in a decision', () => {
    catalogue.obligations.forEach((o, i) => {
      const d = draft.obligations[i]!;
      const changed =
        JSON.stringify(o.units) !== JSON.stringify(d.units) ||
        JSON.stringify(o.schedule) !== JSON.stringify(d.schedule) ||
        d.unitsCarried;
      if (changed) expect(o.decision, o.id).toBeTruthy();
    });
  });

  it('corrects carried-down units that belong to another department', () => {
    const units = (id: string) => catalogue.obligations.find((o) => o.id === id)!.units;
    expect(units('jm2016-008')).toEqual(['市质监局']);
    expect(units('jm2016-052')).toEqual(['市住房城乡建设局']);
    expect(units('jm2016-053')).toEqual(['市住房城乡建设局']);
    expect(units('jm2016-027')).toEqual(['市发展改革局']);
    expect(units('jm2016-074')).toEqual(['市财政局']);
  });

  it('marks obligations no website can show as unverifiable, with a reason, and keeps them', () => {
    const unverifiable = catalogue.obligations.filter((o) => !o.evidence.verifiable);
    expect(unverifiable.map((o) => o.id)).toContain('jm2016-092');
    for (const o of unverifiable) expect(o.evidence.unverifiableReason).toBeTruthy();
    for (const o of catalogue.obligations.filter((x) => x.evidence.verifiable)) {
      expect(o.evidence.keywords.length + o.evidence.titlePatterns.length, o.id).toBeGreaterThan(0);
    }
  });
});
