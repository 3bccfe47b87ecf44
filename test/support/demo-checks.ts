/** Checks the demo's end-to-end tests share: what the outbox notified, and verdicts against ground truth. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCatalogue } from '../../src/config';
import { WorkingDayCalendar } from '../../src/core/calendar';
import type { IsoDate } from '../../src/core/dates';
import { DEFAULT_POLICY } from '../../src/core/policy';
import { loadDemoContent } from '../../src/demo/content';
import { demoForecastTruth, demoSweepDates, explainGroundTruth } from '../../src/demo/ground-truth';
import { loadDemoLedger } from '../../src/demo/ledger';
import { expectedFindings } from '../../src/demo/privacy-truth';
import { DEMO_CATALOGUE } from '../../src/demo/run';
import type { Report } from '../../src/report/model';

/**
 * Every flag key (`obligation|period`) named in the data directory's outbox, once per message, as a
 * subscriber sees them: a message repeated under a dedupe key already seen (a publish retried after
 * a crash) is dropped, as the notification contract asks.
 */
export async function notifiedFlagKeys(dataDir: string): Promise<string[]> {
  const text = await readFile(join(dataDir, 'outbox.jsonl'), 'utf8').catch(() => '');
  const seen = new Set<string>();
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const body = JSON.parse(JSON.parse(line).message.default) as {
        dedupeKey?: string;
        flags: { obligationId: string; periodKey: string }[];
      };
      if (body.dedupeKey && seen.has(body.dedupeKey)) return [];
      if (body.dedupeKey) seen.add(body.dedupeKey);
      return body.flags.map((f) => `${f.obligationId}|${f.periodKey}`);
    });
}

/** `obligation|period` → verdict, from a report. */
export function reportVerdicts(report: Report): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of report.obligations) for (const p of o.periods) out.set(`${o.id}|${p.key}`, p.verdict);
  return out;
}

async function groundTruthInput(asOf: IsoDate) {
  const catalogue = await loadCatalogue(DEMO_CATALOGUE);
  return {
    catalogue,
    content: await loadDemoContent(),
    ledger: await loadDemoLedger(),
    asOf,
    sweepDates: demoSweepDates(asOf),
    calendar: WorkingDayCalendar.chinese(),
    policy: catalogue.policy ?? DEFAULT_POLICY,
  };
}

/**
 * The sites whose 政府网站单项否决预警 in the report differs from the demo's ground truth: the vetoes
 * tripped on the report date and the next veto with its trip date, one line per site; and how many
 * sites the ground truth expects.
 */
export async function forecastMismatches(
  report: Report,
  asOf: IsoDate,
): Promise<{ wrong: string[]; expected: number }> {
  const expected = demoForecastTruth(await groundTruthInput(asOf));
  const bySite = new Map((report.siteVetoes?.sites ?? []).map((s) => [s.sourceId, s]));
  const wrong: string[] = [];
  for (const e of expected) {
    const actual = bySite.get(e.sourceId);
    const want = {
      tripped: e.tripped.map((t) => `${t}--${e.sourceId}`).sort(),
      next: e.next ? { obligationId: `${e.next.template}--${e.sourceId}`, on: e.next.on } : null,
    };
    const got = actual
      ? {
          tripped: [...actual.tripped].sort(),
          next: actual.next ? { obligationId: actual.next.obligationId, on: actual.next.on } : null,
        }
      : undefined;
    if (JSON.stringify(got) !== JSON.stringify(want))
      wrong.push(`${e.sourceId}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  return { wrong, expected: expected.length };
}

/** The obligation-periods whose verdict differs from the demo's ground truth, one line each, and the count expected. */
export async function groundTruthMismatches(
  report: Report,
  asOf: IsoDate,
): Promise<{ wrong: string[]; expected: number }> {
  const expected = explainGroundTruth(await groundTruthInput(asOf));
  const actual = reportVerdicts(report);
  const wrong = expected
    .filter((e) => actual.get(`${e.obligation.id}|${e.period.key}`) !== e.verdict.kind)
    .map(
      (e) =>
        `${e.obligation.id} ${e.period.key}: expected ${e.verdict.kind} (${e.verdict.reason}), got ${actual.get(`${e.obligation.id}|${e.period.key}`)}`,
    );
  return { wrong, expected: expected.length };
}

/**
 * A base port for a demo run's portal, in `lane` (0 or 1) of a test file of its own. The ports lie
 * below the ephemeral range (32768+), so no outgoing connection can hold one; each block is 50 ports
 * (the portal takes one per site), picked at random within the lane, so a run never meets one left
 * by an earlier run, and two files running at once, in different lanes, never pick the same block.
 */
export function demoPortalPort(lane: 0 | 1): number {
  const blocksPerLane = 125;
  return 20_000 + (lane * blocksPerLane + Math.floor(Math.random() * blocksPerLane)) * 50;
}

/**
 * The personal data the report lists (masked) against the demo's planted values: every planted
 * value found in its item, nothing else. Values are compared masked, as the report carries them.
 */
export async function personalDataMismatches(report: Report): Promise<{ missed: string[]; extra: string[] }> {
  const content = await loadDemoContent();
  const mask = (kind: string, value: string) => {
    const head = kind === 'mobile' ? 3 : 4;
    return value.slice(0, head) + '*'.repeat(value.length - head - 4) + value.slice(-4);
  };
  const expected = expectedFindings(content).map(
    (e) => `${e.siteId}|${e.title}|${e.kind}|${mask(e.kind, e.value)}`,
  );
  const found = (report.personalData?.sites ?? []).flatMap((site) =>
    site.leaks.flatMap((leak) =>
      leak.findings.map((f) => `${site.sourceId}|${leak.title}|${f.kind}|${f.masked}`),
    ),
  );
  return {
    missed: expected.filter((e) => !found.includes(e)),
    extra: found.filter((f) => !expected.includes(f)),
  };
}
