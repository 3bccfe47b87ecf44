import { describe, expect, it } from 'vitest';
import { expandObligations } from '../../../src/core/expand-obligations';
import type { Obligation } from '../../../src/core/obligation';
import { DEFAULT_POLICY, type Policy } from '../../../src/core/policy';
import { forecastSites } from '../../../src/core/site-forecast';
import type { SiteCheck } from '../../../src/core/site-measures';
import { evaluate } from '../../../src/core/verdicts';
import { calendar, periods } from '../match/builders';
import { failed, seen, site, siteRuleObligation } from './builders';

const lyj = site([
  { id: 'a', kind: 'news' },
  { id: 'b', kind: 'notice' },
]);

const homeStale = siteRuleObligation('home-stale', {
  measure: 'stale-columns',
  groups: [{ columnKinds: ['home'], maxAge: { days: 14 } }],
  veto: true,
});
const [home] = expandObligations({ plan: { issuer: '江门市', year: 2016 }, obligations: [homeStale] }, [lyj]);

function judge(
  checks: SiteCheck[],
  asOf: string,
  waivers = [],
  { obligation = home!, policy = DEFAULT_POLICY }: { obligation?: Obligation; policy?: Policy } = {},
) {
  return evaluate({
    obligations: [obligation],
    periods: periods(obligation),
    evidence: [],
    waivers,
    checks: { lyj: checks },
    unitSources: new Map([['市旅游局', ['lyj']]]),
    asOf,
    policy,
    calendar,
    sites: [lyj],
  });
}

const byKey = (verdicts: ReturnType<typeof judge>) => new Map(verdicts.map((v) => [v.periodKey, v]));

describe('site-rule verdicts', () => {
  it('is missing for a month in which any check saw the veto, even if the site recovered by its end', () => {
    const checks = [
      seen('2016-03-07', undefined, '2016-02-15'), // stale since 03-01
      seen('2016-03-14', undefined, '2016-03-10'),
      seen('2016-03-28', undefined, '2016-03-25'),
    ];
    const march = byKey(judge(checks, '2016-04-30')).get('2016-03')!;
    expect(march.kind).toBe('missing');
    expect(march.reasons[0]).toContain('单项否决');
    expect(march.reasons[0]).toContain('2016-03-07');
    // The auditor follows the verdict to the page as read, its hash and the check.
    expect(march.evidence[0]).toMatchObject({
      kind: 'observation',
      url: 'http://127.0.0.1:9/',
      sha256: 'sha-2016-03-07-home',
      recordedAt: '2016-03-07T02:00:00.000Z',
      publishedOn: '2016-02-15',
    });
  });

  it('is met for a month whose every check found the home page fresh', () => {
    const checks = [seen('2016-03-07', undefined, '2016-03-04'), seen('2016-03-21', undefined, '2016-03-18')];
    expect(byKey(judge(checks, '2016-04-30')).get('2016-03')!.kind).toBe('met');
  });

  it('warns while the month runs when the veto will trip within the warning window', () => {
    const checks = [seen('2016-06-06', undefined, '2016-05-30')];
    // Stale from 06-14: 8 days after 06-06, within 14.
    const june = byKey(judge(checks, '2016-06-06')).get('2016-06')!;
    expect(june.kind).toBe('due-soon');
    expect(june.forecast).toBe('2016-06-14');
    // Updated on the day of the check: trips in 15 days, one beyond the window.
    const farther = byKey(judge([seen('2016-06-06', undefined, '2016-06-06')], '2016-06-06')).get('2016-06')!;
    expect(farther.kind).toBe('met');
    expect(farther.forecast).toBe('2016-06-21');
  });

  it('is met with a forecast once the trip date is beyond the warning window', () => {
    const policy = { ...DEFAULT_POLICY, vetoWarningDays: 3 };
    const verdicts = judge([seen('2016-06-06', undefined, '2016-06-03')], '2016-06-06', [], { policy });
    const june = byKey(verdicts).get('2016-06')!;
    expect(june.kind).toBe('met');
    expect(june.forecast).toBe('2016-06-18');
  });

  it("warns within the rule's own window when it sets one", () => {
    const short = siteRuleObligation('home-short', {
      measure: 'stale-columns',
      groups: [{ columnKinds: ['home'], maxAge: { days: 14 } }],
      veto: true,
      warnDays: 7,
    });
    const [o] = expandObligations({ plan: { issuer: '江门市', year: 2016 }, obligations: [short] }, [lyj]);
    const judgeOn = (newest: string) =>
      judge([seen('2016-06-06', undefined, newest)], '2016-06-06', [], { obligation: o! }).find(
        (v) => v.periodKey === '2016-06',
      )!;
    expect(judgeOn('2016-05-31').kind).toBe('met'); // trips 06-15: 9 days away
    expect(judgeOn('2016-05-29').kind).toBe('due-soon'); // trips 06-13: 7 days away
  });

  it('cannot tell when the site was never read in the month', () => {
    const checks = [seen('2016-02-29', undefined, '2016-02-26'), failed('2016-03-07'), failed('2016-03-14')];
    expect(byKey(judge(checks, '2016-04-30')).get('2016-03')!.kind).toBe('insufficient-data');
  });

  it('is pending before its month starts and can be waived like any obligation', () => {
    const verdicts = byKey(
      judge([seen('2016-03-07', undefined, '2016-01-01')], '2016-03-31', [
        { obligationId: home!.id, until: '2016-12-31', by: '督查科', reason: '网站改版' },
      ] as never),
    );
    expect(verdicts.get('2016-03')!.kind).toBe('waived');
    const pending = byKey(judge([seen('2016-03-07', undefined, '2016-03-01')], '2016-03-31')).get('2016-05')!;
    expect(pending.kind).toBe('pending');
  });
});

