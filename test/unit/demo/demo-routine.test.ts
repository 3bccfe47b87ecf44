import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/config';
import { mondayOf, weekday } from '../../../src/core/dates';
import type { Document } from '../../../src/core/document';
import { compileRule, testRule } from '../../../src/core/match';
import type { Obligation } from '../../../src/core/obligation';
import { formatIssues } from '../../../src/core/validation';
import { type DemoContent, loadDemoContent, routineItems } from '../../../src/demo/content';
import { demoObligations } from '../../../src/demo/ground-truth';
import {
  allRoutineTitles,
  type DemoRoutine,
  DemoRoutineSchema,
  expandRoutine,
  routineAuthor,
} from '../../../src/demo/routine';

const PLACE = { siteId: 'quality', siteName: '江门市质量技术监督局', columnId: 'xwdt', columnKind: 'news' };

function routine(fields: Partial<DemoRoutine>): DemoRoutine {
  return DemoRoutineSchema.parse({ per: 'week', count: 2, from: '2016-01-04', to: '2016-03-27', ...fields });
}

/** Items per key (the Monday of the week, or the month). */
function countBy(items: { published: string }[], key: (day: string) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item.published), (out.get(key(item.published)) ?? 0) + 1);
  return out;
}

describe('routine demo content (expansion)', () => {
  it('publishes the given number of items each week, on distinct working weekdays within the span', () => {
    const items = expandRoutine(routine({ count: 3 }), PLACE);
    expect(items).toHaveLength(12 * 3);
    for (const item of items) {
      expect(weekday(item.published)).toBeLessThanOrEqual(5);
      expect(item.published >= '2016-01-04' && item.published <= '2016-03-27').toBe(true);
    }
    expect(new Set(items.map((i) => i.published)).size).toBe(items.length);
    const weeks = countBy(items, mondayOf);
    expect(weeks.size).toBe(12);
    expect(new Set(weeks.values())).toEqual(new Set([3]));
  });

  it('publishes the given number of items each month', () => {
    const items = expandRoutine(routine({ per: 'month', count: 2, from: '2016-01-01', to: '2016-06-30' }), {
      ...PLACE,
      columnKind: 'notice',
    });
    expect([...countBy(items, (day) => day.slice(0, 7))]).toEqual([
      ['2016-01', 2],
      ['2016-02', 2],
      ['2016-03', 2],
      ['2016-04', 2],
      ['2016-05', 2],
      ['2016-06', 2],
    ]);
    expect(items.every((i) => i.title.includes('关于'))).toBe(true); // notices, not news
  });

  it('is deterministic, differs between columns, and moving `to` only drops items at the end', () => {
    const year = routine({ to: '2016-12-31' });
    expect(expandRoutine(year, PLACE)).toEqual(expandRoutine(year, PLACE));
    expect(expandRoutine(year, { ...PLACE, columnId: 'other' })).not.toEqual(expandRoutine(year, PLACE));
    const short = expandRoutine(routine({ to: '2016-02-10' }), PLACE);
    expect(expandRoutine(year, PLACE).slice(0, short.length)).toEqual(short);
    expect(short.at(-1)!.published <= '2016-02-10').toBe(true);
  });

  it('writes varied titles naming the department, with no digits a matcher could read as a period', () => {
    const items = expandRoutine(routine({ to: '2016-12-31' }), PLACE);
    expect(new Set(items.map((i) => i.title)).size).toBeGreaterThan(items.length / 2);
    for (const { title } of items) {
      expect(title).toContain('江门市质量技术监督局');
      expect(title).not.toMatch(/[0-9０-９]|[一二三四五六七八九十]+[年月季周]|年度/);
    }
  });

  it('names the department without its bracketed second name, unless an author is given', () => {
    expect(routineAuthor('江门市农业局（江门市扶贫开发办公室）')).toBe('江门市农业局');
    expect(routineAuthor('江门市审计局')).toBe('江门市审计局');
    const items = expandRoutine(routine({ author: '江门市人民政府办公室' }), PLACE);
    expect(items.every((i) => i.title.includes('江门市人民政府办公室'))).toBe(true);
  });

  it('refuses a span that ends before it starts, naming the path', () => {
    const result = DemoRoutineSchema.safeParse({
      per: 'week',
      count: 1,
      from: '2016-02-01',
      to: '2016-01-01',
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error)).toEqual(['to: `from` must not be after `to`']);
  });
});

describe('routine demo content against the catalogue', () => {
  let content: DemoContent;
  let obligations: Obligation[];

  beforeAll(async () => {
    content = await loadDemoContent();
    obligations = demoObligations(await loadCatalogue('seeds/jiangmen-2016/catalogue.json'), content);
  });

  /** Obligations whose evidence rule matches the title in a column of any kind, as "id: terms". */
  function matches(title: string): string[] {
    const doc = {
      url: 'http://127.0.0.1/xwdt/201601/t20160104_100000.htm',
      title,
      columnKind: 'news',
      attachments: [],
    } as unknown as Document;
    const lowered = { title: title.toLowerCase(), names: [] };
    return obligations.flatMap((o) => {
      if (o.evidence.site || o.evidence.personalData) return [];
      const hit = testRule(compileRule({ ...o.evidence, columnKinds: undefined }), doc, lowered);
      return hit ? [`${o.id}: ${hit.terms.join(', ')}`] : [];
    });
  }

  it('has routine columns on every department site except the staged inspection sites and the down site', () => {
    const withRoutine = content.sites.filter((s) => s.columns.some((c) => c.routine)).map((s) => s.id);
    const without = content.sites.map((s) => s.id).filter((id) => !withRoutine.includes(id));
    expect(without.sort()).toEqual([
      'inspect-blank',
      'inspect-down',
      'inspect-home',
      'inspect-long',
      'inspect-model',
      'inspect-stale',
      'sasac',
    ]);
  });

  it('gives no obligation of the demo catalogue a routine title as evidence, whatever the column', () => {
    const titles = new Set<string>();
    for (const site of content.sites)
      for (const column of site.columns)
        for (const item of routineItems(site, column)) titles.add(item.title);
    expect(titles.size).toBeGreaterThan(500);
    const wrong = [...titles].flatMap((title) => matches(title).map((m) => `${title} → ${m}`));
    expect(wrong).toEqual([]);
  });

  it('has a vocabulary no obligation matches, whatever department it names', () => {
    const wrong = allRoutineTitles('江门市某某局').flatMap((title) =>
      matches(title).map((m) => `${title} → ${m}`),
    );
    expect(wrong).toEqual([]);
  });

  it('catches a routine title that would be evidence (the check can fail)', () => {
    expect(matches('江门市审计局关于跟踪审计工作的通知').length).toBeGreaterThan(0);
  });
});
