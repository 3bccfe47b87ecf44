/**
 * The generated portal of the crawl benchmark: department sites with paginated columns and small
 * detail pages, rendered once up front so serving costs the same for every crawler. Everything is
 * derived from a seeded PRNG: the same size gives the same bytes on every run.
 */

import { createHash } from 'node:crypto';
import { seededRandom } from '../../src/core/seeded-random';

export interface PortalShape {
  /** Pages in total: home pages + list pages + detail pages. */
  pages: number;
  sites: number;
  columnsPerSite: number;
  /** Items per list page. */
  pageSize: number;
  seed: number;
}

export const DEFAULT_SHAPE: PortalShape = {
  pages: 5000,
  sites: 5,
  columnsPerSite: 4,
  pageSize: 20,
  seed: 2016,
};

export interface PortalPage {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: string;
  kind: 'home' | 'list' | 'detail' | 'robots';
}

export interface PortalColumn {
  id: string;
  name: string;
  kind: 'notice' | 'news' | 'policy' | 'data';
  /** Path of the first list page, e.g. /zwgk/tzgg/index.htm. */
  path: string;
  items: number;
  listPages: number;
}

export interface PortalSite {
  id: string;
  name: string;
  columns: PortalColumn[];
  /** Path → pre-rendered response. */
  pages: Map<string, PortalPage>;
}

export interface PortalContent {
  shape: PortalShape;
  sites: PortalSite[];
  /** Home, list and detail pages over all sites (robots.txt not counted). */
  htmlPages: number;
}

const DEPARTMENTS = [
  ['czj', '江门市财政局'],
  ['jyj', '江门市教育局'],
  ['wjj', '江门市卫生健康局'],
  ['sthjj', '江门市生态环境局'],
  ['zjj', '江门市住房和城乡建设局'],
  ['scjgj', '江门市市场监督管理局'],
  ['mzj', '江门市民政局'],
  ['rsj', '江门市人力资源和社会保障局'],
] as const;

const COLUMNS = [
  { id: 'tzgg', name: '通知公告', kind: 'notice', dir: '/zwgk/tzgg/' },
  { id: 'gzdt', name: '工作动态', kind: 'news', dir: '/gzdt/' },
  { id: 'zcwj', name: '政策文件', kind: 'policy', dir: '/zwgk/zcwj/' },
  { id: 'sjfb', name: '数据发布', kind: 'data', dir: '/zwgk/sjfb/' },
  { id: 'ghjh', name: '规划计划', kind: 'policy', dir: '/zwgk/ghjh/' },
  { id: 'rsxx', name: '人事信息', kind: 'notice', dir: '/zwgk/rsxx/' },
] as const;

const TOPICS = [
  '部门预算',
  '部门决算',
  '三公经费',
  '政府采购',
  '行政许可',
  '行政处罚',
  '双随机抽查',
  '食品安全抽检',
  '建议提案办理',
  '重大项目',
  '招标投标',
  '专项资金',
  '安全生产检查',
  '环境质量',
  '公共服务事项',
  '权责清单',
  '政务服务',
  '招聘考试',
  '学位申请',
  '医保报销',
];

const TITLE_FORMS: ((topic: string, unit: string, y: number, m: number, q: number) => string)[] = [
  (t) => `关于做好${t}工作的通知`,
  (t, u, y) => `${u}${y}年${t}情况公示`,
  (t, _u, y, m) => `${y}年${m}月${t}信息公开`,
  (t, _u, y, _m, q) => `${y}年第${'一二三四'[q - 1]}季度${t}情况`,
  (t, u) => `${u}关于印发《${t}管理办法》的通知`,
  (t) => `${t}工作领导小组会议召开`,
  (t, _u, y) => `${y}年${t}结果公告`,
  (t) => `关于征求《${t}实施细则（征求意见稿）》意见的公告`,
];

