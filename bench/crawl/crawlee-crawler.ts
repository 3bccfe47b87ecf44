/**
 * The peer of the crawl benchmark, run as a child process: Crawlee's CheerioCrawler from the home
 * pages, following same-origin links, parsing every page with cheerio (list items with their dates,
 * detail titles and dates). It keeps nothing: `persistStorage: false` keeps its request queue in
 * memory and writes no ./storage.
 */
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';
import { z } from 'zod';
import { parseOrThrow } from '../../src/core/validation';
import { type Crawler, serveCrawls } from './child-protocol';

const CrawleeJobSchema = z.object({
  homepages: z.array(z.url()).min(1),
  /** Requests in flight at most, and at least: the autoscaler is pinned so it compares like for like. */
  concurrency: z.number().int().positive(),
});
export type CrawleeJob = z.infer<typeof CrawleeJobSchema>;

const DATE = /(\d{4})-(\d{2})-(\d{2})/;

async function open(input: unknown): Promise<Crawler> {
  const job = parseOrThrow(CrawleeJobSchema, input, 'Crawlee crawl job');
  log.setLevel(log.LEVELS.WARNING);
  return {
    async crawl() {
      let pages = 0;
      let bytes = 0;
      let errors = 0;
      let items = 0;
      const crawler = new CheerioCrawler(
        {
          minConcurrency: job.concurrency,
          maxConcurrency: job.concurrency,
          maxRequestRetries: 2,
          sameDomainDelaySecs: 0,
          respectRobotsTxtFile: true,
          async requestHandler({ $, body, request, enqueueLinks }) {
            pages += 1;
            bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
            $('ul.list li').each((_, li) => {
              const link = $(li).find('a[href]').first();
              const href = link.attr('href');
              const date = DATE.exec($(li).find('.date').text());
              if (href && date) {
                new URL(href, request.loadedUrl ?? request.url);
                items += link.text().trim() ? 1 : 0;
              }
            });
            const title = $('.article h1').text().trim();
            const stamp = $('meta[name="PubDate"]').attr('content') ?? $('.article .info').text();
            if (title && !DATE.test(stamp)) errors += 1;
            await enqueueLinks({ strategy: 'same-origin' });
          },
          failedRequestHandler() {
            errors += 1;
          },
        },
        new Configuration({ persistStorage: false }),
      );
      await crawler.run(job.homepages);
      if (items === 0) throw new Error('the Crawlee peer read no list item');
      return { pages, bytes, errors };
    },
    close: async () => undefined,
  };
}

await serveCrawls(open);
