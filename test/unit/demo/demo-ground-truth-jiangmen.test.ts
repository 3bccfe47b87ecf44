import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/config';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import type { Catalogue } from '../../../src/core/obligation';
import { DEFAULT_POLICY, PolicySchema } from '../../../src/core/policy';
import type { VerdictKind } from '../../../src/core/verdict';
import { type DemoContent, loadDemoContent } from '../../../src/demo/content';
import {
  demoAnnotationProblems,
  demoForecastTruth,
  demoGroundTruth,
  demoObligations,
  type GroundTruth,
} from '../../../src/demo/ground-truth';
import { type DemoLedger, loadDemoLedger } from '../../../src/demo/ledger';

let catalogue: Catalogue;
let content: DemoContent;
let ledger: DemoLedger;
let truth: GroundTruth;

beforeAll(async () => {
  catalogue = await loadCatalogue('seeds/jiangmen-2016/catalogue.json');
  content = await loadDemoContent();
  ledger = await loadDemoLedger();
  truth = demoGroundTruth(input('2017-01-31'));
});

function input(asOf: string) {
  return {
    catalogue,
    content,
    ledger,
    asOf,
    calendar: WorkingDayCalendar.chinese(),
    policy: catalogue.policy ?? DEFAULT_POLICY,
  };
}

/** Month → verdict of one site-rule obligation, as `01:met 02:missing …`. */
function months(obligationId: string, from: GroundTruth = truth): string {
  return [...from]
    .filter(([key]) => key.startsWith(`${obligationId}|2016-`))
    .map(([key, kind]) => `${key.slice(-2)}:${kind}`)
    .join(' ');
}

const VETOES = [
  'website-home-stale',
  'website-unreachable',
  'website-veto-stale-columns',
  'website-veto-long-stale-columns',
  'website-veto-blank-columns',
];

/** The vetoes of a site that are missing in some month, and the first such month. */
function trippedVetoes(siteId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const veto of VETOES) {
    const first = [...truth].find(
      ([key, kind]) => key.startsWith(`${veto}--${siteId}|`) && kind === 'missing',
    );
    if (first) out[veto] = first[0].split('|')[1]!;
  }
  return out;
}

function expectVerdicts(expected: Record<string, VerdictKind>): void {
  const actual = Object.fromEntries(
    Object.keys(expected).map((key) => [key, truth.get(key) ?? '(no period)']),
  );
  expect(actual).toEqual(expected);
}

