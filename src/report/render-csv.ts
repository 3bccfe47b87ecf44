import { withoutBidiControls } from '../core/visible-text';
import { sourceErrorInChinese } from './html/source-errors';
import type { PageCheck, Report } from './model';

/** Excel opens a UTF-8 CSV as UTF-8 (and shows Chinese correctly) only when it starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

/** Column codes (what a program reads) and the Chinese heading shown with each in the zh CSV. */
const COLUMNS: [string, string][] = [
  ['obligation_id', '任务编号'],
  ['item', '项次'],
  ['units', '责任单位'],
  ['task', '工作任务'],
  ['schedule', '公开时限'],
  ['period', '期次编号'],
  ['period_label', '期次'],
  ['start', '起始日'],
  ['end', '截止日'],
  ['due', '应公开日期'],
  ['verdict', '结论代码'],
  ['reasons', '判定依据'],
  ['evidence_urls', '证据网址'],
  ['archived_copies', '存档副本'],
  ['sha256', 'SHA-256'],
  ['warnings', '警告'],
  ['pack', '规则来源'],
  ['site', '网站'],
  ['forecast', '预计触发日期'],
  ['verdict_label', '结论'],
  ['published_on', '证据发布日期'],
  ['first_seen', '首次发现时间'],
  ['fetched_at', '抓取时间'],
  ['pages_read', '截止前巡检所读页面'],
  ['pages_read_archived', '所读页面存档副本'],
  ['pages_read_sha256', '所读页面 SHA-256'],
  ['pages_read_checked_at', '所读页面巡检时间'],
  ['source_errors', '数据源错误'],
];

const VERDICT_LABELS: Record<'zh' | 'en', Record<string, string>> = {
  zh: {
    met: '按时公开',
    late: '逾期公开',
    missing: '未公开',
    'due-soon': '即将到期',
    pending: '未到期',
    waived: '已豁免',
    unverifiable: '无法核验',
    'insufficient-data': '数据不足',
  },
  en: {
    met: 'Met',
    late: 'Late',
    missing: 'Missing',
    'due-soon': 'Due soon',
    pending: 'Pending',
    waived: 'Waived',
    unverifiable: 'Unverifiable',
    'insufficient-data': 'Insufficient data',
  },
};

export interface RenderCsvOptions {
  /** zh: each heading is the Chinese name with the column code, `任务编号 (obligation_id)`; en: the codes. */
  lang?: 'zh' | 'en';
  /** One row per responsible unit of each obligation-period (`units` then holds one unit). */
  unitPerRow?: boolean;
}

function heading([code, zh]: [string, string], lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${zh} (${code})` : code;
}

/** Quotes a field when it holds a comma, quote or line break; neutralises spreadsheet formulas. */
export function csvField(value: string | number): string {
  // Bidi controls go first: U+202E would reverse the cell, and "\u202E=1+1" still runs as a formula.
  let text = withoutBidiControls(String(value));
  // A cell starting with = + - @ would run as a formula in Excel: a page title must never do that.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Values space-separated in the order of their URLs, `-` where unknown. */
function each(values: (string | null)[]): string {
  return values.map((v) => v ?? '-').join(' ');
}

/**
 * The pages read by the due date of a missing or insufficient-data period (address, archived copy,
 * hash, check instant; space-separated in the same order) and the failed reads, `address instant:
 * error` joined by `；`, the error in the file's language.
 */
function pagesReadCells(pages: readonly PageCheck[], lang: 'zh' | 'en'): string[] {
  const read = pages.filter((p) => p.ok);
  const failed = pages.filter((p) => !p.ok);
  const error = (p: PageCheck) => {
    const message = p.error ?? (p.status ? `HTTP ${p.status}` : '');
    return lang === 'zh' ? sourceErrorInChinese(message) : message;
  };
  return [
    read.map((p) => p.url).join(' '),
    read.length ? each(read.map((p) => p.archived)) : '',
    read.length ? each(read.map((p) => p.sha256)) : '',
    read.length ? each(read.map((p) => p.checkedAt)) : '',
    failed.map((p) => `${p.url} ${p.checkedAt}: ${error(p)}`).join('；'),
  ];
}

/**
 * One row per obligation-period (or per unit of it, with `unitPerRow`), with verdict code and
 * label, due date and evidence: links, archived copies, hashes, and per piece of evidence the date
 * it counts as published, when the monitor first saw it and when it fetched it (space-separated in
 * the order of the evidence URLs; `-` where unknown). Rule-pack rows name their pack (their `item` is
 * the pack's indicator number), the site they judge, and for site rules that hold, the day they trip
 * if nothing new is published.
 */
export function renderCsv(report: Report, options: RenderCsvOptions = {}): string {
  const lang = options.lang ?? 'en';
  const rows = [COLUMNS.map((c) => csvField(heading(c, lang))).join(',')];
  for (const o of report.obligations) {
    const unitRows = options.unitPerRow && o.units.length > 1 ? o.units.map((u) => [u]) : [o.units];
    for (const p of o.periods) {
      for (const units of unitRows) {
        rows.push(
          [
            o.id,
            // Empty for an obligation written by hand: it has no plan item.
            o.item ?? '',
            units.join('、'),
            o.task.replace(/\s+/g, ' '),
            o.schedule,
            p.key,
            p.label,
            p.start,
            p.end,
            p.due,
            p.verdict,
            p.reasons.join('；'),
            p.evidence.map((e) => e.url).join(' '),
            p.evidence.map((e) => e.archived ?? '').join(' '),
            p.evidence.map((e) => e.sha256 ?? '').join(' '),
            p.warnings.join('；'),
            o.packTitle ?? o.pack ?? '',
            o.siteName ?? o.site ?? '',
            p.forecast ?? '',
            VERDICT_LABELS[lang][p.verdict] ?? p.verdict,
            p.evidence.length ? each(p.evidence.map((e) => e.publishedOn)) : '',
            p.evidence.length ? each(p.evidence.map((e) => e.firstSeen ?? null)) : '',
            p.evidence.length ? each(p.evidence.map((e) => e.fetchedAt)) : '',
            ...pagesReadCells(p.pagesRead ?? [], lang),
          ]
            .map(csvField)
            .join(','),
        );
      }
    }
  }
  return `${UTF8_BOM}${rows.join('\r\n')}\r\n`;
}
