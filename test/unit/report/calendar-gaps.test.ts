import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildReport, calendarGaps } from '../../../src/report/build-report';
import { renderHtml } from '../../../src/report/render-html';
import { siteVetoInput } from './site-veto-fixture';

describe('due dates in a year without holiday data', () => {
  it('counts the periods due in each uncovered year, with the first due date', () => {
    const verdicts = [
      { due: '2026-12-30' },
      { due: '2027-02-16' },
      { due: '2027-01-29' },
      { due: '2028-01-05' },
    ];
    expect(calendarGaps(verdicts, (year) => year <= 2026)).toEqual([
      { year: 2027, periods: 2, firstDue: '2027-01-29' },
      { year: 2028, periods: 1, firstDue: '2028-01-05' },
    ]);
    expect(calendarGaps(verdicts, () => true)).toEqual([]);
  });

  it('shows in red at the top of the report, with the fix, in both languages', () => {
    const input = siteVetoInput();
    const gapped = buildReport({ ...input, calendarCovers: () => false });
    expect(gapped.calendarGaps?.length).toBeGreaterThan(0);
    const zh = cheerio.load(renderHtml(gapped, { lang: 'zh' }));
    const notice = zh('header.top .calendar-gap[role=alert]');
    expect(notice.text()).toContain('没有节假日数据');
    expect(notice.text()).toContain('--calendar');
    const en = cheerio.load(renderHtml(gapped, { lang: 'en' }));
    expect(en('header.top .calendar-gap').text()).toContain("State Council's holiday arrangement");
    const covered = buildReport({ ...input, calendarCovers: () => true });
    expect(cheerio.load(renderHtml(covered, { lang: 'zh' }))('.calendar-gap')).toHaveLength(0);
  });
});
