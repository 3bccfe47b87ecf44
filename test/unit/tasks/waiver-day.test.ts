/**
 * A waiver counts from the day it was entered, in Asia/Shanghai: a sweep dated before that day
 * could not have known of it, so its verdicts stand as judged without it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, loadSources } from '../../../src/config';
import type { Catalogue } from '../../../src/core/obligation';
import type { SourcesFile } from '../../../src/core/source';
import { DEFAULT_DEMO_DIR, loadDemoContent } from '../../../src/demo/content';
import { DEMO_CATALOGUE } from '../../../src/demo/run';
import { createMemoryStores } from '../../../src/store/memory/create-stores';
import { MemoryReportSink } from '../../../src/store/memory/notifier';
import { assess } from '../../../src/tasks/assessment';
import type { TaskDeps } from '../../../src/tasks/deps';

let catalogue: Catalogue;
let sources: SourcesFile;

beforeAll(async () => {
  catalogue = await loadCatalogue(DEMO_CATALOGUE);
  const content = await loadDemoContent();
  const substitute = Object.fromEntries(content.sites.map((s) => [`site:${s.id}`, 'http://127.0.0.1:9']));
  sources = await loadSources(`${DEFAULT_DEMO_DIR}/sources.json`, { substitute });
});

/** One plan period due in March: its verdict on 20 April, then as of each date with a waiver entered at `at`. */
async function verdictsWith(at: string, dates: string[]): Promise<string[]> {
  const deps: TaskDeps = {
    stores: createMemoryStores(),
    catalogue,
    sources,
    now: () => new Date(),
    reportSink: new MemoryReportSink(),
    log: () => {},
  };
  const first = await assess(deps, '2016-04-20');
  const target = first.verdicts.find(
    (v) => v.due >= '2016-03-01' && v.due <= '2016-03-31' && !v.obligationId.startsWith('rule'),
  );
  expect(target, 'a plan period due in March').toBeDefined();
  await deps.stores.ledger.append({
    type: 'waiver',
    id: 'w-late-night',
    at,
    by: '督查科',
    obligationId: target!.obligationId,
    periodKey: target!.periodKey,
    until: '2016-12-31',
    reason: '机构调整',
  });
  const kinds: string[] = [target!.kind];
  for (const date of dates) {
    const a = await assess(deps, date);
    kinds.push(
      a.verdicts.find((v) => v.obligationId === target!.obligationId && v.periodKey === target!.periodKey)!
        .kind,
    );
  }
  return kinds;
}

describe('a waiver', () => {
  it('counts from the Asia/Shanghai day it was entered, not the UTC day', async () => {
    // 07:00 on 2 May in Shanghai is still 1 May in UTC.
    const [before, onTheEve, onTheDay] = await verdictsWith('2016-05-01T23:00:00Z', [
      '2016-05-01',
      '2016-05-02',
    ]);
    expect(before).not.toBe('waived');
    expect(onTheEve).toBe(before);
    expect(onTheDay).toBe('waived');
  });
});
