import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../src/core/dates';
import { assessSiteRule, staleFrom } from '../../../src/core/site-measures';
import { SiteRuleSchema } from '../../../src/core/site-rule';
import { failed, seen, site } from './builders';

const rule = (r: unknown) => SiteRuleSchema.parse(r);
const fiveNews = site(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, kind: 'news' })));
const newsTwoWeeks = rule({
  measure: 'stale-columns',
  groups: [{ columnKinds: ['news'], maxAge: { days: 14 } }],
  atLeast: 5,
  veto: true,
});

describe('dates for "within N months"', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2016-08-31', 6)).toBe('2017-02-28');
    expect(addMonths('2015-08-31', 6)).toBe('2016-02-29');
    expect(addMonths('2016-01-15', 12)).toBe('2017-01-15');
  });

  it('makes a page stale the day after the allowed age runs out', () => {
    expect(staleFrom('2016-06-01', { days: 14 })).toBe('2016-06-16');
    expect(staleFrom('2016-01-10', { months: 6 })).toBe('2016-07-11');
  });
});

describe('stale columns', () => {
  it('counts a column as stale from the day after its newest item is older than the limit', () => {
    const checks = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => seen('2016-06-19', id, `2016-06-0${i + 1}`));
    // Newest items 06-01 … 06-06: stale from 06-16 … 06-21.
    const on20 = assessSiteRule(newsTwoWeeks, fiveNews, checks, '2016-06-20');
    expect(on20.status).toBe('tripped');
    expect(on20.count).toBe(5);
    expect(on20.offenders.map((o) => o.staleSince)).toEqual([
      '2016-06-16',
      '2016-06-17',
      '2016-06-18',
      '2016-06-19',
      '2016-06-20',
    ]);
    const on19 = assessSiteRule(newsTwoWeeks, fiveNews, checks, '2016-06-19');
    expect(on19.status).toBe('clear');
    expect(on19.count).toBe(4);
    expect(on19.tripsOn).toBe('2016-06-20');
  });

  it('counts a column whose items are all undated as not updated', () => {
    const home = site([]);
    const homeRule = rule({
      measure: 'stale-columns',
      groups: [{ columnKinds: ['home'], maxAge: { days: 14 } }],
    });
    const outcome = assessSiteRule(
      homeRule,
      home,
      [seen('2016-03-07', undefined, null, 12, 12)],
      '2016-03-07',
    );
    expect(outcome.status).toBe('tripped');
    expect(outcome.offenders[0]?.offence).toBe('undated');
  });

  it('judges each page by its last successful check on or before the day, never a later one', () => {
    const one = site([{ id: 'a', kind: 'news' }]);
    const anyStale = rule({
      measure: 'stale-columns',
      groups: [{ columnKinds: ['news'], maxAge: { days: 14 } }],
    });
    const checks = [
      seen('2016-03-01', 'a', '2016-02-01'),
      seen('2016-03-08', 'a', '2016-03-07'),
      failed('2016-03-15', 'a'),
    ];
    expect(assessSiteRule(anyStale, one, checks, '2016-03-01').status).toBe('tripped');
    expect(assessSiteRule(anyStale, one, checks, '2016-03-15').status).toBe('clear');
    expect(assessSiteRule(anyStale, one, checks, '2016-03-15').observed[0]?.checkedOn).toBe('2016-03-08');
    expect(assessSiteRule(anyStale, one, checks, '2016-02-29').status).toBe('no-data');
  });

  it('forecasts no trip when there are fewer columns than the threshold needs', () => {
    const two = site([
      { id: 'a', kind: 'news' },
      { id: 'b', kind: 'news' },
    ]);
    const outcome = assessSiteRule(
      newsTwoWeeks,
      two,
      [seen('2016-05-02', 'a', '2016-05-01'), seen('2016-05-02', 'b', '2016-05-01')],
      '2016-05-02',
    );
    expect(outcome.status).toBe('clear');
    expect(outcome.tripsOn).toBeNull();
  });
});

describe('blank columns', () => {
  it('trips at the threshold of columns listing nothing', () => {
    const blank = rule({ measure: 'blank-columns', atLeast: 5, veto: true });
    const checks = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) =>
      seen('2016-04-04', id, null, i === 5 ? 3 : 0),
    );
    expect(assessSiteRule(blank, fiveNews, checks, '2016-04-04').status).toBe('tripped');
    expect(assessSiteRule(blank, fiveNews, checks.slice(1), '2016-04-04').status).toBe('clear');
  });
});

describe('availability', () => {
  const availability = rule({ measure: 'availability' });
  const ok = (day: string) => seen(day as never, 'a', '2016-06-01');

  it('counts failed and over-15-second checks of the last 7 days', () => {
    const checks = [
      ...Array.from({ length: 19 }, () => ok('2016-06-10')),
      { ...ok('2016-06-10'), latencyMs: 15_200 },
    ];
    const outcome = assessSiteRule(availability, fiveNews, checks, '2016-06-12');
    expect(outcome.availability).toMatchObject({ total: 20, failed: 1, share: 0.05 });
    expect(outcome.status).toBe('tripped');
  });

  it('forgets failures older than the window', () => {
    const checks = [failed('2016-06-01'), ...Array.from({ length: 5 }, () => ok('2016-06-05'))];
    expect(assessSiteRule(availability, fiveNews, checks, '2016-06-07').status).toBe('tripped');
    expect(assessSiteRule(availability, fiveNews, checks, '2016-06-08').status).toBe('clear');
  });

  it('does not count a page robots.txt kept it from visiting', () => {
    const refused = { ...failed('2016-06-05', 'b'), notVisited: true };
    const checks = [refused, ...Array.from({ length: 5 }, () => ok('2016-06-05'))];
    const outcome = assessSiteRule(availability, fiveNews, checks, '2016-06-07');
    expect(outcome.availability).toMatchObject({ total: 5, failed: 0 });
    expect(outcome.status).toBe('clear');
  });

  it('has no data without checks in the window', () => {
    expect(assessSiteRule(availability, fiveNews, [], '2016-06-08').status).toBe('no-data');
  });
});
