import { z } from 'zod';
import { UnitNameSchema } from './unit-name';

/** What a website column holds; matching rules and inspection rules key on it. */
export const ColumnKindSchema = z.enum([
  'home',
  'news',
  'notice',
  'policy',
  'data',
  'budget',
  'interaction',
  'other',
]);
export type ColumnKind = z.infer<typeof ColumnKindSchema>;

/**
 * An absolute http(s) URL. Only these are ever fetched: a file:, ftp: or javascript: URL in a
 * hand-edited sources file is refused when the file is loaded, not discovered at the first crawl.
 */
const HttpUrlSchema = z
  .string()
  .url({ error: (issue) => urlProblem(String(issue.input)) })
  // An unparseable URL is already reported by url(); this check only judges the scheme.
  .refine((url) => !URL.canParse(url) || /^https?:$/.test(new URL(url).protocol), {
    message: 'expected an http:// or https:// URL',
  })
  // A password in a URL would be copied into every report, fetch log line and stored record; the
  // monitor reads public pages only, so credentials are refused, and the message never repeats them.
  .refine((url) => !URL.canParse(url) || !hasCredentials(url), {
    message: 'the URL carries a user name or password (user:pass@host): remove them, public pages need none',
  });

/**
 * Why a string is not a URL, in words an operator acts on. An IPv6 zone id (`[fe80::1%eth0]`) names
 * a network interface of one machine: no URL may carry it, and link-local addresses are never
 * fetched anyway.
 */
export function urlProblem(url: string): string {
  return /\[[^\]]*%/.test(url)
    ? "is not a valid URL: an IPv6 zone id (%eth0) has no place in a URL, and link-local addresses are never fetched: give the site's public address"
    : 'is not a valid URL: expected an absolute http:// or https:// address';
}

/** True when an http(s) URL carries userinfo (`user:pass@` or `user@`). */
export function hasCredentials(url: string): boolean {
  const parsed = new URL(url);
  return parsed.username !== '' || parsed.password !== '';
}

/**
 * `hostname` or `hostname:port`, as a URL would carry it: no scheme, path or credentials. Never
 * opted in to private networks: only the homepage's host and port can be.
 */
const HostNameSchema = z
  .string()
  .min(1)
  .refine((host) => /^[^\s/?#@\\]+$/.test(host) && URL.canParse(`http://${host}`), {
    message: 'expected a host name, optionally with :port (no scheme, path or user name)',
  })
  .describe('hostname or hostname:port; without a port, any port of that host');

const SelectorsSchema = z
  .object({
    item: z.string().describe('CSS selector of one list entry'),
    link: z
      .string()
      .optional()
      .describe('Selector of the entry link, relative to the item (default: first a[href])'),
    date: z.string().optional().describe('Selector of the date text, relative to the item'),
    next: z.string().optional().describe('Selector of the next-page link'),
  })
  .describe('Optional CSS selectors; without them the extractor finds dated links by itself');

export const ColumnSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'column id: lowercase letters, digits and dashes'),
  name: z.string().min(1).describe('Column name as shown on the site, e.g. 通知公告'),
  url: HttpUrlSchema.describe('List page URL (first page)'),
  kind: ColumnKindSchema,
  updateIntervalDays: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('How often the column is expected to change'),
  selectors: SelectorsSchema.optional(),
  maxPages: z.number().int().positive().optional().describe('Pagination limit for this column'),
});
export type Column = z.infer<typeof ColumnSchema>;

export const CrawlLimitsSchema = z.object({
  maxPages: z.number().int().positive().default(200),
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  perHostConcurrency: z.number().int().positive().default(2),
  perHostDelayMs: z.number().int().min(0).default(250),
  timeoutMs: z.number().int().positive().default(15_000),
  fetchDetails: z.boolean().default(true).describe('Also fetch each item page (date, text, attachments)'),
  crawlDeadlineMs: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      "Wall time for a whole crawl of the source; past it no request starts and reads in progress are cut off (default: the CrawlSource task's TimeoutSeconds less a minute for writing)",
    ),
  recheckAfterDays: z
    .number()
    .int()
    .positive()
    .default(28)
    .describe(
      'A known, archived page still listed in its column is requested again this many days after it was last read, to see that it still answers (a 404/410 marks its evidence withdrawn)',
    ),
  rechecksPerColumn: z
    .number()
    .int()
    .min(0)
    .default(3)
    .describe('Known pages re-checked per column and crawl, the longest unchecked first (0: none)'),
  maxLinksPerPage: z
    .number()
    .int()
    .positive()
    .default(2000)
    .describe('List items read from one list page; the rest are skipped and the cut is recorded'),
});
export type CrawlLimits = z.infer<typeof CrawlLimitsSchema>;

