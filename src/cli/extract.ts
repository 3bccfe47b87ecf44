import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent, interceptors, request } from 'undici';
import { z } from 'zod';
import { shanghaiDate } from '../core/dates';
import { ColumnSchema } from '../core/source';
import { decodeHtml, extractDetail, extractList } from '../crawl/extract';
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
  --detail         read the page as a detail page: title, date, main text, attachments`;

interface Page {
  bytes: Uint8Array;
  contentType: string | null;
  url: string;
}

async function readPage(target: string, baseUrl: string | undefined): Promise<Page> {
  if (/^https?:\/\//i.test(target)) return fetchPage(target, baseUrl);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !target.startsWith('file://')) {
    throw new UsageError(`only http(s) URLs and files can be read, not ${target}`);
  }
  const path = target.startsWith('file://') ? new URL(target) : resolve(target);
  const bytes = new Uint8Array(await readFile(path));
  return { bytes, contentType: null, url: baseUrl ?? pathToFileURL(resolve(String(path))).href };
}

async function fetchPage(url: string, baseUrl: string | undefined): Promise<Page> {
  const dispatcher = new Agent({ headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS }).compose(
    interceptors.redirect({ maxRedirections: 5 }),
  );
  try {
    const response = await request(url, {
      dispatcher,
      headers: { 'user-agent': 'gongkai-monitor (extract)', accept: 'text/html,*/*;q=0.8' },
    });
    if (response.statusCode >= 400) {
      await response.body.dump();
      throw new Error(`${url} answered HTTP ${response.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) {
        response.body.destroy();
        throw new Error(`${url} is larger than ${MAX_BYTES} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const header = response.headers['content-type'];
    return {
      bytes: new Uint8Array(Buffer.concat(chunks)),
      contentType: Array.isArray(header) ? (header[0] ?? null) : (header ?? null),
      url: baseUrl ?? url,
    };
  } finally {
    await dispatcher.close();
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
      },
      FlagsSchema,
    );
    let page: Page;
    try {
      page = await readPage(flags._[0] as string, flags['base-url']);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      console.error(`gongkai extract: could not read ${flags._[0]}: ${(error as Error).message}`);
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
