import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/config';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import type { Catalogue } from '../../../src/core/obligation';
import { DEFAULT_POLICY, PolicySchema } from '../../../src/core/policy';
import type { VerdictKind } from '../../../src/core/verdict';
import { type DemoContent, loadDemoContent } from '../../../src/local/demo-content';
import {
  demoAnnotationProblems,
  demoGroundTruth,
  type GroundTruth,
} from '../../../src/local/demo-ground-truth';
import { type DemoLedger, loadDemoLedger } from '../../../src/local/demo-ledger';

let catalogue: Catalogue;
let content: DemoContent;
let ledger: DemoLedger;
let truth: GroundTruth;

beforeAll(async () => {
  catalogue = await loadCatalogue('seeds/jiangmen-2016/catalogue.json');
  content = await loadDemoContent();
  ledger = await loadDemoLedger();
  truth = demoGroundTruth({
    catalogue,
    content,
    ledger,
    asOf: '2017-01-31',
    calendar: WorkingDayCalendar.chinese(),
    policy: catalogue.policy ?? DEFAULT_POLICY,
  });
});

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
    const siteUnits = new Set(content.sites.flatMap((site) => site.units));
    const uncovered = catalogue.obligations
      .flatMap((o) => o.evidence.units ?? o.units)
      .filter((unit) => !siteUnits.has(unit));
    expect([...new Set(uncovered)]).toEqual([]);
    const downUnits = new Set(content.sites.filter((s) => s.down).flatMap((s) => s.units));
    const insufficient = [...truth].filter(([, kind]) => kind === 'insufficient-data').map(([key]) => key);
    expect(insufficient.length).toBeGreaterThan(0);
    for (const key of insufficient) {
      const obligation = catalogue.obligations.find((o) => o.id === key.split('|')[0])!;
      const units = obligation.evidence.units ?? obligation.units;
      const lastWindow = key.endsWith('-C53'); // a check window with no sweep inside it
      expect(lastWindow || units.every((unit) => downUnits.has(unit)), key).toBe(true);
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
});
