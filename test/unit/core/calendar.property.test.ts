import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { addDays, type IsoDate } from '../../../src/core/dates';

const cal = WorkingDayCalendar.chinese();

/** Dates 2005–2025, so that adding up to 60 working days stays inside covered years. */
const dateArb = fc.integer({ min: 0, max: 21 * 365 }).map((offset): IsoDate => addDays('2005-01-01', offset));
/** Dates around the 2016 National Day week and its make-up weekend. */
const nationalDay2016Arb = fc
  .integer({ min: 0, max: 20 })
  .map((offset): IsoDate => addDays('2016-09-25', offset));
const anyDateArb = fc.oneof(dateArb, nationalDay2016Arb);
const countArb = fc.integer({ min: 0, max: 60 });

describe('working-day arithmetic (properties)', () => {
  it('addWorkingDays(d, n) is a working day for n > 0', () => {
    fc.assert(
      fc.property(anyDateArb, fc.integer({ min: 1, max: 60 }), (date, n) => {
        expect(cal.isWorkingDay(cal.addWorkingDays(date, n))).toBe(true);
      }),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(anyDateArb, countArb, (date, n) => {
        expect(cal.addWorkingDays(date, n + 1) > cal.addWorkingDays(date, n)).toBe(true);
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(
      fc.property(anyDateArb, countArb, (date, n) => {
        expect(cal.workingDaysBetween(date, cal.addWorkingDays(date, n))).toBe(n);
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(anyDateArb, anyDateArb, anyDateArb, (a, b, c) => {
        expect(cal.workingDaysBetween(b, a) + cal.workingDaysBetween(a, b)).toBe(0);
        expect(Object.is(cal.workingDaysBetween(b, a), -0)).toBe(false);
        expect(cal.workingDaysBetween(a, c)).toBe(
          cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('onOrNextWorkingDay is a working day no earlier than the date, and the date itself when it works', () => {
    fc.assert(
      fc.property(anyDateArb, (date) => {
        const next = cal.onOrNextWorkingDay(date);
        expect(cal.isWorkingDay(next)).toBe(true);
        expect(next >= date).toBe(true);
        if (cal.isWorkingDay(date)) expect(next).toBe(date);
        expect(cal.workingDaysBetween(date, next)).toBe(next === date ? 0 : 1);
      }),
    );
  });

  it('raises no warning inside covered years', () => {
    expect(cal.warnings).toEqual([]);
  });
});
