/**
 * Evidence that disappears: the demo portal removes 2016年第一季度药品质量抽检结果公告 from its column
 * on 2016-08-15 (its page then answers 404). Crawled weekly over real stores, the period it
 * evidences stays met and its evidence says since when it is withdrawn; the archived copy remains.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders, loadCatalogue } from '../../../src/config';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import type { IsoDate } from '../../../src/core/dates';
import { matchEvidence, unitSourcesFrom } from '../../../src/core/match';
import { periodsFor } from '../../../src/core/periods';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { SourcesFileSchema } from '../../../src/core/source';
import { type DemoPortal, startDemoPortal } from '../../../src/demo/portal';
import { DirectoryArchive } from '../../../src/store/archive/directory-archive';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';

let stores: DynamoStores;
let portal: DemoPortal;
let archiveDir: string;

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-withdrawn-'));
  portal = await startDemoPortal({ date: '2016-05-02' });
});

afterAll(async () => {
  stores?.close();
  await portal?.stop();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

describe('a published page removed mid-year', () => {
  it('keeps its period met, marked withdrawn since the first crawl that missed it', {
    timeout: 120_000,
  }, async () => {
    const template = await readFile('seeds/jiangmen-2016/demo/sources.json', 'utf8');
    const sources = SourcesFileSchema.parse(
      JSON.parse(fillPlaceholders(template, portal.substitutions, 'demo sources')),
    ).sources.filter((s) => s.id === 'food-drug');
    const source = sources[0]!;
    const host = new URL(source.homepage).host;
    for (const date of ['2016-05-02', '2016-08-08', '2016-08-15', '2016-08-22'] as IsoDate[]) {
      portal.setDate(date);
      await crawlOnce(source, { stores, archiveDir, host, at: `${date}T02:00:00.000Z` });
    }
    const catalogue = await loadCatalogue('seeds/jiangmen-2016/catalogue.json');
    const drug = catalogue.obligations.find((o) => o.id === 'jm2016-063-drug')!;
    const calendar = WorkingDayCalendar.chinese();
    const periods = periodsFor(drug, { year: 2016, policy: DEFAULT_POLICY, calendar });
    const documents = await stores.documents.listDocuments({ sourceId: source.id });
    const judge = (asOf: IsoDate) =>
      matchEvidence({
        obligations: [drug],
        periods,
        documents,
        unitSources: unitSourcesFrom(sources),
        asOf,
      }).evidence.filter((e) => e.periodKey === '2016-Q1');
    const before = judge('2016-08-10');
    expect(before).toHaveLength(1);
    expect(before[0]!.withdrawnOn).toBeUndefined();
    const [after] = judge('2016-08-22');
    expect(after!.kind).toBe('match');
    expect(after!.withdrawnOn).toBe('2016-08-15');
    expect(after!.sha256).not.toBeNull();
    expect(await new DirectoryArchive(archiveDir).get(after!.sha256!)).toBeDefined();
  });
});
