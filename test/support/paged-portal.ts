/**
 * A portal on 127.0.0.1 big enough that a crawl takes many requests: several sites (one source
 * each, under its own path), each with columns of TRS-paged lists (index.htm, index_1.htm …),
 * every item a detail page with one CSV attachment. Each answer waits `delayMs`, so a short time
 * budget stops a crawl part-way.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Source, SourceSchema } from '../../src/core/source';
import { type Handler, startServer, type TestServer } from '../integration/fetch/test-server';

export interface PagedPortalShape {
  sites: number;
  columns: number;
  listPages: number;
  itemsPerPage: number;
  delayMs: number;
}

export interface PagedPortal {
  server: TestServer;
  sources: Source[];
  /** Documents one complete crawl of every site finds: an item page per list row. */
  documents: number;
  close(): Promise<void>;
}

const html = (title: string, body: string) =>
  `<html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

export async function startPagedPortal(shape: PagedPortalShape): Promise<PagedPortal> {
  const routes: Record<string, Handler> = {};
  const serve =
    (body: string, type = 'text/html; charset=utf-8'): Handler =>
    async (_req, res) => {
      await sleep(shape.delayMs);
      res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
  for (let s = 0; s < shape.sites; s++) {
    const site = `/s${s}`;
    const columnLinks: string[] = [];
    for (let c = 0; c < shape.columns; c++) {
      const column = `${site}/c${c}`;
      columnLinks.push(`<li><a href="${column}/index.htm">栏目${c + 1}</a></li>`);
      for (let n = 0; n < shape.listPages; n++) {
        const rows: string[] = [];
        for (let k = 0; k < shape.itemsPerPage; k++) {
          const id = n * shape.itemsPerPage + k;
          const day = String(1 + (id % 28)).padStart(2, '0');
          const title = `站点${s + 1}栏目${c + 1}第${id + 1}号通知`;
          const detail = `${column}/201607/t201607${day}_${id}.htm`;
          const file = `${column}/files/table_${id}.csv`;
          rows.push(`<li><a href="${detail}">${title}</a><span>2016-07-${day}</span></li>`);
          routes[detail] = serve(
            html(
              title,
              `<h1>${title}</h1><div class="info">发布时间：2016-07-${day}</div><div class="TRS_Editor"><p>现将有关事项通知如下。</p><p><a href="${file}">附件：统计表${id}.csv</a></p></div>`,
            ),
          );
          routes[file] = serve(`序号,事项\n${id},站点${s + 1}栏目${c + 1}\n`, 'text/csv; charset=utf-8');
        }
        const page = n === 0 ? 'index.htm' : `index_${n}.htm`;
        routes[`${column}/${page}`] = serve(
          html(
            `栏目${c + 1}`,
            `<ul class="list">${rows.join('')}</ul><script>createPageHTML(${shape.listPages}, ${n}, "index", "htm");</script>`,
          ),
        );
      }
    }
    routes[`${site}/`] = serve(html(`站点${s + 1}`, `<ul>${columnLinks.join('')}</ul>`));
  }
  const server = await startServer(routes);
  const sources = Array.from({ length: shape.sites }, (_, s) =>
    SourceSchema.parse({
      id: `paged-site-${s}`,
      name: `分页站点${s + 1}`,
      units: [`市测试局${s + 1}`],
      homepage: `${server.origin}/s${s}/`,
      allowPrivateNetwork: true,
      columns: Array.from({ length: shape.columns }, (_, c) => ({
        id: `c${c}`,
        name: `栏目${c + 1}`,
        url: `${server.origin}/s${s}/c${c}/index.htm`,
        kind: 'notice',
      })),
      limits: { perHostDelayMs: 0, perHostConcurrency: 2 },
    }),
  );
  return {
    server,
    sources,
    documents: shape.sites * shape.columns * shape.listPages * shape.itemsPerPage,
    close: () => server.close(),
  };
}