describe('the Jiangmen 2016 demo ground truth as of 2017-01-31', () => {
  it('uses only annotations that name real obligation-periods on the responsible sites', () => {
    const problems = demoAnnotationProblems({
      catalogue,
      content,
      ledger,
      calendar: WorkingDayCalendar.chinese(),
      policy: catalogue.policy ?? PolicySchema.parse({}),
    });
    expect(problems).toEqual([]);
  });

  it('has a demo site for every responsible unit, so only the down site yields insufficient-data', () => {
    const obligations = demoObligations(catalogue, content);
    const siteUnits = new Set(content.sites.flatMap((site) => site.units));
    const uncovered = obligations
      .flatMap((o) => o.evidence.units ?? o.units)
      .filter((unit) => !siteUnits.has(unit));
    expect([...new Set(uncovered)]).toEqual([]);
    const downUnits = new Set(content.sites.filter((s) => s.down).flatMap((s) => s.units));
    const insufficient = [...truth].filter(([, kind]) => kind === 'insufficient-data').map(([key]) => key);
    expect(insufficient.length).toBeGreaterThan(0);
    for (const key of insufficient) {
      const obligation = obligations.find((o) => o.id === key.split('|')[0])!;
      const units = obligation.evidence.units ?? obligation.units;
      const lastWindow = key.endsWith('-C53'); // a check window with no sweep inside it
      // A freshness rule about column kinds a site does not have has nothing to observe there.
      const rule = obligation.evidence.site;
      const site = content.sites.find((s) => s.id === obligation.site);
      const noSuchColumns =
        rule?.measure === 'stale-columns' &&
        !site?.columns.some((c) => rule.groups.some((g) => g.columnKinds.includes(c.kind)));
      expect(lastWindow || noSuchColumns || units.every((unit) => downUnits.has(unit)), key).toBe(true);
    }
  });

  it('covers on-time, late, missing and due-soon quarters of tourism complaints (item 10)', () => {
    expectVerdicts({
      'jm2016-010|2016-Q1': 'met',
      'jm2016-010|2016-Q2': 'met',
      'jm2016-010|2016-Q3': 'late',
      'jm2016-010|2016-Q4': 'met',
      'jm2016-011|2016-Q1': 'missing',
    });
  });

  it('covers weekly food sampling with skipped and late weeks (item 63)', () => {
    expectVerdicts({
      'jm2016-063-food|2016-W02': 'met',
      'jm2016-063-food|2016-W07': 'missing',
      'jm2016-063-food|2016-W30': 'late',
      'jm2016-063-food|2016-W53': 'met',
      'jm2016-063-drug|2016-Q2': 'met', // manual evidence from the ledger
    });
  });

  it('covers waivers, the continuous lapse and the event-based deadline', () => {
    expectVerdicts({
      'jm2016-056|2016-Q1': 'waived',
      'jm2016-066|2016': 'waived',
      'jm2016-083|2016-C22': 'met', // 市长信箱 present at the check on 2016-06-02
      'jm2016-083|2016-C23': 'missing', // gone from 2016-06-06 …
      'jm2016-083|2016-C25': 'missing',
      'jm2016-083|2016-C26': 'met', // … back on 2016-06-27
      'jm2016-071|event-ev-071-npc-approval': 'met',
      'jm2016-072|event-ev-072-npc-review': 'met',
    });
  });

  it('counts the backdated drug sampling report from first sight, so it is late (item 63)', () => {
    expectVerdicts({
      'jm2016-063-drug|2016-Q3': 'late', // shows 2016-10-20, appears 2016-11-21, due 2016-11-02
      'jm2016-073|once-1': 'met',
      'jm2016-073|once-2': 'met',
      'jm2016-073|once-3': 'due-soon',
    });
  });

  it('covers the unreachable site, the robots-hidden report, GBK and attachment-only evidence', () => {
    expectVerdicts({
      'jm2016-038|2016': 'insufficient-data',
      'jm2016-014|2016': 'missing',
      'jm2016-013|2016': 'met',
      'jm2016-043|2016': 'met',
      'jm2016-074|event-ev-074-npc-budget': 'met',
      'jm2016-075|once-1': 'met',
      'jm2016-009-quarterly|2016-Q1': 'met',
    });
  });

  it('covers AQI forecasts (item 54) and the dengue season (item 62)', () => {
    expectVerdicts({
      'jm2016-054|2016-C01': 'met',
      'jm2016-054|2016-C52': 'met',
      'jm2016-062|2016-04': 'met',
      'jm2016-062|2016-10': 'met',
    });
    expect([...truth.keys()].filter((key) => key.startsWith('jm2016-062|'))).toHaveLength(7);
  });

  it('judges unverifiable obligations unverifiable', () => {
    const unverifiable = catalogue.obligations.filter((o) => !o.evidence.verifiable);
    for (const obligation of unverifiable) {
      const kinds = [...truth].filter(([key]) => key.startsWith(`${obligation.id}|`)).map(([, kind]) => kind);
      expect(new Set(kinds).size <= 1 && (kinds[0] ?? 'unverifiable') === 'unverifiable', obligation.id).toBe(
        true,
      );
    }
  });

  it('lays the rule packs out over the 32 demo sites and 31 departments', () => {
    const ids = new Set(truth.keys());
    expect(ids.has('website-home-stale--inspect-model|2016-12')).toBe(true);
    expect([...ids].filter((k) => k.startsWith('website-') && k.endsWith('|2016-01'))).toHaveLength(8 * 32);
    expect(
      [...ids].filter((k) => k.startsWith('annual-report-department--') && k.endsWith('|2015')),
    ).toHaveLength(31);
    expect(ids.has('annual-report-department--gov|2015')).toBe(false);
    expect(ids.has('annual-report-government|2015')).toBe(true);
  });

  it('has a model site that trips no rule all year', () => {
    const kinds = [...truth].filter(([key]) => key.includes('--inspect-model|2016-')).map(([, kind]) => kind);
    expect(kinds).toHaveLength(9 * 12); // 8 website-inspection rules and the privacy rule, per month
    expect(new Set(kinds)).toEqual(new Set(['met']));
  });

  it('has one inspection site per veto, each tripping only its own veto from a known month', () => {
    expect(trippedVetoes('inspect-home')).toEqual({ 'website-home-stale': '2016-07' });
    expect(trippedVetoes('inspect-stale')).toEqual({ 'website-veto-stale-columns': '2016-06' });
    expect(trippedVetoes('inspect-long')).toEqual({ 'website-veto-long-stale-columns': '2016-07' });
    expect(trippedVetoes('inspect-blank')).toEqual({ 'website-veto-blank-columns': '2016-05' });
    expect(trippedVetoes('inspect-down')).toEqual({ 'website-unreachable': '2016-09' });
    expect(months('website-unreachable--inspect-down')).toMatch(/08:met 09:missing 10:met 11:missing 12:met/);
  });

  it('trips a single veto only on the sites staged to trip one; routine news keeps the others fresh', () => {
    const tripping: Record<string, string[]> = {};
    for (const veto of VETOES) {
      const sites = [...truth]
        .filter(([key, kind]) => key.startsWith(`${veto}--`) && kind === 'missing')
        .map(([key]) => key.slice(veto.length + 2).split('|')[0]!);
      tripping[veto] = [...new Set(sites)].sort();
    }
    expect(tripping).toEqual({
      'website-home-stale': ['inspect-home'],
      'website-unreachable': ['inspect-down', 'sasac'],
      'website-veto-stale-columns': ['inspect-stale'],
      'website-veto-long-stale-columns': ['inspect-long'],
      'website-veto-blank-columns': ['inspect-blank'],
    });
    // No site but the staged ones is warned of a veto on the last day either.
    const warned = demoForecastTruth(input('2017-01-31')).filter(
      (f) => f.tripped.length === 0 && f.next && f.next.on <= '2017-02-07',
    );
    expect(warned).toEqual([]);
  });

  it('warns of the coming veto while the month runs (due-soon), before it trips', () => {
    // The 2-week rules warn 7 days ahead (warnDays), the 12-month rule 14 days (the policy default).
    const beforeWindow = demoGroundTruth(input('2016-06-13'));
    expect(beforeWindow.get('website-veto-stale-columns--inspect-stale|2016-06')).toBe('met'); // 8 days left
    const midJune = demoGroundTruth(input('2016-06-14'));
    expect(midJune.get('website-veto-stale-columns--inspect-stale|2016-06')).toBe('due-soon'); // trips 06-21
    expect(midJune.get('website-veto-stale-columns--inspect-stale|2016-05')).toBe('met');
    const earlyJuly = demoGroundTruth(input('2016-07-05'));
    expect(earlyJuly.get('website-home-stale--inspect-home|2016-07')).toBe('due-soon'); // trips 07-12
    expect(earlyJuly.get('website-veto-long-stale-columns--inspect-long|2016-07')).toBe('due-soon'); // 07-17
  });

  it('forecasts each inspection site: the veto it tripped and the next one due', () => {
    const forecasts = Object.fromEntries(demoForecastTruth(input('2017-01-31')).map((f) => [f.sourceId, f]));
    const nextHome = { template: 'website-home-stale', on: '2017-02-14' }; // weekly news, last 2017-01-30
    expect(forecasts['inspect-model']).toEqual({ sourceId: 'inspect-model', tripped: [], next: nextHome });
    expect(forecasts['inspect-home']?.tripped).toEqual(['website-home-stale']);
    expect(forecasts['inspect-stale']?.tripped).toEqual(['website-veto-stale-columns']);
    expect(forecasts['inspect-long']?.tripped).toEqual(['website-veto-long-stale-columns']);
    expect(forecasts['inspect-blank']?.tripped).toEqual(['website-veto-blank-columns']);
    expect(forecasts['inspect-down']).toEqual({ sourceId: 'inspect-down', tripped: [], next: nextHome });
    expect(forecasts.sasac?.tripped).toEqual(['website-unreachable']);
    expect(Object.keys(forecasts)).toHaveLength(content.sites.length);
  });

  it("covers annual reports on time, late, never, on a down site, and the government's own", () => {
    expectVerdicts({
      'annual-report-department--tourism|2015': 'met',
      'annual-report-department--tourism|2016': 'met', // published 2017-01-20
      'annual-report-department--housing|2015': 'late',
      'annual-report-department--quality|2015': 'late',
      'annual-report-department--legal|2015': 'missing',
      'annual-report-department--sasac|2015': 'insufficient-data',
      'annual-report-department--legal|2016': 'due-soon', // due 2017-02-03 after the Spring Festival
      'annual-report-government|2015': 'met',
      'annual-report-government|2016': 'pending', // due 2017-03-31
    });
  });
});
