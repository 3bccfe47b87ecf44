import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendarFile, loadCatalogue } from '../../../src/config';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { periodsFor } from '../../../src/core/periods';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type { Schedule } from '../../../src/core/schedule';
import { ValidationError } from '../../../src/core/validation';

const TEMPLATE = 'seeds/calendars/calendar-2027.template.json';

const dues = (schedule: Schedule, calendar: WorkingDayCalendar) =>
  Object.fromEntries(
    periodsFor({ id: 'x', schedule }, { year: 2027, policy: DEFAULT_POLICY, calendar }).map((p) => [
      p.key,
      p.due,
    ]),
  );

function catalogueJson(policy: Record<string, unknown>) {
  return JSON.stringify({
    plan: { issuer: '江门市', year: 2027 },
    policy,
    obligations: [
      {
        id: 'monthly-report',
        item: 1,
        category: null,
        task: '每月公开',
        units: ['市统计局'],
        unitsCarried: false,
        deadlineText: null,
        schedule: { kind: 'monthly' },
        review: [],
        source: { lines: [1, 1] },
        evidence: { keywords: ['统计月报'] },
      },
    ],
  });
}

describe('the 2027 calendar template', () => {
  it('gives a 2027 plan the due dates its holidays imply', async () => {
    const calendar = WorkingDayCalendar.chinese(await loadCalendarFile(TEMPLATE));
    const plain = WorkingDayCalendar.chinese();
    // January: 31 Jan + 10 working days, skipping 除夕 (Fri 5 Feb) and 初三 (Mon 8 Feb).
    expect(dues({ kind: 'monthly' }, calendar)['2027-01']).toBe('2027-02-16');
    expect(dues({ kind: 'monthly' }, plain)['2027-01']).toBe('2027-02-12');
    // Q3: 30 Sep + 20 working days, skipping 国庆 (Fri 1 Oct).
    expect(dues({ kind: 'quarterly' }, calendar)['2027-Q3']).toBe('2027-10-29');
    expect(dues({ kind: 'quarterly' }, plain)['2027-Q3']).toBe('2027-10-28');
    // May: 31 May + 10 working days, skipping 端午 (Wed 9 June).
    expect(dues({ kind: 'monthly' }, calendar)['2027-05']).toBe('2027-06-15');
  });

  it('still warns that 2027 has no complete holiday data until the arrangement is filled in', async () => {
    const calendar = WorkingDayCalendar.chinese(await loadCalendarFile(TEMPLATE));
    expect(calendar.covers(2027)).toBe(false);
  });
});

describe('policy.calendar', () => {
  it('embeds the calendar named relative to the catalogue, and --calendar overrides it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongkai-policy-calendar-'));
    await mkdir(join(dir, 'cal'));
    await writeFile(
      join(dir, 'cal', '2027.json'),
      JSON.stringify({ years: [2027], holidays: [{ date: '2027-02-16' }] }),
    );
    await writeFile(join(dir, 'catalogue.json'), catalogueJson({ calendar: 'cal/2027.json' }));
    const catalogue = await loadCatalogue(join(dir, 'catalogue.json'));
    expect(catalogue.calendar?.holidays).toEqual([{ date: '2027-02-16' }]);
    const overridden = await loadCatalogue(join(dir, 'catalogue.json'), { calendar: TEMPLATE });
    expect(overridden.calendar?.years).toEqual([]);
    expect(overridden.calendar?.holidays).toContainEqual({ date: '2027-02-05', name: '春节（除夕）' });
  });

  it('names the calendar file and the path of what is wrong in it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongkai-policy-calendar-'));
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ years: [2027], workdays: [{ date: '2027-02-30' }] }),
    );
    await writeFile(join(dir, 'catalogue.json'), catalogueJson({ calendar: 'bad.json' }));
    const error = await loadCatalogue(join(dir, 'catalogue.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String((error as ValidationError).message)).toContain('bad.json');
    expect((error as ValidationError).problems.join('\n')).toContain('workdays[0].date');
  });
});
