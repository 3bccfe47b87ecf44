/**
 * Periods benchmark (`npm run bench:periods`): laying out the periods of a catalogue of 10,000
 * weekly and monthly obligations, as every sweep's judging does, against a peer run in the same
 * process: the same obligations each given a calendar of its own, so no layout is shared and every
 * due date walks the working days again (what every obligation cost before layouts were shared).
 * Both produce the same periods (checked). CPU time (user + system), median of five interleaved
 * runs. Fails when sharing saves less than half. Writes its section of docs/benchmarks.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkingDayCalendar } from '../src/core/calendar';
import type { Period } from '../src/core/period';
import { periodsFor } from '../src/core/periods';
import { DEFAULT_POLICY } from '../src/core/policy';
import type { Schedule } from '../src/core/schedule';
import { machine, median, replaceSection } from './bench-doc';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECTION = '## Periods of a 10,000-obligation catalogue (npm run bench:periods)';
const OBLIGATIONS = 10_000;
const RUNS = 5;
const MIN_SAVING = 2;

const obligations = Array.from({ length: OBLIGATIONS }, (_, i) => ({
  id: `o-${i}`,
  schedule: (i % 2 ? { kind: 'weekly' } : { kind: 'monthly' }) as Schedule,
}));

function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function layOut(calendarFor: () => WorkingDayCalendar): Period[][] {
  return obligations.map((o) =>
    periodsFor(o, { year: 2016, policy: DEFAULT_POLICY, calendar: calendarFor() }),
  );
}

function main(): number {
  const host = machine();
  const shared = WorkingDayCalendar.chinese();
  const calendars = obligations.map(() => WorkingDayCalendar.chinese());
  let next = 0;
  const own = () => calendars[next++ % calendars.length]!;
  const same = JSON.stringify(layOut(() => shared)) === JSON.stringify(layOut(own));
  const sharedMs: number[] = [];
  const ownMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh set of calendars per run, so the peer never finds a layout from an earlier run.
    const fresh = obligations.map(() => WorkingDayCalendar.chinese());
    let k = 0;
    ownMs.push(cpuMs(() => layOut(() => fresh[k++]!)));
    sharedMs.push(cpuMs(() => layOut(() => shared)));
  }
  const a = median(sharedMs);
  const b = median(ownMs);
  const periods = layOut(() => shared).reduce((n, p) => n + p.length, 0);
  const ratio = b / a;
  const section = `${SECTION}

${host}.

| run | CPU time (median of ${RUNS}) |
|---|---|
| ${OBLIGATIONS.toLocaleString('en')} obligations (weekly and monthly), ${periods.toLocaleString('en')} periods, layouts shared per calendar | ${Math.round(a)} ms |
| peer: the same, each obligation with a calendar of its own (every due date computed, as before) | ${Math.round(b)} ms |

Sharing saves ${ratio.toFixed(1)}× (the run fails below ${MIN_SAVING}×); both lay out identical periods: ${same ? 'yes' : 'NO'}.
`;
  const doc = join(ROOT, 'docs/benchmarks.md');
  writeFileSync(doc, replaceSection(readFileSync(doc, 'utf8'), SECTION, section));
  console.log(section);
  return same && ratio >= MIN_SAVING ? 0 : 1;
}

process.exitCode = main();
