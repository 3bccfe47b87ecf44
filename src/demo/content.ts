/**
 * The demo portal's content: simulated Jiangmen department websites, written as JSON under
 * seeds/jiangmen-2016/demo/sites/ (one file per site). Items carry the date they appear on the site
 * (`published`), the date the page shows (`shown`, which differs only for a backdated item), spans
 * during which they vanish (`gone`), attachments, and — for items meant as evidence — the
 * obligation-period the author intends them to evidence. The monitor never reads `evidences`: the
 * ground truth (demo-ground-truth.ts) does.
 *
 * Repetitive content (weekly sampling notices, monthly reports, forecasts) is written as a compact
 * `series` and expanded here, so the JSON stays readable; routine work news and notices that
 * evidence nothing are a column's `routine` cadence (routine.ts).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  addDays,
  endOfMonth,
  type IsoDate,
  IsoDateSchema,
  isoDate,
  minDate,
  mondayOf,
  weekOfYear,
} from '../core/dates';
import { ColumnKindSchema } from '../core/source';
import { parseOrThrow, ValidationError } from '../core/validation';
import { DemoRoutineSchema, expandRoutine } from './routine';

/** The obligation-period an item is meant to evidence. `period` is omitted for continuous obligations. */
export const DemoEvidenceSchema = z.object({
  obligation: z.string().min(1),
  period: z
    .string()
    .min(1)
    .optional()
    .describe('Period key (2016-Q3, 2016-W27, once-2, event-<id>, 2016); omit for continuous obligations'),
});
export type DemoEvidence = z.infer<typeof DemoEvidenceSchema>;

export const DemoAttachmentSchema = z.object({
  name: z
    .string()
    .regex(
      /\.(pdf|xls|xlsx|doc|docx|csv)$/i,
      'attachment name must end in .pdf, .xls, .xlsx, .doc, .docx or .csv',
    ),
  rows: z
    .array(z.array(z.string()))
    .optional()
    .describe('A real file with this table: the sheet (.xlsx), a table (.docx), lines (.pdf), rows (.csv)'),
  paragraphs: z.array(z.string()).optional().describe('A real file with these paragraphs (.docx, .pdf)'),
});
export type DemoAttachment = z.infer<typeof DemoAttachmentSchema>;

const GoneSpanSchema = z
  .object({
    from: IsoDateSchema.describe('First day the item is missing from its column'),
    to: IsoDateSchema.nullable().default(null).describe('First day it is back; null = never'),
  })
  .refine((span) => span.to === null || span.to > span.from, { message: '`to` must be after `from`' });

export const DemoItemSchema = z
  .object({
    title: z.string().min(1),
    published: IsoDateSchema.describe('Day the item appears on the site'),
    shown: IsoDateSchema.optional().describe('Date the page shows (default: published); earlier = backdated'),
    gone: z.array(GoneSpanSchema).default([]),
    attachments: z.array(DemoAttachmentSchema).default([]),
    linkTo: z
      .enum(['detail', 'attachment'])
      .default('detail')
      .describe('"attachment": the list links straight to the (single) attachment'),
    body: z.string().optional(),
    evidences: z.array(DemoEvidenceSchema).default([]),
    note: z.string().optional().describe('Why the item is there (for people reading the content)'),
    personalData: z
      .array(
        z.object({
          kind: z.enum(['resident-id', 'mobile', 'bank-card']),
          value: z.string().min(11),
        }),
      )
      .default([])
      .describe('Fictitious personal data planted in the body or attachments: what the scan must find'),
    lookAlikes: z
      .array(z.string())
      .default([])
      .describe('Numbers planted that must NOT count (order numbers, bad checksums, dates)'),
  })
  .superRefine((item, ctx) => {
    if (item.linkTo === 'attachment' && item.attachments.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['attachments'],
        message: 'linkTo "attachment" needs exactly one attachment',
      });
    }
  });
export type DemoItem = z.infer<typeof DemoItemSchema>;

/**
 * A run of similar items: one per week, month or every N days between `from` and `to`. Weeks are
 * numbered as the periods are (week 1 contains 1 January), so "第{week}周" in a title names the
 * period the item evidences.
 */
