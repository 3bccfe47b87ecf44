/**
 * Renders the demo sites' pages as of a simulated date. Rendering is deterministic: a page's bytes
 * depend only on what is published as of the date, never on the date itself, so a page changes only
 * when its content does (and conditional GET gets 304s).
 */

import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { IsoDate } from '../core/dates';
import { escapeMarkup } from '../core/escape-markup';
import {
  type DemoColumn,
  type DemoContent,
  type DemoDateFormat,
  type DemoEntry,
  type DemoSite,
  extensionOf,
  homeContentDay,
  isVisible,
} from './content';
import { csvFile, docxFile, pdfFile, xlsxFile } from './files';

export interface RenderedPage {
  status: number;
  contentType: string;
  body: Uint8Array;
  /** The day the page last changed (content-derived), for Last-Modified. */
  changed: IsoDate;
}

const EPOCH: IsoDate = '2015-01-01';

/** Renders the response for `path` (and `page` query parameter) of one site on `date`. */
export function renderPath(
  content: DemoContent,
  site: DemoSite,
  path: string,
  query: URLSearchParams,
  date: IsoDate,
): RenderedPage {
  const entries = content.entries.get(site.id) ?? [];
  if (path === '/robots.txt') return robots(site);
  if (path === '/' || path === '/index.htm' || path === '/index.html') return home(site, entries, date);
  for (const column of site.columns) {
    if (!path.startsWith(column.path)) continue;
    const rest = path.slice(column.path.length);
    const listPage = listPageNumber(column, rest, query);
    if (listPage !== undefined) return list(site, column, entries, date, listPage);
  }
  for (const entry of entries) {
    if (!isVisible(entry, date)) continue;
    if (entry.detailPath === path) return detail(site, entry);
    const index = entry.attachments.findIndex((a) => a.path === path);
    if (index >= 0) return attachment(entry, index);
  }
  return notFound(site);
}

/** 0-based page index when `rest` names a list page of the column. */
function listPageNumber(column: DemoColumn, rest: string, query: URLSearchParams): number | undefined {
  if (rest === '' || rest === 'index.htm' || rest === 'index.html') {
    if (column.pagination === 'query' && query.has('page')) {
      const page = Number(query.get('page'));
      return Number.isInteger(page) && page >= 1 ? page - 1 : undefined;
    }
    return 0;
  }
  const match = column.pagination === 'trs' ? /^index_(\d+)\.htm$/.exec(rest) : null;
  return match ? Number(match[1]) : undefined;
}

function robots(site: DemoSite): RenderedPage {
  if (!site.robots) return { ...notFoundText(), changed: EPOCH };
  const lines = ['User-agent: *'];
  for (const path of site.robots.disallow) lines.push(`Disallow: ${path}`);
  if (site.robots.crawlDelay !== undefined) lines.push(`Crawl-delay: ${site.robots.crawlDelay}`);
  return {
    status: 200,
    contentType: 'text/plain; charset=utf-8',
    body: Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
    changed: EPOCH,
  };
}

function notFoundText(): Omit<RenderedPage, 'changed'> {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('Not Found\n') };
}

function notFound(site: DemoSite): RenderedPage {
  return htmlPage(site, 404, '页面不存在', '<p>您访问的页面不存在或已被删除。</p>', EPOCH);
}

/** Newest first, as CMS lists are: by the date shown, then the real publication day. */
function visibleSorted(entries: DemoEntry[], date: IsoDate, columnId?: string): DemoEntry[] {
  return entries
    .filter((entry) => (columnId === undefined || entry.columnId === columnId) && isVisible(entry, date))
    .sort(
      (a, b) =>
        b.shown.localeCompare(a.shown) || b.published.localeCompare(a.published) || a.id.localeCompare(b.id),
    );
}

/** The last day on or before `date` on which anything the page lists appeared or vanished. */
function lastChange(entries: DemoEntry[], date: IsoDate): IsoDate {
  let latest = EPOCH;
  for (const entry of entries) {
    const days = [entry.published, ...entry.gone.flatMap((span) => [span.from, span.to ?? ''])];
    for (const day of days) if (day && day <= date && day > latest) latest = day;
  }
  return latest;
}

/** How many dated items the home page's latest block shows. */
export const HOME_LATEST = 8;

