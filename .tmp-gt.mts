import { readFileSync } from 'node:fs';
import { WorkingDayCalendar } from './src/core/calendar';
import { CatalogueSchema } from './src/core/obligation';
import { DEFAULT_POLICY } from './src/core/policy';
import { loadDemoContent } from './src/local/demo-content';
import { explainGroundTruth } from './src/local/demo-ground-truth';
import { loadDemoLedger } from './src/local/demo-ledger';
let catalogue;
try { catalogue = CatalogueSchema.parse(JSON.parse(readFileSync('seeds/jiangmen-2016/catalogue.json','utf8'))); console.log('REAL catalogue'); }
catch {
const draft = JSON.parse(readFileSync('seeds/jiangmen-2016/draft.json', 'utf8'));
const suffix: Record<string, string[]> = { '9': ['quarterly', 'annual'], '63': ['food', 'drug'], '67': ['monthly', 'quarterly', 'adhoc'] };
const seen: Record<string, number> = {};
const fix: Record<number, string[]> = { 74: ['市财政局'], 52: ['市住房城乡建设局'], 53: ['市住房城乡建设局'], 17: ['市发展改革局'], 27: ['市发展改革局'], 28: ['市发展改革局'], 8: ['市质监局'] };
catalogue = CatalogueSchema.parse({ plan: draft.plan, obligations: draft.obligations.map((o: any) => {
  const n = (seen[o.item] = (seen[o.item] ?? -1) + 1);
  const s = suffix[o.item]; const id = `jm2016-${String(o.item).padStart(3, '0')}${s ? '-' + s[n] : ''}`;
  const schedule = o.item === 64 ? { kind: 'continuous' } : o.schedule;
  return { ...o, id, schedule, units: fix[o.item] ?? o.units, evidence: { keywords: ['x'] } };
}) });
}
const calendar = WorkingDayCalendar.chinese();
const rows = explainGroundTruth({ catalogue, content: await loadDemoContent(), ledger: await loadDemoLedger(), asOf: '2017-01-31', calendar, policy: DEFAULT_POLICY });
const counts: Record<string, number> = {};
for (const r of rows) counts[r.verdict.kind] = (counts[r.verdict.kind] ?? 0) + 1;
console.log(counts);
const filt = process.argv[2];
for (const r of rows) if (!filt || r.obligation.id.includes(filt) || r.verdict.kind.includes(filt)) if (r.verdict.kind !== 'missing' || filt) console.log(r.obligation.id, r.period.key, r.period.due, r.verdict.kind, r.verdict.reason);
