import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { readRegularFile } from '../config/bounded-file';
import { shanghaiDate } from '../core/dates';
import { ColumnSchema, hasCredentials, urlProblem } from '../core/source';
import { ValidationError } from '../core/validation';
import { decodeHtml, extractDetail, extractList } from '../crawl/extract';
import { createFetcher } from '../crawl/fetch';
import type { Command } from './command';
import { parseFlags, UsageError } from './flags';

/** The one page a person asks for is capped like a crawled page, so a wrong URL cannot fill memory. */
const MAX_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

const FlagsSchema = z.object({
  _: z.array(z.string().min(1)).length(1, 'expected exactly one file path or URL'),
  'base-url': z.string().url().optional(),
  charset: z.string().min(1).optional(),
  detail: z.boolean().default(false),
  'allow-private-network': z.boolean().default(false),
  selectors: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON, e.g. {"item":"ul.list > li"}' });
        return z.NEVER;
      }
    })
    .pipe(ColumnSchema.shape.selectors),
});

const usage = `gongkai extract <file-or-url> [--base-url U] [--charset C] [--selectors J] [--detail]

Shows what the crawler reads from one page: the encoding it decoded, the list items (title, URL,
date as shown and as read, attachments) and the next-page links. Use it while writing a source.

  <file-or-url>    an HTML file on disk (read as bytes) or an http(s) URL (fetched once)
  --base-url U     URL the page lives at, for resolving relative links (default: the file:// URL)
  --charset C      charset to assume when neither header nor <meta> says (a source's "charset")
  --selectors J    a column's selectors as JSON, e.g. '{"item":"ul.list > li","date":"span"}'
  --detail         read the page as a detail page: title, date, main text, attachments
  --allow-private-network
                   fetch a page on a loopback or private address (a local or intranet server);
                   without it such URLs are refused, as the crawler refuses them`;

interface Page {
  bytes: Uint8Array;
  contentType: string | null;
  url: string;
}

/** A URL that cannot be fetched as given is the caller's mistake (exit 2), not a failed read. */
function checkUrl(url: string): void {
  if (!URL.canParse(url)) throw new ValidationError(url, [urlProblem(url)]);
  if (hasCredentials(url))
    throw new ValidationError('the URL', ['carries a user name or password (user:pass@host): remove them']);
}

async function readPage(target: string, baseUrl: string | undefined, allowPrivate: boolean): Promise<Page> {
  if (/^https?:\/\//i.test(target)) return fetchPage(target, baseUrl, allowPrivate);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !target.startsWith('file://')) {
    throw new UsageError(`only http(s) URLs and files can be read, not ${target}`);
  }
  const path = target.startsWith('file://') ? new URL(target) : resolve(target);
  const bytes = new Uint8Array(await readRegularFile(path, 'page', MAX_BYTES));
  return { bytes, contentType: null, url: baseUrl ?? pathToFileURL(resolve(String(path))).href };
}

/**
 * Fetches the page with the crawler's own fetcher: the same SSRF guard (loopback, private and cloud
 * metadata addresses refused, by name, by redirect and after DNS), size and time limits. A person
 * checking a page on a local or intranet server opts in with --allow-private-network.
 */
async function fetchPage(
  url: string,
  baseUrl: string | undefined,
  allowPrivateNetwork: boolean,
): Promise<Page> {
  const fetcher = createFetcher({
    hosts: [{ host: new URL(url).host, allowPrivateNetwork }],
    userAgent: 'gongkai-monitor (extract)',
    respectRobots: false,
    headersTimeoutMs: TIMEOUT_MS,
    bodyTimeoutMs: TIMEOUT_MS,
    maxBodyBytes: MAX_BYTES,
    retries: { attempts: 1 },
  });
  try {
    const result = await fetcher.fetch(url);
    if (!result.ok) {
      const hint =
        result.reason === 'blocked-ssrf' && !allowPrivateNetwork
          ? ' (a local or intranet page needs --allow-private-network)'
          : '';
      throw new Error(`${result.message}${hint}`);
    }
    if (result.notModified) throw new Error(`${url} answered HTTP 304`);
    return { bytes: result.body, contentType: result.contentType ?? null, url: baseUrl ?? result.finalUrl };
  } finally {
    await fetcher.close();
  }
}

export const command: Command = {
  usage,
  async run(argv) {
    const flags = parseFlags(
      argv,
      {
        'base-url': { type: 'string' },
        charset: { type: 'string' },
        selectors: { type: 'string' },
        detail: { type: 'boolean' },
        'allow-private-network': { type: 'boolean' },
      },
      FlagsSchema,
    );
    const target = flags._[0] as string;
    if (/^https?:\/\//i.test(target)) checkUrl(target);
    let page: Page;
    try {
      page = await readPage(flags._[0] as string, flags['base-url'], flags['allow-private-network']);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const why = error instanceof ValidationError ? error.problems.join('; ') : (error as Error).message;
      console.error(`gongkai extract: could not read ${flags._[0]}: ${why}`);
      return 1;
    }
    const decoded = decodeHtml(page.bytes, {
      contentTypeHeader: page.contentType,
      charsetHint: flags.charset,
    });
    const head = {
      url: page.url,
      encoding: decoded.encoding,
      encodingSource: decoded.encodingSource,
      conflicts: decoded.conflicts,
    };
    if (flags.detail) {
      console.log(JSON.stringify({ ...head, ...extractDetail(decoded.text, { url: page.url }) }, null, 2));
      return 0;
    }
    const list = extractList(decoded.text, {
      url: page.url,
      now: shanghaiDate(new Date()),
      selectors: flags.selectors,
    });
    const items = list.items.map((item) => ({
      title: item.title,
      url: item.url,
      date: item.date,
      dateText: item.dateText,
      dateOrigin: item.dateOrigin,
      ...(item.urlDate ? { urlDate: item.urlDate } : {}),
      attachments: item.attachments,
    }));
    console.log(JSON.stringify({ ...head, items, next: list.next, warnings: list.warnings }, null, 2));
    return 0;
  },
};