describe('veto forecast per site', () => {
  const staleColumns = siteRuleObligation('stale-columns', {
    measure: 'stale-columns',
    groups: [
      { columnKinds: ['news'], maxAge: { days: 14 } },
      { columnKinds: ['notice'], maxAge: { months: 6 } },
    ],
    atLeast: 2,
    veto: true,
  });
  const plain = siteRuleObligation('news-columns', {
    measure: 'stale-columns',
    groups: [{ columnKinds: ['news'], maxAge: { days: 14 } }],
  });
  const obligations = expandObligations(
    { plan: { issuer: '江门市', year: 2016 }, obligations: [homeStale, staleColumns, plain] },
    [lyj],
  );

  it('names the veto that trips first and when, and only counts veto rules', () => {
    const checks = new Map([
      [
        'lyj',
        [
          seen('2016-06-06', undefined, '2016-06-01'), // home stale from 06-16
          seen('2016-06-06', 'a', '2016-06-03'), // news stale from 06-18
          seen('2016-06-06', 'b', '2016-01-10'), // notice stale from 07-11
        ],
      ],
    ]);
    const [forecast] = forecastSites({
      obligations,
      sites: [lyj],
      checks,
      asOf: '2016-06-06',
      warningDays: 14,
    });
    expect(forecast!.vetoes.map((v) => v.template)).toEqual(['home-stale', 'stale-columns']);
    expect(forecast!.tripped).toEqual([]);
    expect(forecast!.next).toMatchObject({ on: '2016-06-16', inDays: 10 });
    expect(forecast!.next!.veto.template).toBe('home-stale');
    expect(forecast!.warn).toBe(true);
    expect(forecast!.vetoes[1]!.outcome.tripsOn).toBe('2016-07-11');
  });

  it('lists vetoes already tripped', () => {
    const checks = new Map([['lyj', [seen('2016-06-06', undefined, '2016-05-01')]]]);
    const [forecast] = forecastSites({
      obligations,
      sites: [lyj],
      checks,
      asOf: '2016-06-06',
      warningDays: 14,
    });
    expect(forecast!.tripped.map((v) => v.template)).toEqual(['home-stale']);
    expect(forecast!.next).toBeNull();
    expect(forecast!.warn).toBe(false);
  });
});