export const DemoSeriesSchema = z
  .object({
    per: z.enum(['week', 'month', 'day']),
    from: IsoDateSchema.describe('Periods starting on or after this date'),
    to: IsoDateSchema.describe('Periods starting on or before this date'),
    every: z.number().int().positive().default(1).describe('For `day`: one item every N days'),
    title: z
      .string()
      .min(1)
      .describe('Template: {year} {week} {month} {quarter} {date} {cnDate} {n} (the period it is about)'),
    publishAfter: z
      .number()
      .int()
      .default(1)
      .describe('Days after the period ends that the item appears (0 = the last day; negative = before)'),
    skip: z
      .array(z.string())
      .default([])
      .describe('Series keys with no item (2016-W07, 2016-08, 2016-03-14)'),
    late: z.record(z.string(), IsoDateSchema).default({}).describe('Series key → the day it appears instead'),
    attachments: z.array(DemoAttachmentSchema).default([]),
    linkTo: z.enum(['detail', 'attachment']).default('detail'),
    evidence: z.string().optional().describe('Obligation each item evidences (the series key is the period)'),
    evidencePeriod: z
      .string()
      .nullable()
      .optional()
      .describe('Fixed period key instead of the series key; null for a continuous obligation'),
  })
  .refine((series) => series.from <= series.to, { message: '`from` must not be after `to`', path: ['to'] });
export type DemoSeries = z.infer<typeof DemoSeriesSchema>;

export const DemoLayoutSchema = z
  .enum(['ul', 'table', 'year-heading', 'script'])
  .describe(
    'ul: <li><a/><span>date</span>; table: rows; year-heading: [MM-DD] under a 2016年 heading; script: JS list + <noscript>',
  );
export const DemoDateFormatSchema = z.enum(['iso', 'cn', 'slash', 'month-day']);
export type DemoLayout = z.infer<typeof DemoLayoutSchema>;
export type DemoDateFormat = z.infer<typeof DemoDateFormatSchema>;

export const DemoColumnSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'column id: lowercase letters, digits and dashes'),
  name: z.string().min(1),
  kind: ColumnKindSchema,
  path: z.string().regex(/^\/([a-z0-9_-]+\/)+$/, 'path like /zwgk/tzgg/ (leading and trailing slash)'),
  layout: DemoLayoutSchema.default('ul'),
  dateFormat: DemoDateFormatSchema.default('iso'),
  pageSize: z.number().int().min(5).max(50).default(15),
  pagination: z
    .enum(['trs', 'query'])
    .default('trs')
    .describe('trs: index_1.htm via createPageHTML; query: ?page=2 with 下一页 links'),
  items: z.array(DemoItemSchema).default([]),
  series: z.array(DemoSeriesSchema).default([]),
  routine: DemoRoutineSchema.optional().describe('Routine news or notices at a cadence (routine.ts)'),
});
export type DemoColumn = z.infer<typeof DemoColumnSchema>;

const CharsetSchema = z.enum(['utf-8', 'gbk']);

/**
 * The home page's 最新信息 block lists the site's newest items with their dates. `pinned` links
 * (专题, 信箱) head the list without a date, as on many real home pages; `frozenFrom` simulates a
 * home page whose CMS stopped republishing it: from that day on it shows what it showed the day
 * before, while the columns keep updating.
 */
export const DemoHomeSchema = z.object({
  pinned: z.array(z.string().min(1)).default([]).describe('Undated links at the head of the latest list'),
  frozenFrom: IsoDateSchema.optional().describe('First day the home page is no longer republished'),
});
export type DemoHome = z.infer<typeof DemoHomeSchema>;

/** A span during which every request to the site (robots.txt included) answers `status`. */
export const DemoOutageSchema = z
  .object({
    from: IsoDateSchema.describe('First day of the outage'),
    to: IsoDateSchema.describe('First day the site answers again'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503)]).default(503),
  })
  .refine((span) => span.to > span.from, { message: '`to` must be after `from`', path: ['to'] });
export type DemoOutage = z.infer<typeof DemoOutageSchema>;

export const DemoSiteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'site id: lowercase letters, digits and dashes'),
    name: z.string().min(1),
    units: z.array(z.string().min(1)).min(1),
    charset: CharsetSchema.default('utf-8').describe('How the bytes are encoded'),
    headerCharset: z
      .string()
      .nullable()
      .optional()
      .describe('charset in the Content-Type header (default: charset; null: none; may lie)'),
    metaCharset: z
      .string()
      .nullable()
      .optional()
      .describe('charset in the <meta> (default: charset; null: none)'),
    detailStyle: z
      .enum(['meta', 'text', 'both'])
      .default('both')
      .describe('Where detail pages show their date'),
    down: z.enum(['503', 'refused']).optional().describe('The site is unreachable all year'),
    outages: z.array(DemoOutageSchema).default([]).describe('Spans during which the site answers an error'),
    home: DemoHomeSchema.prefault({}),
    robots: z
      .object({
        disallow: z.array(z.string().startsWith('/')).default([]),
        crawlDelay: z.number().min(0).max(1).optional(),
      })
      .optional(),
    columns: z.array(DemoColumnSchema).min(1),
  })
  .superRefine((site, ctx) => {
    const ids = new Set<string>();
    site.columns.forEach((column, i) => {
      if (ids.has(column.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'id'],
          message: `duplicate column "${column.id}"`,
        });
      }
      ids.add(column.id);
    });
  });
