import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { addDays, endOfMonth, isoDate } from '../../../src/core/dates';
import type { Period } from '../../../src/core/period';
import { periodsFor } from '../../../src/core/periods';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type { Schedule } from '../../../src/core/schedule';

const calendar = WorkingDayCalendar.chinese();
const yearArb = fc.integer({ min: 2005, max: 2026 });
const graceArb = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });

const tilingScheduleArb: fc.Arbitrary<Schedule> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('weekly', 'monthly', 'quarterly', 'semiannual', 'annual'),
    graceWorkingDays: graceArb,
  }),
  fc.record({
    kind: fc.constant('continuous'),
    checkEveryDays: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  }),
) as fc.Arbitrary<Schedule>;

function expectTiling(list: Period[], first: string, last: string): void {
  expect(list.length).toBeGreaterThan(0);
  expect(list[0]?.start).toBe(first);
  expect(list.at(-1)?.end).toBe(last);
  list.forEach((period, i) => {
    expect(period.start <= period.end).toBe(true);
    if (i > 0) expect(period.start).toBe(addDays(list[i - 1]!.end, 1));
  });
}

describe('periods (properties)', () => {
  it('every recurring schedule tiles the plan year, with unique keys and due dates on or after the window end', () => {
    fc.assert(
      fc.property(yearArb, tilingScheduleArb, (year, schedule) => {
        const list = periodsFor({ id: 'ob', schedule }, { year, policy: DEFAULT_POLICY, calendar });
        expectTiling(list, isoDate(year, 1, 1), isoDate(year, 12, 31));
        expect(new Set(list.map((p) => p.key)).size).toBe(list.length);
        for (const period of list) {
          expect(period.due >= period.end).toBe(true);
          if (schedule.kind !== 'continuous') expect(calendar.isWorkingDay(period.due)).toBe(true);
          if (period.graceWorkingDays > 0) {
            expect(calendar.workingDaysBetween(period.end, period.due)).toBe(period.graceWorkingDays);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a seasonal schedule tiles its season (or both ends of the year for a season across the year end)', () => {
    fc.assert(
      fc.property(
        yearArb,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('weekly' as const, 'monthly' as const),
        (year, fromMonth, toMonth, every) => {
          const list = periodsFor(
            { id: 'ob', schedule: { kind: 'seasonal', fromMonth, toMonth, every } },
            { year, policy: DEFAULT_POLICY, calendar },
          );
          expect(new Set(list.map((p) => p.key)).size).toBe(list.length);
          if (fromMonth === toMonth + 1) {
            expectTiling(list, isoDate(year, 1, 1), isoDate(year, 12, 31));
          } else if (fromMonth <= toMonth) {
            expectTiling(list, isoDate(year, fromMonth, 1), endOfMonth(year, toMonth));
          } else {
            const split = list.findIndex((p) => p.start === isoDate(year, fromMonth, 1));
            expectTiling(list.slice(0, split), isoDate(year, 1, 1), endOfMonth(year, toMonth));
            expectTiling(list.slice(split), isoDate(year, fromMonth, 1), isoDate(year, 12, 31));
          }
        },
      ),
    );
  });

  it('once periods tile from 1 January to the last date when the dates are in the plan year', () => {
    fc.assert(
      fc.property(
        yearArb,
        fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { minLength: 1, maxLength: 6 }),
        (year, offsets) => {
          const dates = offsets.map((o) => addDays(isoDate(year, 1, 1), o));
          const list = periodsFor(
            { id: 'ob', schedule: { kind: 'once', dates } },
            { year, policy: DEFAULT_POLICY, calendar },
          );
          expect(list).toHaveLength(dates.length);
          expectTiling(list, isoDate(year, 1, 1), [...dates].sort().at(-1)!);
          for (const period of list)
            expect(calendar.isWorkingDay(period.due) && period.due >= period.end).toBe(true);
        },
      ),
    );
  });
});