const PARAGRAPHS = [
  '为进一步推进政务公开工作，切实保障人民群众的知情权、参与权和监督权，现将有关事项公布如下。',
  '各有关单位要高度重视，明确责任分工，认真组织实施，确保各项工作按时保质完成。',
  '如对本公告内容有异议，请于公示期内以书面形式向我局反映，联系电话：0750-3500000。',
  '本文件自发布之日起施行，由本局负责解释。此前有关规定与本文件不一致的，以本文件为准。',
  '会议要求，要坚持问题导向，狠抓工作落实，以实际成效推动全市经济社会高质量发展。',
  '附件材料可在本局门户网站下载，欢迎社会各界监督。',
];

/**
 * Items of a column whose list pages plus detail pages come closest to `budget` without passing it
 * (some budgets, e.g. 22 with 20 per page, cannot be met exactly).
 */
export function itemsForBudget(budget: number, pageSize: number): number {
  for (let items = budget; items > 0; items--)
    if (items + Math.ceil(items / pageSize) <= budget) return items;
  return 0;
}

/** Splits `total` into `parts` near-equal integers, the larger ones first. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

interface Item {
  id: number;
  title: string;
  date: string;
  time: string;
  path: string;
}

/** Generates the whole portal for `shape`; the same shape always gives the same bytes. */
export function generatePortal(shape: PortalShape = DEFAULT_SHAPE): PortalContent {
  if (shape.sites > DEPARTMENTS.length) throw new Error(`at most ${DEPARTMENTS.length} sites`);
  if (shape.columnsPerSite > COLUMNS.length) throw new Error(`at most ${COLUMNS.length} columns per site`);
  const random = seededRandom(shape.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let nextId = 10_000;
  const sites: PortalSite[] = [];
  for (const [siteIndex, siteBudget] of split(shape.pages, shape.sites).entries()) {
    const [id, name] = DEPARTMENTS[siteIndex]!;
    const pages = new Map<string, PortalPage>();
    const columns: PortalColumn[] = [];
    const latest: (Item & { column: string })[] = [];
    // One page of the budget is the home page.
    for (const [columnIndex, budget] of split(siteBudget - 1, shape.columnsPerSite).entries()) {
      const spec = COLUMNS[columnIndex]!;
      const count = itemsForBudget(budget, shape.pageSize);
      // Newest first, walking back from a fixed day: a CMS list in publication order.
      let day = Date.UTC(2026, 10, 20);
      const items: Item[] = [];
      for (let i = 0; i < count; i++) {
        day -= Math.floor(random() * 3) * 86_400_000;
        const date = new Date(day).toISOString().slice(0, 10);
        const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
        const title = pick(TITLE_FORMS)(pick(TOPICS), name, y, m, Math.ceil(m / 3));
        const itemId = nextId++;
        const time = `${String(8 + Math.floor(random() * 10)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
        const path = `${spec.dir}${date.slice(0, 7).replace('-', '')}/t${date.replaceAll('-', '')}_${itemId}.html`;
        items.push({ id: itemId, title, date, time, path });
      }
      const column: PortalColumn = {
        id: spec.id,
        name: spec.name,
        kind: spec.kind,
        path: `${spec.dir}index.htm`,
        items: count,
        listPages: Math.ceil(count / shape.pageSize),
      };
      columns.push(column);
      for (let page = 0; page < column.listPages; page++) {
        const slice = items.slice(page * shape.pageSize, (page + 1) * shape.pageSize);
        const path = page === 0 ? column.path : `${spec.dir}index_${page}.htm`;
        pages.set(path, html('list', listPage(name, column, spec.dir, slice, page), slice[0]!.date));
      }
      for (const item of items) {
        const paragraphs = Array.from({ length: 3 }, () => pick(PARAGRAPHS));
        pages.set(item.path, html('detail', detailPage(name, column, item, paragraphs), item.date));
      }
      latest.push(...items.slice(0, 2).map((item) => ({ ...item, column: column.name })));
    }
    const newest =
      latest
        .map((i) => i.date)
        .sort()
        .at(-1) ?? '2026-11-20';
    pages.set('/index.htm', html('home', homePage(name, columns, latest), newest));
    pages.set('/robots.txt', {
      ...page('robots', Buffer.from('User-agent: *\nDisallow: /cgi-bin/\n'), 'text/plain; charset=utf-8'),
      lastModified: httpDate('2026-01-01'),
    });
    sites.push({ id, name, columns, pages });
  }
  const htmlPages = sites.reduce((n, s) => n + s.pages.size - 1, 0);
  return { shape, sites, htmlPages };
}

function page(kind: PortalPage['kind'], body: Buffer, contentType: string): Omit<PortalPage, 'lastModified'> {
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 20)}"`;
  return { kind, body, contentType, etag };
}

function html(kind: PortalPage['kind'], text: string, changed: string): PortalPage {
  return {
    ...page(kind, Buffer.from(text, 'utf8'), 'text/html; charset=utf-8'),
    lastModified: httpDate(changed),
  };
}

function httpDate(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toUTCString();
}

function layout(site: string, title: string, body: string, head = ''): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${head}<link rel="stylesheet" href="/css/style.css">
</head>
<body>
<div class="header"><a href="/index.htm">${escapeHtml(site)}</a></div>
${body}
<div class="footer">主办：${escapeHtml(site)}　版权所有　粤ICP备05000000号</div>
</body>
</html>
`;
}

function homePage(site: string, columns: PortalColumn[], latest: (Item & { column: string })[]): string {
  const nav = columns.map((c) => `<li><a href="${c.path}">${c.name}</a></li>`).join('');
  const news = latest
    .map((i) => `<li><a href="${i.path}">${escapeHtml(i.title)}</a><span>${i.date}</span></li>`)
    .join('\n');
  return layout(
    site,
    site,
    `<ul class="nav">${nav}</ul>\n<div class="latest"><h2>最新信息</h2>\n<ul>\n${news}\n</ul></div>`,
  );
}

function listPage(site: string, column: PortalColumn, dir: string, items: Item[], page: number): string {
  const href = (n: number) => (n === 0 ? 'index.htm' : `index_${n}.htm`);
  const rows = items
    .map(
      (i) =>
        `<li><a href="./${i.path.slice(dir.length)}" target="_blank" title="${escapeHtml(i.title)}">${escapeHtml(i.title)}</a><span class="date">${i.date}</span></li>`,
    )
    .join('\n');
  const last = column.listPages - 1;
  const pager = [
    `<span>共${column.listPages}页 当前第${page + 1}页</span>`,
    page > 0 ? `<a href="${href(0)}">首页</a> <a href="${href(page - 1)}">上一页</a>` : '',
    page < last ? `<a href="${href(page + 1)}">下一页</a> <a href="${href(last)}">尾页</a>` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const body = [
    `<div class="position">当前位置：<a href="/index.htm">首页</a> &gt; ${column.name}</div>`,
    `<div class="column-list"><h2>${column.name}</h2>`,
    `<ul class="list">\n${rows}\n</ul>`,
    `<div class="page">${pager}</div>`,
    '</div>',
  ].join('\n');
  return layout(site, `${column.name}_${site}`, body);
}

function detailPage(site: string, column: PortalColumn, item: Item, paragraphs: string[]): string {
  const stamp = `${item.date} ${item.time}`;
  const head = `<meta name="ArticleTitle" content="${escapeHtml(item.title)}">\n<meta name="PubDate" content="${stamp}">\n`;
  const body = [
    `<div class="position">当前位置：<a href="/index.htm">首页</a> &gt; <a href="${column.path}">${column.name}</a></div>`,
    `<div class="article"><h1>${escapeHtml(item.title)}</h1>`,
    `<div class="info">发布时间：${stamp}　来源：${escapeHtml(site)}　索引号：${item.id}</div>`,
    `<div class="content">\n${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n</div></div>`,
  ].join('\n');
  return layout(site, `${item.title}_${site}`, body, head);
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