export type DemoSite = z.infer<typeof DemoSiteSchema>;

/** One item as the portal serves it: series expanded, URLs fixed. */
export interface DemoEntry {
  /** Stable numeric id (from site, column, title and publication day) used in URLs. */
  id: string;
  siteId: string;
  columnId: string;
  title: string;
  published: IsoDate;
  shown: IsoDate;
  gone: { from: IsoDate; to: IsoDate | null }[];
  attachments: { name: string; path: string; rows?: string[][]; paragraphs?: string[] }[];
  /** Planted personal data the scan must find, and look-alikes it must not (ground truth only). */
  personalData: { kind: 'resident-id' | 'mobile' | 'bank-card'; value: string }[];
  lookAlikes: string[];
  linkTo: 'detail' | 'attachment';
  /** Detail page path, TRS-style: /zwgk/tzgg/201607/t20160715_123456.htm (the real publication day). */
  detailPath: string;
  body?: string;
  evidences: DemoEvidence[];
  note?: string;
}

export interface DemoContent {
  sites: DemoSite[];
  /** Every item of every site, expanded, keyed by site id. */
  entries: Map<string, DemoEntry[]>;
}

/** Default content directory, relative to the repository root. */
export const DEFAULT_DEMO_DIR = 'seeds/jiangmen-2016/demo';

/**
 * Reads and validates every site file under `<dir>/sites/`, expands series and checks that URLs are
 * unique. Throws ValidationError naming the file and JSON path of anything wrong.
 */
export async function loadDemoContent(dir: string = DEFAULT_DEMO_DIR): Promise<DemoContent> {
  const sitesDir = join(dir, 'sites');
  const files = (await readdir(sitesDir)).filter((name) => name.endsWith('.json')).sort();
  const sites: DemoSite[] = [];
  for (const file of files) {
    const path = join(sitesDir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new ValidationError(path, [`(root): not valid JSON: ${(error as Error).message}`]);
    }
    sites.push(parseOrThrow(DemoSiteSchema, raw, path));
  }
  return buildDemoContent(sites);
}

/** Expands series and assigns URLs; pure, so tests can build content in memory. */
export function buildDemoContent(sites: DemoSite[]): DemoContent {
  const problems: string[] = [];
  const siteIds = new Set<string>();
  const entries = new Map<string, DemoEntry[]>();
  for (const site of sites) {
    if (siteIds.has(site.id)) problems.push(`site "${site.id}": duplicate site id`);
    siteIds.add(site.id);
    const list: DemoEntry[] = [];
    const paths = new Set<string>();
    for (const column of site.columns) {
      const items = [...column.items, ...column.series.flatMap(expandSeries), ...routineItems(site, column)];
      for (const item of items) {
        const entry = toEntry(site, column, item);
        for (const path of [entry.detailPath, ...entry.attachments.map((a) => a.path)]) {
          if (paths.has(path)) problems.push(`${site.id}/${column.id}: two items share the URL ${path}`);
          paths.add(path);
        }
        list.push(entry);
      }
    }
    entries.set(site.id, list);
  }
  if (problems.length > 0) throw new ValidationError('demo content', problems);
  return { sites, entries };
}

/** The column's routine cadence as items: no attachment, no evidence, marked as routine. */
export function routineItems(site: DemoSite, column: DemoColumn): DemoItem[] {
  if (!column.routine) return [];
  const place = { siteId: site.id, siteName: site.name, columnId: column.id, columnKind: column.kind };
  return expandRoutine(column.routine, place).map(({ title, published }) => ({
    title,
    published,
    gone: [],
    attachments: [],
    linkTo: 'detail',
    evidences: [],
    personalData: [],
    lookAlikes: [],
    note: 'routine',
  }));
}

function toEntry(site: DemoSite, column: DemoColumn, item: DemoItem): DemoEntry {
  const digest = createHash('sha256')
    .update(`${site.id}\n${column.id}\n${item.title}\n${item.published}`)
    .digest();
  const id = String(100000 + (digest.readUInt32BE(0) % 900000));
  const stamp = item.published.replaceAll('-', '');
  const folder = `${column.path}${stamp.slice(0, 6)}/`;
  return {
    id,
    siteId: site.id,
    columnId: column.id,
    title: item.title,
    published: item.published,
    shown: item.shown ?? item.published,
    gone: item.gone,
    attachments: item.attachments.map((attachment, i) => ({
      ...attachment,
      path: `${folder}P0${stamp}${id}${i}.${extensionOf(attachment.name)}`,
    })),
    personalData: item.personalData,
    lookAlikes: item.lookAlikes,
    linkTo: item.linkTo,
    detailPath: `${folder}t${stamp}_${id}.htm`,
    ...(item.body === undefined ? {} : { body: item.body }),
    evidences: item.evidences,
    ...(item.note === undefined ? {} : { note: item.note }),
  };
}

