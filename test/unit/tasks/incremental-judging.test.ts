/**
 * Incremental judging (src/tasks/judgement-memo.ts) against judging everything: the demo year's
 * documents arrive week by week in the in-memory stores as a crawl would leave them (new items,
 * items retitled in place, an item dated ahead of its sweep, items first seen late, backdated items, checks of every column with the
 * sites' outages, a waiver and manual evidence entered mid-year), and at every
 * weekly date the assessment of a process that judged the weeks before equals one computed from
 * scratch — evidence, candidates, warnings and every verdict — while judging fewer obligations. The
 * same holds when every sweep runs in a fresh process (a cold Lambda) that finds only what the
 * judgement store kept, and such a process reads only the documents of the sources that changed.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, loadSources } from '../../../src/config';
import { addDays, type IsoDate } from '../../../src/core/dates';
import type { Document } from '../../../src/core/document';
import type { Catalogue } from '../../../src/core/obligation';
import type { SourcesFile } from '../../../src/core/source';
import { DEFAULT_DEMO_DIR, type DemoContent, loadDemoContent, outageOn } from '../../../src/demo/content';
import { demoSweepDates } from '../../../src/demo/ground-truth';
import { DEMO_CATALOGUE, DEMO_LAST_SWEEP } from '../../../src/demo/run';
import { createMemoryStores, type MemoryStores } from '../../../src/store/memory/create-stores';
import { MemoryJudgementStore } from '../../../src/store/memory/judgement-store';
import { MemoryReportSink } from '../../../src/store/memory/notifier';
import type { HealthCheck, LedgerEntry } from '../../../src/store/ports';
import { type Assessment, assess } from '../../../src/tasks/assessment';
import type { TaskDeps } from '../../../src/tasks/deps';
import { judgedCatalogue } from '../../../src/tasks/judged-catalogue';

const at = (date: IsoDate, hour = 10) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();

let catalogue: Catalogue;
let sources: SourcesFile;
let content: DemoContent;

beforeAll(async () => {
  catalogue = await loadCatalogue(DEMO_CATALOGUE);
  content = await loadDemoContent();
  const substitute = Object.fromEntries(
    content.sites.map((s, i) => [`site:${s.id}`, `http://127.0.0.1:${20000 + i}`]),
  );
  sources = await loadSources(`${DEFAULT_DEMO_DIR}/sources.json`, { substitute });
});

function depsOver(stores: MemoryStores | TaskDeps['stores']): TaskDeps {
  return {
    stores,
    catalogue,
    sources,
    now: () => new Date(),
    reportSink: new MemoryReportSink(),
    log: () => {},
  };
}

/** What a weekly crawl on `date` leaves: items published since the last sweep, and a check per column. */
async function crawlWeek(stores: MemoryStores, previous: IsoDate | undefined, date: IsoDate): Promise<void> {
  const seenAt = at(date);
  for (const site of content.sites) {
    const source = sources.sources.find((s) => s.id === site.id);
    if (!source) continue;
    const down = outageOn(site, date) !== undefined;
    const checks: HealthCheck[] = [
      { sourceId: site.id, url: source.homepage, checkedAt: seenAt, ok: !down, latencyMs: 20 },
      ...source.columns.map((c) => ({
        sourceId: site.id,
        url: c.url,
        columnId: c.id,
        checkedAt: seenAt,
        ok: !down,
        latencyMs: 20,
      })),
    ];
    await stores.health.recordChecks(checks);
    if (down) continue;
    for (const entry of content.entries.get(site.id) ?? []) {
      if (entry.published > date || (previous !== undefined && entry.published <= previous)) continue;
      const column = source.columns.find((c) => c.id === entry.columnId);
      const doc: Document = {
        url: `${source.homepage.replace(/\/$/, '')}${entry.detailPath}`,
        sourceId: site.id,
        columnId: entry.columnId,
        columnKind: column?.kind ?? 'news',
        units: source.units,
        title: entry.title,
        dateText: entry.shown,
        date: entry.shown,
        dateOrigin: 'list',
        firstSeen: seenAt,
        lastSeen: seenAt,
        sha256: createHash('sha256').update(`${site.id}${entry.detailPath}`).digest('hex'),
        fetchedAt: seenAt,
        attachments: [],
        absences: [],
      };
      await stores.documents.upsertDocument(doc);
    }
  }
}

/** Ledger entries the demo's supervisors make during the year, on the day they make them. */
function ledgerOn(date: IsoDate, judged: Assessment | undefined, plan: readonly string[]): LedgerEntry[] {
  const [first, second] = plan;
  if (date === '2016-05-02' && first)
    return [
      {
        type: 'waiver',
        id: 'w-may',
        at: at(date, 9),
        by: '督查科',
        obligationId: first,
        until: '2016-12-31',
        reason: '机构调整',
      },
    ];
  // Manual evidence for a period already past due: the memo must drop that obligation's judgement.
  const past = judged?.verdicts.find((v) => v.obligationId === second && v.due < date);
  if (date === '2016-09-05' && second && past)
    return [
      {
        type: 'manual-evidence',
        id: 'm-sep',
        at: at(date, 9),
        by: '督查科',
        obligationId: second,
        periodKey: past.periodKey,
        url: 'http://127.0.0.1:1/paper-notice',
        publishedOn: '2016-08-30',
        note: '纸质公告',
      },
    ];
  return [];
}

const view = (a: Assessment) => ({
  verdicts: a.verdicts,
  evidence: a.evidence,
  candidates: a.candidates,
  warnings: a.warnings,
  forecasts: a.forecasts,
});

