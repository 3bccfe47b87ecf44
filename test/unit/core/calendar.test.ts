import { describe, expect, it } from 'vitest';
import { CalendarFileSchema, WorkingDayCalendar } from '../../../src/core/calendar';

describe('WorkingDayCalendar.chinese', () => {
  const calendar = () => WorkingDayCalendar.chinese();

  it('treats the 2016 National Day week as days off and its make-up weekend as working days', () => {
    const cal = calendar();
    for (let day = 1; day <= 7; day++) expect(cal.isWorkingDay(`2016-10-0${day}`)).toBe(false);
    expect(cal.isWorkingDay('2016-10-08')).toBe(true); // Saturday, 调休
    expect(cal.isWorkingDay('2016-10-09')).toBe(true); // Sunday, 调休
    expect(cal.isWorkingDay('2016-10-10')).toBe(true);
  });

  it('knows the 2016 Spring Festival make-up Saturday and the Dragon Boat make-up Sunday', () => {
    const cal = calendar();
    expect(cal.isWorkingDay('2016-02-06')).toBe(true);
    expect(cal.isWorkingDay('2016-02-08')).toBe(false);
    for (const date of ['2016-06-09', '2016-06-10', '2016-06-11']) expect(cal.isWorkingDay(date)).toBe(false);
    expect(cal.isWorkingDay('2016-06-12')).toBe(true);
  });

  it('treats ordinary weekends as days off and ordinary weekdays as working days', () => {
    const cal = calendar();
    expect(cal.isWorkingDay('2016-07-16')).toBe(false);
    expect(cal.isWorkingDay('2016-07-17')).toBe(false);
    expect(cal.isWorkingDay('2016-07-18')).toBe(true);
  });

  it('names holidays in Chinese', () => {
    expect(calendar().nameOf('2016-10-03')).toBe('国庆节');
    expect(calendar().nameOf('2016-07-18')).toBeUndefined();
  });

  it('covers 2004 to 2026 and nothing after', () => {
    const cal = calendar();
    expect(cal.covers(2004)).toBe(true);
    expect(cal.covers(2016)).toBe(true);
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    expect(cal.covers(2003)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  const cal = WorkingDayCalendar.chinese();

  it('returns the date itself for n = 0, even on a day off', () => {
    expect(cal.addWorkingDays('2016-10-01', 0)).toBe('2016-10-01');
  });

  it('skips the National Day week and lands on the make-up Saturday', () => {
    expect(cal.addWorkingDays('2016-09-30', 1)).toBe('2016-10-08');
    expect(cal.addWorkingDays('2016-09-30', 2)).toBe('2016-10-09');
    expect(cal.addWorkingDays('2016-09-30', 3)).toBe('2016-10-10');
  });

  it('counts 20 working days after the end of the third quarter of 2016 to 2016-11-02', () => {
    // The holiday week costs five days and the make-up weekend gives two back: 11-04 without them.
    expect(cal.addWorkingDays('2016-09-30', 20)).toBe('2016-11-02');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => cal.addWorkingDays('2016-01-04', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2016-01-04', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  const cal = WorkingDayCalendar.chinese();

  it('counts working days in (from, to]', () => {
    expect(cal.workingDaysBetween('2016-09-30', '2016-10-10')).toBe(3);
    expect(cal.workingDaysBetween('2016-07-18', '2016-07-18')).toBe(0);
    expect(cal.workingDaysBetween('2016-07-15', '2016-07-18')).toBe(1);
  });

  it('is negative when to is before from', () => {
    expect(cal.workingDaysBetween('2016-10-10', '2016-09-30')).toBe(-3);
  });
});

describe('years without data', () => {
  it('warns once per year, naming the first date touched', () => {
    const cal = WorkingDayCalendar.chinese();
    cal.isWorkingDay('2016-05-03');
    expect(cal.warnings).toEqual([]);
    cal.isWorkingDay('2027-01-04');
    cal.isWorkingDay('2027-01-05');
    cal.addWorkingDays('2027-12-30', 5);
    expect(cal.warnings).toEqual([
      'no holiday data for 2027: 2027-01-04 treated as a plain weekday',
      'no holiday data for 2028: 2028-01-01 treated as a plain weekday',
    ]);
  });

  it('reports coverage warnings for a range reaching into uncovered years', () => {
    const cal = WorkingDayCalendar.chinese();
    expect(cal.coverageWarnings('2026-12-01', '2027-01-05')).toEqual([
      'no holiday data for 2027: 2027-01-01 treated as a plain weekday',
    ]);
    expect(cal.coverageWarnings('2016-01-01', '2016-12-31')).toEqual([]);
  });
});

describe('user calendar file', () => {
  const file2027 = CalendarFileSchema.parse({
    years: [2027],
    holidays: [{ date: '2027-10-01', name: '国庆节' }, { date: '2027-10-04' }],
    workdays: [{ date: '2027-10-09', name: '国庆节' }],
  });

  it('adds a year: its holidays and make-up days count and no warning is raised', () => {
    const cal = WorkingDayCalendar.chinese(file2027);
    expect(cal.covers(2027)).toBe(true);
    expect(cal.isWorkingDay('2027-10-04')).toBe(false);
    expect(cal.isWorkingDay('2027-10-09')).toBe(true);
    expect(cal.warnings).toEqual([]);
  });

  it('replaces the built-in data for a year it declares', () => {
    const cal = WorkingDayCalendar.chinese(CalendarFileSchema.parse({ years: [2016], holidays: [] }));
    expect(cal.isWorkingDay('2016-10-03')).toBe(true);
    expect(cal.isWorkingDay('2016-10-08')).toBe(false);
    expect(cal.isWorkingDay('2015-10-01')).toBe(false);
  });

  it('overrides single days in years it does not declare, keeping the rest of the built-in year', () => {
    const file = CalendarFileSchema.parse({
      years: [],
      holidays: [{ date: '2016-10-08', name: '地方假日' }],
    });
    const cal = WorkingDayCalendar.chinese(file);
    expect(cal.isWorkingDay('2016-10-08')).toBe(false);
    expect(cal.isWorkingDay('2016-10-09')).toBe(true);
    expect(cal.isWorkingDay('2016-10-03')).toBe(false);
  });

  it('rejects a date listed as both holiday and working day, naming its path', () => {
    const result = CalendarFileSchema.safeParse({
      years: [2027],
      holidays: [{ date: '2027-10-09' }],
      workdays: [{ date: '2027-10-09' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['workdays', 0, 'date']);
  });

  it('rejects dates that do not exist', () => {
    expect(CalendarFileSchema.safeParse({ years: [], holidays: [{ date: '2027-02-30' }] }).success).toBe(
      false,
    );
  });
});

describe('WorkingDayCalendar.fromData', () => {
  it('uses only the data given', () => {
    const cal = WorkingDayCalendar.fromData({
      holidays: { '2030-01-02': 'x' },
      workdays: { '2030-01-05': 'y' },
      years: [2030],
    });
    expect(cal.isWorkingDay('2030-01-01')).toBe(true);
    expect(cal.isWorkingDay('2030-01-02')).toBe(false);
    expect(cal.isWorkingDay('2030-01-05')).toBe(true);
    expect(cal.covers(2016)).toBe(false);
  });
});