function home(site: DemoSite, entries: DemoEntry[], date: IsoDate): RenderedPage {
  const day = homeContentDay(site, date);
  const latest = visibleSorted(entries, day).slice(0, HOME_LATEST);
  const nav = site.columns.map((c) => `<li><a href="${c.path}">${escapeMarkup(c.name)}</a></li>`).join('');
  // Pinned links carry no date and point at topic pages (专题) outside the columns.
  const pinned = site.home.pinned.map(
    (title, i) => `<li><a href="/zt/${i + 1}/">${escapeMarkup(title)}</a></li>`,
  );
  const news = latest.map(
    (entry) =>
      `<li><a href="${entryHref(entry)}">${escapeMarkup(entry.title)}</a><span>${entry.shown}</span></li>`,
  );
  const body = `<ul class="nav">${nav}</ul>\n<div class="latest"><h2>最新信息</h2>\n<ul>\n${[...pinned, ...news].join('\n')}\n</ul></div>`;
  return htmlPage(site, 200, site.name, body, lastChange(entries, day));
}

function list(
  site: DemoSite,
  column: DemoColumn,
  entries: DemoEntry[],
  date: IsoDate,
  page: number,
): RenderedPage {
  const columnEntries = entries.filter((entry) => entry.columnId === column.id);
  const visible = visibleSorted(columnEntries, date);
  const pages = Math.max(1, Math.ceil(visible.length / column.pageSize));
  if (page >= pages) return notFound(site);
  const slice = visible.slice(page * column.pageSize, (page + 1) * column.pageSize);
  const body = [
    `<div class="position">当前位置：<a href="/">首页</a> &gt; ${escapeMarkup(column.name)}</div>`,
    `<div class="column-list"><h2>${escapeMarkup(column.name)}</h2>`,
    listBody(column, slice),
    pager(column, page, pages),
    '</div>',
  ].join('\n');
  return htmlPage(site, 200, `${column.name}_${site.name}`, body, lastChange(columnEntries, date));
}

function listBody(column: DemoColumn, entries: DemoEntry[]): string {
  const link = (entry: DemoEntry) =>
    `<a href="${entryHref(entry)}" target="_blank" title="${escapeMarkup(entry.title)}">${escapeMarkup(entry.title)}</a>`;
  const day = (entry: DemoEntry) => formatDate(entry.shown, column.dateFormat);
  switch (column.layout) {
    case 'ul':
      return `<ul class="list">\n${entries.map((e) => `<li>${link(e)}<span class="date">${day(e)}</span></li>`).join('\n')}\n</ul>`;
    case 'table':
      return [
        '<table class="list-table">',
        '<tr><th>标题</th><th>发布日期</th></tr>',
        ...entries.map((e) => `<tr><td class="title">${link(e)}</td><td class="date">${day(e)}</td></tr>`),
        '</table>',
      ].join('\n');
    case 'year-heading': {
      const years = [...new Set(entries.map((e) => e.shown.slice(0, 4)))];
      return years
        .map((year) => {
          const rows = entries
            .filter((e) => e.shown.startsWith(year))
            .map((e) => `<li>${link(e)} <span>[${e.shown.slice(5)}]</span></li>`);
          return `<div class="year-group"><h3>${year}年</h3>\n<ul>\n${rows.join('\n')}\n</ul></div>`;
        })
        .join('\n');
    }
    case 'script': {
      const data = entries.map((e) => ({ title: e.title, url: entryHref(e), date: day(e) }));
      const json = JSON.stringify(data).replaceAll('</', '<\\/');
      const fallback = entries.map((e) => `<li>${link(e)}<span>${day(e)}</span></li>`).join('\n');
      return [
        '<div id="list-container"></div>',
        `<script type="text/javascript">var listData = ${json};`,
        'var html = "";',
        'for (var i = 0; i < listData.length; i++) { html += "<li><a href=\\"" + listData[i].url + "\\">" + listData[i].title + "</a><span>" + listData[i].date + "</span></li>"; }',
        'document.getElementById("list-container").innerHTML = "<ul>" + html + "</ul>";</script>',
        `<noscript><ul class="static-list">\n${fallback}\n</ul></noscript>`,
      ].join('\n');
    }
  }
}

function pager(column: DemoColumn, page: number, pages: number): string {
  if (column.pagination === 'trs') {
    // TRS WCM writes the pager with a script; the crawler has to read its arguments.
    return `<div class="page"><script type="text/javascript">createPageHTML(${pages}, ${page}, "index", "htm");</script></div>`;
  }
  const links: string[] = [`<span>共${pages}页 当前第${page + 1}页</span>`];
  if (page > 0) links.push(`<a href="${column.path}index.htm?page=${page}">上一页</a>`);
  if (page + 1 < pages) {
    links.push(`<a href="${column.path}index.htm?page=${page + 2}">下一页</a>`);
    links.push(`<a href="${column.path}index.htm?page=${pages}">尾页</a>`);
  }
  return `<div class="pagination">${links.join(' ')}</div>`;
}

function entryHref(entry: DemoEntry): string {
  return entry.linkTo === 'attachment' ? entry.attachments[0]!.path : entry.detailPath;
}