/** Judging from scratch: the same stores with an empty judgement store. */
const scratchOver = (stores: MemoryStores) => depsOver({ ...stores, judgements: new MemoryJudgementStore() });

/** The same stores, counting the documents every listing returns. */
function countingReads(stores: MemoryStores): { stores: MemoryStores; read: () => number } {
  let read = 0;
  const documents = stores.documents;
  const counted = Object.create(documents) as typeof documents;
  counted.listDocuments = async (filter) => {
    const found = await documents.listDocuments(filter);
    read += found.length;
    return found;
  };
  return { stores: { ...stores, documents: counted }, read: () => read };
}

describe.each([
  { process: 'one process judging every sweep', cold: false },
  { process: 'a cold process at every sweep, with only the judgement store', cold: true },
])('incremental judging in $process', ({ cold }) => {
  it('judges each week of the demo year exactly as judging everything from scratch, re-judging fewer obligations', async () => {
    const stores = createMemoryStores();
    const warm = depsOver(stores);
    const dates = demoSweepDates(DEMO_LAST_SWEEP);
    const judged = judgedCatalogue(warm).obligations;
    const plan = judged.filter((o) => !o.evidence.site && !o.evidence.personalData).map((o) => o.id);
    let previous: IsoDate | undefined;
    let last: Assessment | undefined;
    let kept = 0;
    for (const date of dates) {
      await crawlWeek(stores, previous, date);
      for (const entry of ledgerOn(date, last, plan)) expect(await stores.ledger.append(entry)).toBe(true);
      if (date === '2016-11-14' && last && previous) {
        // An item dated ten days ahead, of an obligation whose periods are all past due: it turns
        // from "published after the as-of date" into evidence with no change to any document.
        const settled = new Set(
          judged
            .filter((o) => plan.includes(o.id))
            .filter((o) =>
              last!.verdicts.filter((v) => v.obligationId === o.id).every((v) => v.due < previous!),
            )
            .map((o) => o.id),
        );
        const model = last.evidence.find((e) => e.kind === 'match' && settled.has(e.obligationId));
        const doc = model && (await stores.documents.getDocument(model.url));
        expect(doc, 'an evidence document of a settled obligation').toBeDefined();
        const ahead = addDays(date, 10);
        await stores.documents.upsertDocument({
          ...doc!,
          url: `${doc!.url}?ahead`,
          date: ahead,
          dateText: ahead,
          firstSeen: at(date),
          lastSeen: at(date),
        });
      }
      if (date === '2016-11-07') {
        // Every item of one column retitled in place, long after it was first seen.
        for (const doc of (await stores.documents.listDocuments()).slice(0, 40))
          await stores.documents.upsertDocument({
            ...doc,
            title: `${doc.title}（更正）`,
            lastSeen: at(date),
          });
      }
      const step = await assess(cold ? depsOver(stores) : warm, date);
      const scratch = await assess(scratchOver(stores), date);
      expect(view(step), date).toEqual(view(scratch));
      expect(scratch.rejudged).toBe(judged.length);
      kept += judged.length - step.rejudged;
      previous = date;
      last = step;
    }
    // The memo did its work: by the year's end many plan obligations kept their judgement.
    expect(kept).toBeGreaterThan(0);
  }, 240_000);

  it('reads only the changed source’s documents when one source changed since the last sweep', async () => {
    const stores = createMemoryStores();
    const dates = demoSweepDates(DEMO_LAST_SWEEP);
    let previous: IsoDate | undefined;
    for (const date of dates) {
      await crawlWeek(stores, previous, date);
      previous = date;
    }
    const documents = await stores.documents.listDocuments();
    // A source whose documents name only its own units, and whose units no other source's name:
    // no other source is read for the obligations it carries.
    const unitsOf = new Map(sources.sources.map((s) => [s.id, new Set(s.units)]));
    const named = (id: string) => new Set(documents.filter((d) => d.sourceId === id).flatMap((d) => d.units));
    const alone = sources.sources.find((s) => {
      const own = unitsOf.get(s.id)!;
      if (documents.filter((d) => d.sourceId === s.id).length < 3) return false;
      if (![...named(s.id)].every((u) => own.has(u))) return false;
      return sources.sources.every((o) => o.id === s.id || ![...named(o.id)].some((u) => own.has(u)));
    });
    expect(alone, 'a source read by its own obligations only').toBeDefined();
    const changedId = alone!.id;
    const all = await assess(scratchOver(stores), previous!);
    const lastDue = [previous!, ...all.verdicts.map((v) => v.due)].sort().at(-1)!;
    const settled = addDays(lastDue, 1);
    // A sweep after every period fell due (cold: everything is read), then one source changes.
    const first = countingReads(stores);
    await assess(depsOver(first.stores), settled);
    expect(first.read()).toBe(documents.length);
    const doc = documents.find((d) => d.sourceId === changedId)!;
    expect(await stores.documents.upsertDocument({ ...doc, title: `${doc.title}（更正）` })).toBe('changed');
    const next = addDays(settled, 7);
    const second = countingReads(stores);
    const step = await assess(depsOver(second.stores), next);
    expect(second.read()).toBe(documents.filter((d) => d.sourceId === changedId).length);
    expect(step.documentsRead).toBe(second.read());
    expect(view(step)).toEqual(view(await assess(scratchOver(stores), next)));
    expect(step.rejudged).toBeLessThan(judgedCatalogue(depsOver(stores)).obligations.length);
  }, 240_000);
});