export function extensionOf(name: string): string {
  return (name.split('.').pop() ?? '').toLowerCase();
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

interface SeriesPeriod {
  key: string;
  start: IsoDate;
  end: IsoDate;
  tokens: Record<string, string>;
}

/** Expands a series into items; the period key of each item is the evidenced period unless fixed. */
export function expandSeries(series: DemoSeries): DemoItem[] {
  const items: DemoItem[] = [];
  let n = 0;
  for (const period of seriesPeriods(series)) {
    n++;
    if (series.skip.includes(period.key)) continue;
    const published = series.late[period.key] ?? addDays(period.end, series.publishAfter);
    const tokens: Record<string, string> = { ...period.tokens, n: String(n) };
    const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => tokens[name] ?? whole);
    const evidencePeriod = series.evidencePeriod === undefined ? period.key : series.evidencePeriod;
    items.push({
      title: fill(series.title),
      published,
      gone: [],
      personalData: [],
      lookAlikes: [],
      attachments: series.attachments.map((a) => ({ name: fill(a.name) })),
      linkTo: series.linkTo,
      evidences: series.evidence
        ? [
            evidencePeriod === null
              ? { obligation: series.evidence }
              : { obligation: series.evidence, period: evidencePeriod },
          ]
        : [],
      ...(series.late[period.key] ? { note: `late: ${period.key} appears on ${published}` } : {}),
    });
  }
  return items;
}

function seriesPeriods(series: DemoSeries): SeriesPeriod[] {
  const out: SeriesPeriod[] = [];
  if (series.per === 'day') {
    for (let day = series.from; day <= series.to; day = addDays(day, series.every)) {
      out.push({ key: day, start: day, end: day, tokens: dayTokens(day) });
    }
  } else if (series.per === 'week') {
    for (let monday = mondayOf(series.from); monday <= series.to; monday = addDays(monday, 7)) {
      if (monday < series.from) continue;
      const year = Number(monday.slice(0, 4));
      const week = weekOfYear(monday);
      const end = minDate(addDays(monday, 6), isoDate(year, 12, 31));
      out.push({
        key: `${year}-W${String(week).padStart(2, '0')}`,
        start: monday,
        end,
        tokens: { ...dayTokens(monday), week: String(week) },
      });
    }
  } else {
    let [year, month] = series.from.split('-').map(Number) as [number, number];
    if (series.from.slice(8) !== '01') month++;
    for (let start = isoDate(year, month, 1); start <= series.to; start = isoDate(year, month, 1)) {
      out.push({
        key: start.slice(0, 7),
        start,
        end: endOfMonth(year, month),
        tokens: { ...dayTokens(start), month: String(month) },
      });
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return out;
}

function dayTokens(day: IsoDate): Record<string, string> {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return {
    year: String(y),
    month: String(m),
    quarter: QUARTER_NAMES[Math.floor((m - 1) / 3)]!,
    date: day,
    cnDate: `${y}年${m}月${d}日`,
  };
}

/** True when the item is on the site on `date`: published and not inside a gone span. */
export function isVisible(entry: Pick<DemoEntry, 'published' | 'gone'>, date: IsoDate): boolean {
  if (entry.published > date) return false;
  return !entry.gone.some((span) => span.from <= date && (span.to === null || date < span.to));
}

/** The outage the site is in on `date`, if any. */
export function outageOn(site: Pick<DemoSite, 'outages'>, date: IsoDate): DemoOutage | undefined {
  return site.outages.find((span) => span.from <= date && date < span.to);
}

/** The day whose content the home page shows on `date`: the day before `frozenFrom` once frozen. */
export function homeContentDay(site: Pick<DemoSite, 'home'>, date: IsoDate): IsoDate {
  const frozen = site.home.frozenFrom;
  return frozen !== undefined && date >= frozen ? addDays(frozen, -1) : date;
}

/** True when a robots.txt rule of the site disallows the path (simple prefix rules, as the demo writes them). */
export function isDisallowed(site: DemoSite, path: string): boolean {
  return (site.robots?.disallow ?? []).some((prefix) => prefix !== '' && path.startsWith(prefix));
}
