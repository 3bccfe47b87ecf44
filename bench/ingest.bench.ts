/**
 * Ingest accuracy on real plans: every plan of test/fixtures/plans/real is ingested with its shape
 * detected, and its items, units and deadline texts are compared with the hand-checked lists in
 * expected/. Prints a table; exits 1 when a plan misses a target (≥ 95% item recall and precision,
 * ≥ 90% units, the expected shape detected). Run with `npm run bench:ingest`; the table is
 * recorded in docs/ingest.md.
 */
import { meetsTargets, scoreCorpus, TARGETS } from './ingest/score';

const percent = (x: number) => `${(x * 100).toFixed(0)}%`;

const scores = await scoreCorpus();
const rows = scores.map((s) => [
  s.file,
  s.shape === s.expectedShape ? s.shape : `${s.shape} (expected ${s.expectedShape})`,
  `${s.foundItems}/${s.expectedItems}`,
  percent(s.recall),
  percent(s.precision),
  percent(s.units),
  percent(s.deadlines),
  meetsTargets(s) ? 'yes' : 'NO',
]);
const header = [
  'plan',
  'shape detected',
  'items found/expected',
  'recall',
  'precision',
  'units',
  'deadline text',
  'meets targets',
];
console.log(`Ingest on ${scores.length} real plans, ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `targets: recall ≥ ${percent(TARGETS.recall)}, precision ≥ ${percent(TARGETS.precision)}, units ≥ ${percent(TARGETS.units)} on every plan\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const failing = scores.filter((s) => !meetsTargets(s));
if (failing.length > 0) {
  console.error(`\n${failing.length} plan(s) miss a target: ${failing.map((s) => s.file).join(', ')}`);
  process.exit(1);
}
