import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../../src/core/dates';
import type { Evidence } from '../../../src/core/evidence';
import type { Period } from '../../../src/core/period';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { VerdictSchema } from '../../../src/core/verdict';
import { type EvaluateInput, evaluate } from '../../../src/core/verdicts';
import { calendar, obligation, periods, unitSources } from '../match/builders';

const monthly = obligation('food', { kind: 'monthly' }, { keywords: ['抽检'] });
const allPeriods = periods(monthly);
const keys = allPeriods.map((p) => p.key);

const day = (max: number) => fc.integer({ min: 0, max }).map((n): IsoDate => addDays('2016-01-01', n));
const evidenceArb = fc.record({
  periodKey: fc.constantFrom(...keys),
  publishedOn: day(500),
  kind: fc.constantFrom('match', 'candidate', 'manual') as fc.Arbitrary<Evidence['kind']>,
  n: fc.nat(1000),
});
const toEvidence = (e: {
  periodKey: string;
  publishedOn: IsoDate;
  kind: Evidence['kind'];
  n: number;
}): Evidence => ({
  obligationId: 'food',
  periodKey: e.periodKey,
  url: `http://127.0.0.1/spj/${e.n}.htm`,
  kind: e.kind,
  score: 0.5,
  terms: ['抽检'],
  reason: 'title has “抽检”',
  publishedOn: e.publishedOn,
  sha256: null,
  title: '抽检结果',
});
const checksArb = fc.array(fc.record({ at: day(500), ok: fc.boolean() }), { maxLength: 30 });
const waiversArb = fc.array(
  fc.record({ periodKey: fc.option(fc.constantFrom(...keys), { nil: undefined }), until: day(500) }),
  { maxLength: 2 },
);

function judge(
  asOf: IsoDate,
  evidence: Evidence[],
  checks: { at: IsoDate; ok: boolean }[],
  waivers: { periodKey?: string; until: IsoDate }[],
) {
  const input: EvaluateInput = {
    obligations: [monthly],
    periods: allPeriods,
    evidence,
    waivers: waivers.map((w) => ({ obligationId: 'food', by: '王五', reason: '测试', ...w })),
    checks: new Map([['spj', checks.map((c) => ({ checkedAt: `${c.at}T02:00:00Z`, ok: c.ok }))]]),
    unitSources,
    asOf,
    policy: DEFAULT_POLICY,
    calendar,
  };
  return evaluate(input);
}

const periodOf = (key: string): Period => allPeriods.find((p) => p.key === key)!;

describe('verdict properties', () => {
  it('gives every period exactly one valid verdict consistent with its dates and checks', () => {
    fc.assert(
      fc.property(
        day(450),
        fc.array(evidenceArb, { maxLength: 8 }),
        checksArb,
        waiversArb,
        (asOf, ev, checks, waivers) => {
          const verdicts = judge(asOf, ev.map(toEvidence), checks, waivers);
          expect(verdicts.map((v) => v.periodKey)).toEqual(keys);
          for (const v of verdicts) {
            VerdictSchema.parse(v);
            const p = periodOf(v.periodKey);
            if (v.kind === 'missing' || v.kind === 'insufficient-data') expect(asOf > p.due).toBe(true);
            if (v.kind === 'missing') {
              expect(checks.some((c) => c.ok && c.at >= p.start && c.at <= p.due && c.at <= asOf)).toBe(true);
            }
            if (v.kind === 'met') expect(v.evidence[0]!.publishedOn! <= p.due).toBe(true);
            for (const e of v.evidence) {
              expect(e.kind).not.toBe('candidate');
              expect(e.publishedOn! <= asOf).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never turns a met period into another kind when evidence is added', () => {
    fc.assert(
      fc.property(
        day(450),
        fc.array(evidenceArb, { maxLength: 6 }),
        fc.array(evidenceArb, { minLength: 1, maxLength: 4 }),
        checksArb,
        (asOf, base, added, checks) => {
          const before = judge(asOf, base.map(toEvidence), checks, []);
          const after = judge(asOf, [...base, ...added].map(toEvidence), checks, []);
          before.forEach((v, i) => {
            if (v.kind === 'met') expect(after[i]!.kind).toBe('met');
            if (after[i]!.kind === 'missing') expect(v.kind).toBe('missing');
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
