/**
 * List extraction on real government list pages: every page of test/fixtures/pages/real is decoded
 * and extracted as the crawler does, and its items are compared with the hand-checked lists in
 * expected/. Prints a table; exits 1 when a page misses a target (≥ 95% of titles found with the
 * exact title, ≥ 95% of dates right). Run with `npm run bench:extract`; the table is recorded in
 * docs/crawler-extract.md.
 */
import { meetsTargets, scoreCorpus, TARGETS } from './extract/score';

const percent = (x: number) => `${(x * 100).toFixed(0)}%`;

const scores = await scoreCorpus();
const header = [
  'page',
  'site builder',
  'encoding',
  'items expected',
  'items read',
  'titles',
  'dates',
  'meets targets',
];
console.log(`List extraction on ${scores.length} real list pages, ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `targets: titles ≥ ${percent(TARGETS.titles)}, dates ≥ ${percent(TARGETS.dates)} on every page\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
let expected = 0;
let titles = 0;
let dates = 0;
for (const s of scores) {
  expected += s.expectedItems;
  titles += Math.round(s.titles * s.expectedItems);
  dates += Math.round(s.dates * s.expectedItems);
  const row = [
    s.list === s.file.replace(/\.html?$/, '') ? s.file : `${s.file} (${s.list})`,
    s.builder,
    s.encoding,
    s.expectedItems,
    s.foundItems,
    percent(s.titles),
    percent(s.dates),
  ];
  console.log(`| ${[...row, meetsTargets(s) ? 'yes' : 'NO'].join(' | ')} |`);
}
console.log(
  `| total | | | ${expected} | | ${percent(titles / expected)} | ${percent(dates / expected)} | ${scores.every(meetsTargets) ? 'yes' : 'NO'} |`,
);
const failing = scores.filter((s) => !meetsTargets(s));
for (const s of failing) {
  console.error(`\n${s.file}:`);
  for (const miss of s.misses.slice(0, 10)) console.error(`  ${miss}`);
}
if (failing.length > 0) {
  console.error(`\n${failing.length} page(s) miss a target: ${failing.map((s) => s.file).join(', ')}`);
  process.exit(1);
}