/** A department website and the columns on it where evidence is published. */
export const SourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'source id: lowercase letters, digits and dashes'),
    units: z
      .array(UnitNameSchema.min(1))
      .min(1)
      .describe('Responsible units whose evidence this site carries'),
    name: z.string().min(1),
    homepage: HttpUrlSchema,
    charset: z.string().optional().describe('Charset to assume when neither header nor meta says (e.g. gbk)'),
    allowPrivateNetwork: z
      .boolean()
      .default(false)
      .describe('Allow loopback/private addresses (only for local demo or intranet sites)'),
    columns: z.array(ColumnSchema).default([]),
    hosts: z
      .array(HostNameSchema)
      .optional()
      .describe(
        'Other hosts of the same government whose detail pages and attachments may be fetched (e.g. files.example.gov.cn); pages anywhere else are recorded as not fetched',
      ),
    limits: CrawlLimitsSchema.partial().optional(),
  })
  .superRefine((source, ctx) => {
    // The private-network opt-in is for one local or intranet site; letting it cover a column on
    // another host would let a sources file open any private or metadata address to the crawler.
    // Unparseable URLs are already reported by their own fields.
    if (!source.allowPrivateNetwork || !URL.canParse(source.homepage)) return;
    const home = new URL(source.homepage).host;
    source.columns.forEach((column, i) => {
      if (!URL.canParse(column.url)) return;
      const host = new URL(column.url).host;
      if (host !== home) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'url'],
          message: `column on ${host} while the homepage is on ${home}: allowPrivateNetwork covers the homepage's host only`,
        });
      }
    });
  });
export type Source = z.infer<typeof SourceSchema>;

/** A sweep's crawl deadline when the sources file sets none: two hours for every source together. */
export const DEFAULT_SWEEP_CRAWL_DEADLINE_MS = 2 * 60 * 60_000;

/** Sources per CrawlSource invocation when the sources file sets none. */
export const DEFAULT_SOURCES_PER_SHARD = 4;
/**
 * Most shards one sweep's Map iterates: each shard's iteration writes about a dozen history events
 * (more when its crawl resumes), and a Standard execution holds 25,000.
 */
export const MAX_SHARDS = 800;
/** Invocations a shard's crawl may take when the sources file sets none. */
export const DEFAULT_CRAWL_PASSES = 10;

/** Bounds on a whole sweep, across its sources. */
export const SweepLimitsSchema = z.object({
  crawlDeadlineMs: z
    .number()
    .int()
    .positive()
    .default(DEFAULT_SWEEP_CRAWL_DEADLINE_MS)
    .describe(
      "Wall time for crawling every source of one sweep, counted from the sweep's start. A source whose crawl has not started by then is not crawled; a crawl still running stops there. Either way its checks fail with the reason, so its periods read insufficient-data this sweep (default 7200000, two hours)",
    ),
  sourcesPerShard: z
    .number()
    .int()
    .min(1)
    .max(DEFAULT_SOURCES_PER_SHARD * 25)
    .default(DEFAULT_SOURCES_PER_SHARD)
    .describe(
      `Sources one CrawlSource invocation crawls at once (their politeness waits overlap). More sources than ${MAX_SHARDS} shards' worth make the shards larger: the sweep's history stays within Step Functions' limit (default ${DEFAULT_SOURCES_PER_SHARD})`,
    ),
  crawlPasses: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(DEFAULT_CRAWL_PASSES)
    .describe(
      `Invocations a shard's crawl may take: each stops before its time budget, saves its place and the next resumes; sources still unread after the last read as not crawled this sweep (default ${DEFAULT_CRAWL_PASSES})`,
    ),
  crawlBudgetMs: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      "Time budget of one CrawlSource invocation, in ms: past it the crawl pauses and the next invocation resumes it. On AWS the budget is the Lambda's remaining time less a minute; this sets a shorter one (local runs and tests simulate a short Lambda with it)",
    ),
});
export type SweepLimits = z.infer<typeof SweepLimitsSchema>;

export const SourcesFileSchema = z
  .object({
    $schema: z.string().optional(),
    userAgent: z.string().optional(),
    defaults: CrawlLimitsSchema.partial().optional(),
    sweep: SweepLimitsSchema.partial().optional(),
    sources: z.array(SourceSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((source, i) => {
      if (seen.has(source.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'id'],
          message: `duplicate source id "${source.id}"`,
        });
      }
      seen.add(source.id);
    });
  });
export type SourcesFile = z.infer<typeof SourcesFileSchema>;
