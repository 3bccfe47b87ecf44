import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IsoDateSchema } from '../../src/core/dates';
import { ColumnSchema } from '../../src/core/source';
import { visibleText } from '../../src/core/visible-text';
import { decodeHtml, extractList, type ListItem } from '../../src/crawl/extract';
import { readCorpusJson } from '../corpus-json';

/** The real list-page corpus: test/fixtures/pages/real (README.md there gives each page's provenance). */
export const CORPUS_DIR = new URL('../../test/fixtures/pages/real/', import.meta.url).pathname;

const ExpectedItemSchema = z.object({ title: z.string().min(1), url: z.url(), date: IsoDateSchema });

const ExpectedSchema = z.object({
  site: z.string(),
  builder: z.string(),
  url: z.url().describe('The address the page was read from: the base of its relative links'),
  items: z.array(ExpectedItemSchema).min(1),
});
export type ExpectedPage = z.infer<typeof ExpectedSchema>;

const CorpusSchema = z.object({
  pages: z.array(
    z.object({
      file: z.string(),
      expected: z.string(),
      builder: z.string(),
      encoding: z.enum(['utf-8', 'gbk']),
      /** The day the copy was saved, or the latest day it can have been: the extractor's "today". */
      savedBy: IsoDateSchema.nullable(),
      /** For a page that holds several lists (a home page): the one list scored, as a source names it. */
      selectors: ColumnSchema.shape.selectors,
      copy: z.string(),
    }),
  ),
});

export interface PageScore {
  file: string;
  /** The expected list's name: one file can hold several lists, each scored on its own. */
  list: string;
  builder: string;
  encoding: string;
  expectedItems: number;
  foundItems: number;
  /** Expected items found at their URL with the expected title (compared as stored, NFKC) / expected items. */
  titles: number;
  /** Expected items found at their URL with exactly the expected date / expected items. */
  dates: number;
  /** What went wrong, one line per expected item missed. */
  misses: string[];
}

/** Targets every page must meet, not on average. */
export const TARGETS = { titles: 0.95, dates: 0.95 } as const;

const shownTitle = (title: string) => visibleText(title).replace(/\s+/g, ' ').trim();

/** Scores one extraction against its hand-checked list. */
export function scorePage(items: readonly ListItem[], expected: ExpectedPage) {
  const byUrl = new Map(items.map((item) => [item.url, item]));
  const misses: string[] = [];
  let titles = 0;
  let dates = 0;
  for (const want of expected.items) {
    const got = byUrl.get(want.url);
    if (!got) {
      misses.push(`missing ${want.url} (${want.title})`);
      continue;
    }
    // Titles are stored as a reader compares them (NFKC: full-width ： and ， read as : and ,), and
    // a run of spaces in markup shows as one.
    if (got.title === shownTitle(want.title)) titles++;
    else misses.push(`title of ${want.url}: "${got.title}", expected "${want.title}"`);
    if (got.date === want.date) dates++;
    else misses.push(`date of ${want.url}: ${got.date ?? 'none'}, expected ${want.date}`);
  }
  const n = expected.items.length;
  return { expectedItems: n, foundItems: items.length, titles: titles / n, dates: dates / n, misses };
}

/** Reads every corpus page as the crawler would (bytes decoded, then the list extracted) and scores it. */
export async function scoreCorpus(dir = CORPUS_DIR): Promise<PageScore[]> {
  const corpus = await readCorpusJson(dir, 'corpus.json', CorpusSchema);
  const scores: PageScore[] = [];
  for (const page of corpus.pages) {
    const expected = await readCorpusJson(dir, `expected/${page.expected}.json`, ExpectedSchema);
    const decoded = decodeHtml(new Uint8Array(await readFile(join(dir, page.file))));
    const list = extractList(decoded.text, {
      url: expected.url,
      now: page.savedBy,
      ...(page.selectors ? { selectors: page.selectors } : {}),
    });
    scores.push({
      file: page.file,
      list: page.expected,
      builder: page.builder,
      encoding: decoded.encoding,
      ...scorePage(list.items, expected),
    });
  }
  return scores;
}

/** True when a page meets every target. */
export function meetsTargets(score: PageScore): boolean {
  return score.titles >= TARGETS.titles && score.dates >= TARGETS.dates;
}
