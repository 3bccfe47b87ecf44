/**
 * The files of one department, written next to the city report (so archived copies resolve from
 * the same folder): its report in both languages, its CSV and its 整改通知 in both languages.
 */
import { departmentFileNames, departmentReport } from './department';
import type { ReportLang } from './html/strings';
import type { Report } from './model';
import { buildNotice } from './notice';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderNotice } from './render-notice';

export interface DepartmentFileOptions {
  /** The language of the files without a language suffix. */
  lang: ReportLang;
  replyBy?: string;
  replyDays?: number;
}

export interface DepartmentFiles {
  /** File name (in the report folder) and content, in the order to write them. */
  files: [string, string][];
  /** One line for the terminal: what the notice lists. */
  summary: string;
}

/** Renders a unit's report, CSV and rectification notice from the city report. */
export function renderDepartmentFiles(
  report: Report,
  unit: string,
  options: DepartmentFileOptions,
): DepartmentFiles {
  const mine = departmentReport(report, unit);
  const notice = buildNotice(mine, unit, {
    ...(options.replyBy ? { replyBy: options.replyBy } : {}),
    ...(options.replyDays ? { replyDays: options.replyDays } : {}),
  });
  const names = departmentFileNames(unit);
  const main = options.lang;
  const other: ReportLang = main === 'zh' ? 'en' : 'zh';
  const files: [string, string][] = [];
  for (const lang of [main, other]) {
    files.push([
      names.html(lang, main),
      renderHtml(mine, {
        lang,
        department: {
          unit,
          otherLanguage: names.html(lang === main ? other : main, main),
          csv: names.csv,
          notice: names.notice(lang, main),
          city: lang === main ? 'report.html' : `report.${lang}.html`,
        },
      }),
    ]);
    files.push([
      names.notice(lang, main),
      renderNotice(notice, mine, { lang, departmentReport: names.html(lang, main) }),
    ]);
  }
  files.push([names.csv, renderCsv(mine)]);
  const missing = notice.items.filter((i) => i.state === 'missing').length;
  const unjudged = notice.items.length - missing;
  return {
    files,
    summary: `${unit}: ${missing} overdue, ${unjudged} unverifiable, ${notice.vetoes.length} sites with a veto tripped, ${notice.dueSoon.length} due soon; reply by ${notice.replyBy}`,
  };
}
