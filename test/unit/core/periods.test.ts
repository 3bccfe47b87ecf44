import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { periodsFor, type RecordedEvent } from '../../../src/core/periods';
import { DEFAULT_POLICY, PolicySchema } from '../../../src/core/policy';
import type { Schedule } from '../../../src/core/schedule';

function periods(
  schedule: Schedule,
  options: { year?: number; events?: RecordedEvent[]; policy?: object } = {},
) {
  return periodsFor(
    { id: 'ob', schedule },
    {
      year: options.year ?? 2016,
      policy: options.policy ? PolicySchema.parse(options.policy) : DEFAULT_POLICY,
      calendar: WorkingDayCalendar.chinese(),
      events: options.events,
    },
  );
}

const pick = <T extends { key: string }>(list: T[], key: string) => list.find((p) => p.key === key);

describe('recurring schedules', () => {
  it('quarterly: four quarters with Chinese labels, due 20 working days after each quarter', () => {
    const list = periods({ kind: 'quarterly' });
    expect(list.map((p) => [p.key, p.label, p.start, p.end])).toEqual([
      ['2016-Q1', '2016年第一季度', '2016-01-01', '2016-03-31'],
      ['2016-Q2', '2016年第二季度', '2016-04-01', '2016-06-30'],
      ['2016-Q3', '2016年第三季度', '2016-07-01', '2016-09-30'],
      ['2016-Q4', '2016年第四季度', '2016-10-01', '2016-12-31'],
    ]);
    expect(pick(list, '2016-Q3')).toMatchObject({
      due: '2016-11-02',
      graceWorkingDays: 20,
      obligationId: 'ob',
    });
  });

  it('monthly: twelve months keyed 2016-01 … 2016-12', () => {
    const list = periods({ kind: 'monthly' });
    expect(list.map((p) => p.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`),
    );
    expect(list[5]).toMatchObject({ label: '2016年6月', start: '2016-06-01', end: '2016-06-30' });
    expect(list[1]?.end).toBe('2016-02-29');
  });

  it('semiannual and annual', () => {
    expect(periods({ kind: 'semiannual' }).map((p) => [p.key, p.label, p.end])).toEqual([
      ['2016-H1', '2016年上半年', '2016-06-30'],
      ['2016-H2', '2016年下半年', '2016-12-31'],
    ]);
    expect(periods({ kind: 'annual' }).map((p) => [p.key, p.label, p.start, p.end])).toEqual([
      ['2016', '2016年度', '2016-01-01', '2016-12-31'],
    ]);
  });

  it('weekly: Monday–Sunday weeks clipped to the year, week 1 being the week of 1 January', () => {
    const list = periods({ kind: 'weekly' });
    expect(list).toHaveLength(53);
    expect(list[0]).toMatchObject({
      key: '2016-W01',
      label: '2016年第1周',
      start: '2016-01-01',
      end: '2016-01-03',
    });
    expect(list[1]).toMatchObject({ key: '2016-W02', start: '2016-01-04', end: '2016-01-10' });
    expect(pick(list, '2016-W27')).toMatchObject({
      label: '2016年第27周',
      start: '2016-06-27',
      end: '2016-07-03',
    });
    expect(list.at(-1)).toMatchObject({ key: '2016-W53', start: '2016-12-26', end: '2016-12-31' });
  });

  it('weekly: a week ending in the National Day holiday is due 3 working days after, counting the make-up weekend', () => {
    const week = pick(periods({ kind: 'weekly' }), '2016-W40');
    expect(week).toMatchObject({ start: '2016-09-26', end: '2016-10-02', due: '2016-10-10' });
  });

  it('a schedule grace overrides the policy default for its kind', () => {
    expect(pick(periods({ kind: 'quarterly', graceWorkingDays: 5 }), '2016-Q3')).toMatchObject({
      graceWorkingDays: 5,
      due: '2016-10-12',
    });
    expect(
      pick(periods({ kind: 'quarterly' }, { policy: { graceWorkingDays: { quarterly: 1 } } }), '2016-Q3')
        ?.due,
    ).toBe('2016-10-08');
  });

  it('with no grace a window ending on a day off is due on the next working day', () => {
    const list = periods({ kind: 'monthly', graceWorkingDays: 0 });
    expect(pick(list, '2016-04')).toMatchObject({ end: '2016-04-30', due: '2016-05-03' }); // Sat, then 劳动节
    expect(pick(list, '2016-05')).toMatchObject({ end: '2016-05-31', due: '2016-05-31' });
  });
});

describe('seasonal', () => {
  it('monthly inside April–October only', () => {
    const list = periods({ kind: 'seasonal', fromMonth: 4, toMonth: 10, every: 'monthly' });
    expect(list.map((p) => p.key)).toEqual([
      '2016-04',
      '2016-05',
      '2016-06',
      '2016-07',
      '2016-08',
      '2016-09',
      '2016-10',
    ]);
    expect(list[0]?.graceWorkingDays).toBe(DEFAULT_POLICY.graceWorkingDays.seasonal);
  });

  it('weekly weeks clipped to the season', () => {
    const list = periods({ kind: 'seasonal', fromMonth: 4, toMonth: 10, every: 'weekly' });
    expect(list[0]).toMatchObject({ key: '2016-W14', start: '2016-04-01', end: '2016-04-03' });
    expect(list.at(-1)).toMatchObject({ key: '2016-W45', start: '2016-10-31', end: '2016-10-31' });
  });

  it('a season across the year end covers its months at both ends of the plan year', () => {
    const list = periods({ kind: 'seasonal', fromMonth: 11, toMonth: 2, every: 'monthly' });
    expect(list.map((p) => p.key)).toEqual(['2016-01', '2016-02', '2016-11', '2016-12']);
  });
});

describe('once', () => {
  it('one period per date, each opening the day after the previous one, labelled from labels', () => {
    const list = periods({ kind: 'once', dates: ['2016-03-31', '2016-11-30'], labels: ['中考', '高考'] });
    expect(list.map((p) => [p.key, p.label, p.start, p.end, p.due])).toEqual([
      ['once-1', '中考', '2016-01-01', '2016-03-31', '2016-03-31'],
      ['once-2', '高考', '2016-04-01', '2016-11-30', '2016-11-30'],
    ]);
  });

  it('labels a date in Chinese when no label is given, and a deadline on a Sunday is due on Monday', () => {
    const [period] = periods({ kind: 'once', dates: ['2016-07-31'] });
    expect(period).toMatchObject({ label: '2016年7月31日', end: '2016-07-31', due: '2016-08-01' });
  });

  it('a deadline in the next year (2017年1月底) follows the previous one', () => {
    const list = periods({ kind: 'once', dates: ['2016-07-31', '2016-10-31', '2017-01-31'] });
    expect(list[2]).toMatchObject({ key: 'once-3', start: '2016-11-01', end: '2017-01-31' });
  });

  it('schedule grace pushes the due date', () => {
    const [period] = periods({ kind: 'once', dates: ['2016-09-30'], graceWorkingDays: 2 });
    expect(period).toMatchObject({ end: '2016-09-30', due: '2016-10-09', graceWorkingDays: 2 });
  });
});

describe('event', () => {
  const events: RecordedEvent[] = [
    { id: 'e2', obligationId: 'ob', date: '2016-09-28', note: '市人大常委会通过' },
    { id: 'e1', obligationId: 'ob', date: '2016-05-10', note: '' },
    { id: 'other', obligationId: 'someone-else', date: '2016-05-10', note: '' },
  ];

  it('no recorded events: no periods', () => {
    expect(periods({ kind: 'event', trigger: '通过' })).toEqual([]);
  });

  it('one period per event of this obligation, the policy default (20 working days) applied and said so', () => {
    const list = periods({ kind: 'event', trigger: '通过' }, { events });
    expect(list.map((p) => p.key)).toEqual(['event-e1', 'event-e2']);
    expect(list[1]).toMatchObject({ start: '2016-09-28', end: '2016-10-31', due: '2016-10-31' });
    expect(list[1]?.label).toContain('市人大常委会通过');
    expect(list[1]?.defaultApplied).toContain('20 working days');
  });

  it('hours round up to whole days', () => {
    const list = periods({ kind: 'event', trigger: 't', within: { amount: 24, unit: 'hours' } }, { events });
    expect(list[0]).toMatchObject({ start: '2016-05-10', end: '2016-05-11', due: '2016-05-11' });
    expect(list[0]?.defaultApplied).toBeUndefined();
    const longer = periods(
      { kind: 'event', trigger: 't', within: { amount: 25, unit: 'hours' } },
      { events },
    );
    expect(longer[0]?.end).toBe('2016-05-12');
  });

  it('calendar days end on the day; a day off moves the due date to the next working day', () => {
    const list = periods({ kind: 'event', trigger: 't', within: { amount: 3, unit: 'days' } }, { events });
    expect(list[1]).toMatchObject({ end: '2016-10-01', due: '2016-10-08' });
  });
});

describe('continuous', () => {
  it('check windows of the policy default (7 days) tiling the year, due at each window end', () => {
    const list = periods({ kind: 'continuous' });
    expect(list).toHaveLength(53);
    expect(list[0]).toMatchObject({
      key: '2016-C01',
      start: '2016-01-01',
      end: '2016-01-07',
      due: '2016-01-07',
    });
    expect(list.at(-1)).toMatchObject({
      key: '2016-C53',
      start: '2016-12-30',
      end: '2016-12-31',
      graceWorkingDays: 0,
    });
  });

  it('checkEveryDays sets the window length', () => {
    const list = periods({ kind: 'continuous', checkEveryDays: 14 });
    expect(list[1]).toMatchObject({ start: '2016-01-15', end: '2016-01-28' });
  });
});

describe('unspecified', () => {
  it('one period due on 31 December, saying which default applied', () => {
    const list = periods({ kind: 'unspecified' });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ start: '2016-01-01', end: '2016-12-31', due: '2016-12-31' });
    expect(list[0]?.defaultApplied).toMatch(/no deadline.*unspecifiedDue \(12-31\)/);
  });

  it('follows policy.unspecifiedDue, with 02-29 meaning 02-28 outside leap years', () => {
    expect(periods({ kind: 'unspecified' }, { policy: { unspecifiedDue: '06-30' } })[0]?.due).toBe(
      '2016-06-30',
    );
    expect(
      periods({ kind: 'unspecified' }, { year: 2017, policy: { unspecifiedDue: '02-29' } })[0]?.due,
    ).toBe('2017-02-28');
  });
});

describe('calendar warnings', () => {
  it('periods in a year without holiday data carry a warning', () => {
    const list = periods({ kind: 'quarterly' }, { year: 2027 });
    expect(list[0]?.warnings).toEqual(['no holiday data for 2027: 2027-01-01 treated as a plain weekday']);
  });

  it('a due date reaching into a year without data warns for that year', () => {
    const list = periods({ kind: 'quarterly' }, { year: 2026 });
    expect(list[2]?.warnings).toEqual([]);
    expect(list[3]?.warnings).toEqual(['no holiday data for 2027: 2027-01-01 treated as a plain weekday']);
  });
});
