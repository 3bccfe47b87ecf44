/** Checks the demo's end-to-end tests share: what the outbox notified, and verdicts against ground truth. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCatalogue } from '../../src/config';
import { WorkingDayCalendar } from '../../src/core/calendar';
import type { IsoDate } from '../../src/core/dates';
import { DEFAULT_POLICY } from '../../src/core/policy';
import { loadDemoContent } from '../../src/local/demo-content';
import { demoSweepDates, explainGroundTruth } from '../../src/local/demo-ground-truth';
import { loadDemoLedger } from '../../src/local/demo-ledger';
import { DEMO_CATALOGUE } from '../../src/local/demo-run';
import type { Report } from '../../src/report/model';

/** Every flag key (`obligation|period`) named in the data directory's outbox, once per message. */
export async function notifiedFlagKeys(dataDir: string): Promise<string[]> {
  const text = await readFile(join(dataDir, 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const body = JSON.parse(JSON.parse(line).message.default) as {
        flags: { obligationId: string; periodKey: string }[];
      };
      return body.flags.map((f) => `${f.obligationId}|${f.periodKey}`);
    });
}

/** `obligation|period` → verdict, from a report. */
export function reportVerdicts(report: Report): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of report.obligations) for (const p of o.periods) out.set(`${o.id}|${p.key}`, p.verdict);
  return out;
}

/** The obligation-periods whose verdict differs from the demo's ground truth, one line each, and the count expected. */
export async function groundTruthMismatches(
  report: Report,
  asOf: IsoDate,
): Promise<{ wrong: string[]; expected: number }> {
  const catalogue = await loadCatalogue(DEMO_CATALOGUE);
  const expected = explainGroundTruth({
    catalogue,
    content: await loadDemoContent(),
    ledger: await loadDemoLedger(),
    asOf,
    sweepDates: demoSweepDates(asOf),
    calendar: WorkingDayCalendar.chinese(),
    policy: catalogue.policy ?? DEFAULT_POLICY,
  });
  const actual = reportVerdicts(report);
  const wrong = expected
    .filter((e) => actual.get(`${e.obligation.id}|${e.period.key}`) !== e.verdict.kind)
    .map(
      (e) =>
        `${e.obligation.id} ${e.period.key}: expected ${e.verdict.kind} (${e.verdict.reason}), got ${actual.get(`${e.obligation.id}|${e.period.key}`)}`,
    );
  return { wrong, expected: expected.length };
}
