import { readFileSync } from 'node:fs';
import { loadCatalogue } from './src/config';
import { WorkingDayCalendar } from './src/core/calendar';
import { DEFAULT_POLICY } from './src/core/policy';
import { SourcesFileSchema } from './src/core/source';
import { loadDemoContent } from './src/local/demo-content';
import { demoSweepDates, explainGroundTruth } from './src/local/demo-ground-truth';
import { loadDemoLedger } from './src/local/demo-ledger';
import { startDemoPortal } from './src/local/demo-portal';
import { substitutePlaceholders } from './src/local/demo-sources';
import { applyDemoLedger, SimulatedClock } from './src/local/demo-run';
import { openLocalRuntime } from './src/local/local-runtime';
import { runSweepLocally } from './src/local/sweep-runner';
const to = process.argv[2] ?? '2017-01-31';
const dates = demoSweepDates(to);
const catalogue = await loadCatalogue('seeds/jiangmen-2016/catalogue.json');
const portal = await startDemoPortal({ date: dates[0]! });
const clock = new SimulatedClock(); clock.set(dates[0]!);
const sources = SourcesFileSchema.parse(JSON.parse(substitutePlaceholders(readFileSync('seeds/jiangmen-2016/demo/sources.json', 'utf8'), portal.substitutions)));
const runtime = await openLocalRuntime({ dataDir: '/tmp/gk-e2e/' + Date.now(), catalogue, sources, now: clock.now });
const t0 = Date.now();
try {
  await applyDemoLedger(runtime.deps, await loadDemoLedger());
  for (const asOf of dates) {
    portal.setDate(asOf); clock.set(asOf);
    const s = Date.now();
    const { output } = await runSweepLocally({ asOf, runId: `demo-${asOf}` }, runtime.deps);
    if (asOf.endsWith('-01') || asOf >= '2017-01-30' || Date.now() - s > 3000) console.error(asOf, Date.now() - s, 'ms', JSON.stringify((output as any).evaluation?.counts));
  }
  console.error('total', Date.now() - t0, 'ms; requests', portal.requests());
  const verdicts = await runtime.deps.stores.verdicts.listVerdicts();
  const actual = new Map(verdicts.map((v) => [`${v.obligationId}|${v.periodKey}`, v]));
  const truth = explainGroundTruth({ catalogue, content: await loadDemoContent(), ledger: await loadDemoLedger(), asOf: to, calendar: WorkingDayCalendar.chinese(), policy: catalogue.policy ?? DEFAULT_POLICY });
  let same = 0;
  for (const t of truth) {
    const key = `${t.obligation.id}|${t.period.key}`; const a = actual.get(key);
    if (a?.kind === t.verdict.kind) { same++; continue; }
    console.log('DIFF', key, 'truth', t.verdict.kind, '(', t.verdict.reason, ') monitor', a?.kind, a ? JSON.stringify(a.reasons).slice(0, 300) : '', a?.evidenceUrls?.join(' ') ?? '');
  }
  for (const key of actual.keys()) if (!truth.some((t) => `${t.obligation.id}|${t.period.key}` === key)) console.log('EXTRA', key);
  console.log('same', same, 'of', truth.length);
} finally { await runtime.close(); await portal.stop(); }