/** A time of day derived from the item, so detail pages look real yet stay deterministic. */
function timeOfDay(entry: DemoEntry): string {
  const n = Number(entry.id);
  return `${String(8 + (n % 10)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
}

function detail(site: DemoSite, entry: DemoEntry): RenderedPage {
  const stamp = `${entry.shown} ${timeOfDay(entry)}`;
  const head =
    site.detailStyle === 'text'
      ? ''
      : `<meta name="ArticleTitle" content="${escapeMarkup(entry.title)}">\n<meta name="PubDate" content="${stamp}">`;
  const info =
    site.detailStyle === 'meta'
      ? `<div class="info">来源：${escapeMarkup(site.name)}</div>`
      : `<div class="info">时间：${stamp}　来源：${escapeMarkup(site.name)}</div>`;
  const paragraphs = (entry.body ?? `${entry.title}。现予公开，欢迎社会各界监督。`)
    .split('\n')
    .map((p) => `<p>${escapeMarkup(p)}</p>`)
    .join('\n');
  const files = entry.attachments.length
    ? `<div class="attachments"><p>附件：</p>\n${entry.attachments
        .map((a) => `<p><a href="${a.path}">${escapeMarkup(a.name)}</a></p>`)
        .join('\n')}</div>`
    : '';
  const body = `<div class="article"><h1>${escapeMarkup(entry.title)}</h1>\n${info}\n<div class="content">\n${paragraphs}\n${files}\n</div></div>`;
  return htmlPage(site, 200, `${entry.title}_${site.name}`, body, entry.published, head);
}

const ATTACHMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
};

/** A real file of the attachment's format built from its rows and paragraphs (demo-files.ts). */
function contentFile(file: DemoEntry['attachments'][number], ext: string): Buffer | null {
  if (!file.rows && !file.paragraphs) return null;
  const rows = file.rows ?? [];
  const paragraphs = file.paragraphs ?? [];
  if (ext === 'xlsx') return xlsxFile('Sheet1', rows);
  if (ext === 'docx') return docxFile(paragraphs, rows);
  if (ext === 'pdf') return pdfFile([...paragraphs, ...rows.map((r) => r.join('  '))]);
  if (ext === 'csv') return csvFile(rows);
  return null;
}

/** Small stand-in files: a real PDF header, an OLE header for Office files, then the name as text. */
function attachment(entry: DemoEntry, index: number): RenderedPage {
  const file = entry.attachments[index]!;
  const ext = extensionOf(file.name);
  const real = contentFile(file, ext);
  if (real) {
    return {
      status: 200,
      contentType: ATTACHMENT_TYPES[ext] ?? 'application/octet-stream',
      body: real,
      changed: entry.published,
    };
  }
  const text = Buffer.from(`\n${file.name}\n${entry.title}\n`, 'utf8');
  const head =
    ext === 'pdf'
      ? Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')
      : Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const tail = ext === 'pdf' ? Buffer.from('%%EOF\n') : Buffer.alloc(0);
  return {
    status: 200,
    contentType: ATTACHMENT_TYPES[ext] ?? 'application/octet-stream',
    body: Buffer.concat([head, text, tail]),
    changed: entry.published,
  };
}

function htmlPage(
  site: DemoSite,
  status: number,
  title: string,
  body: string,
  changed: IsoDate,
  extraHead = '',
): RenderedPage {
  const metaCharset = site.metaCharset === undefined ? site.charset : site.metaCharset;
  const headerCharset = site.headerCharset === undefined ? site.charset : site.headerCharset;
  const meta =
    metaCharset === null
      ? ''
      : site.charset === 'gbk'
        ? `<meta http-equiv="Content-Type" content="text/html; charset=${metaCharset}">`
        : `<meta charset="${metaCharset}">`;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    meta,
    `<title>${escapeMarkup(title)}</title>`,
    extraHead,
    '</head>',
    '<body>',
    `<div class="header"><a href="/">${escapeMarkup(site.name)}</a></div>`,
    body,
    `<div class="footer">主办：${escapeMarkup(site.name)}　版权所有</div>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
  return {
    status,
    contentType: headerCharset === null ? 'text/html' : `text/html; charset=${headerCharset}`,
    body: site.charset === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8'),
    changed,
  };
}

export function formatDate(date: IsoDate, format: DemoDateFormat): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  switch (format) {
    case 'iso':
      return date;
    case 'cn':
      return `${y}年${m}月${d}日`;
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'month-day':
      return `[${date.slice(5)}]`;
  }
}

/** A strong ETag from the bytes: identical content, identical tag. */
export function etagOf(body: Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('hex').slice(0, 20)}"`;
}

/** The HTTP date of midnight (Asia/Shanghai) starting `day`. */
export function httpDateOf(day: IsoDate): string {
  return new Date(`${day}T00:00:00+08:00`).toUTCString();
}
