/**
 * A catalogue of 10,000 weekly and monthly obligations (325,000 obligation-periods in a plan year)
 * swept by the real workflow: the sweep's ASL run by aws-local-stepfunctions with every task's
 * TimeoutSeconds and AWS's payload limits enforced, one site on 127.0.0.1 listing 300 documents,
 * the in-memory stores. Such a run once timed out with no report (the local engine's 60 s default,
 * and most of judging spent laying out the same weekly and monthly periods for every obligation:
 * bench:periods). It must finish with a report in every format, a verdict for every period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueSchema } from '../../../src/core/obligation';
import { SourcesFileSchema } from '../../../src/core/source';
import { parseOrThrow } from '../../../src/core/validation';
import { VERDICT_KINDS } from '../../../src/core/verdict';
import { runSweepLocally } from '../../../src/local/sweep-runner';
import { createMemoryStores } from '../../../src/store/memory/create-stores';
import { MemoryReportSink } from '../../../src/store/memory/notifier';
import type { TaskDeps } from '../../../src/tasks/deps';
import { startServer, type TestServer } from '../fetch/test-server';

const OBLIGATIONS = 10_000;
const DOCUMENTS = 300;
const UNITS = Array.from({ length: 50 }, (_, i) => `市第${i}局`);
const HTML = { 'content-type': 'text/html; charset=utf-8' };

/** Document i is the evidence of obligation 7·i (its title names 事项<7i>号). */
const evidenceOf = (i: number) => i * 7;
const LIST = `<html><head><meta charset="utf-8"></head><body><ul class="list">${Array.from(
  { length: DOCUMENTS },
  (_, i) =>
    `<li><a href="/tzgg/${i}.htm">关于公开事项${evidenceOf(i)}号的通知</a><span>2016-12-${String((i % 20) + 1).padStart(2, '0')}</span></li>`,
).join('\n')}</ul></body></html>`;

let server: TestServer;
const sink = new MemoryReportSink();
let deps: TaskDeps;

beforeAll(async () => {
  server = await startServer({
    '/': (_req, res) => void res.writeHead(200, HTML).end(LIST),
    '/tzgg/': (_req, res) => void res.writeHead(200, HTML).end(LIST),
  });
  deps = {
    stores: createMemoryStores(),
    catalogue: parseOrThrow(
      CatalogueSchema,
      {
        plan: { issuer: '江门市', year: 2016, title: '万项义务测试' },
        obligations: Array.from({ length: OBLIGATIONS }, (_, i) => ({
          id: `ob-${i}`,
          item: i + 1,
          category: `类别${i % 20}`,
          task: `公开事项${i}号`,
          units: [UNITS[i % UNITS.length]],
          unitsCarried: false,
          deadlineText: null,
          schedule: { kind: i % 2 ? 'weekly' : 'monthly' },
          review: [],
          source: { lines: [i + 1, i + 1] },
          evidence: { keywords: [`事项${i}号`] },
        })),
      },
      'catalogue',
    ),
    sources: SourcesFileSchema.parse({
      // The list links 300 detail pages this server does not serve: titles alone are no evidence,
      // and the site answering 404 keeps them candidates; detail fetches off keep the run about judging.
      defaults: { perHostDelayMs: 0, fetchDetails: false },
      sources: [
        {
          id: 'all-units',
          units: UNITS,
          name: '测试站',
          homepage: `${server.origin}/`,
          allowPrivateNetwork: true,
          columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/`, kind: 'notice' }],
        },
      ],
    }),
    now: () => new Date('2016-12-31T02:00:00Z'),
    reportSink: sink,
    log: () => {},
  };
});

afterAll(() => server?.close());

describe('a 10,000-obligation catalogue', () => {
  it('is swept to a report in every format, with a verdict for each of its 325,000 periods', async () => {
    const run = await runSweepLocally({ asOf: '2016-12-31', runId: 'ten-thousand' }, deps);
    // Every state's input and output stayed under AWS's 256 KiB (runSweepLocally fails otherwise).
    expect(run.limits.largestPayload.bytes).toBeLessThan(256 * 1024);
    const files = [...sink.files.keys()].sort();
    expect(files).toEqual([
      'report.csv',
      'report.en.csv',
      'report.en.html',
      'report.html',
      'report.json',
      'summary.txt',
    ]);
    const report = JSON.parse(sink.files.get('report.json')!.body as string) as {
      obligations: { id: string; periods: { verdict: string; candidates: { url: string }[] }[] }[];
      totals: { periods: number; counts: Record<string, number> };
    };
    expect(report.obligations).toHaveLength(OBLIGATIONS);
    const periods = report.obligations.flatMap((o) => o.periods);
    // 2016 has 53 plan weeks (Friday 1 January starts the first): 5,000 × 53 + 5,000 × 12.
    expect(periods).toHaveLength(325_000);
    expect(report.totals.periods).toBe(325_000);
    for (const p of periods) expect(VERDICT_KINDS).toContain(p.verdict);
    expect(Object.values(report.totals.counts).reduce((a, b) => a + b, 0)).toBe(325_000);
    // Each listed title is found for its own obligation, and only there.
    const withCandidates = report.obligations.filter((o) => o.periods.some((p) => p.candidates.length > 0));
    expect(withCandidates.map((o) => o.id).sort()).toEqual(
      Array.from({ length: DOCUMENTS }, (_, i) => `ob-${evidenceOf(i)}`).sort(),
    );
    expect((sink.files.get('report.csv')!.body as string).split('\r\n').length).toBeGreaterThan(325_000);
  }, 900_000);
});
