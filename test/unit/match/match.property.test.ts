import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates';
import { matchEvidence } from '../../../src/core/match/match-evidence';
import { periodsNamedInTitle } from '../../../src/core/match/title-period';
import { doc, obligation, periods, unitSources } from './builders';

const CN = ['一', '二', '三', '四'];

describe('matching properties', () => {
  it('reads a quarter named in any common form as that quarter of that year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2005, max: 2030 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (y, q, cn) => {
          const n = cn ? CN[q - 1] : String(q);
          for (const title of [`${y}年第${n}季度旅游投诉`, `关于${y}年${n}季度的通报`]) {
            const [named, ...rest] = periodsNamedInTitle(title, 2016);
            expect(rest).toEqual([]);
            expect(named).toMatchObject({
              grain: 'quarter',
              start: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`,
            });
          }
        },
      ),
    );
  });

  it('links each matching document of the plan year to exactly one period of the obligation', () => {
    const o = obligation('complaints', { kind: 'monthly' }, { keywords: ['旅游投诉'] });
    const ps = periods(o);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 365 }), { minLength: 1, maxLength: 20 }), (offsets) => {
        const documents = offsets.map((n) =>
          doc({ title: '旅游投诉情况通报', date: addDays('2016-01-01', n) }),
        );
        const { evidence, candidates } = matchEvidence({
          obligations: [o],
          periods: ps,
          documents,
          unitSources,
          asOf: '2017-06-30',
        });
        expect(candidates).toEqual([]);
        expect(evidence.map((e) => e.url).sort()).toEqual(documents.map((d) => d.url).sort());
        for (const e of evidence) {
          const p = ps.find((x) => x.key === e.periodKey)!;
          // The period holds the publication date, or the date lies in its grace time.
          expect(e.publishedOn! >= p.start && e.publishedOn! <= p.due).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
