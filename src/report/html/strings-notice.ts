/**
 * Strings of the 整改通知 (rectification notice), in Chinese (what is sent) and English. The
 * legal bases are cited as the rules themselves are titled.
 */
import type { ObligationGroup } from '../model';
import type { ReportLang } from './strings';

export interface NoticeStrings {
  htmlLang: string;
  title: string;
  docNo: (issuer: string, asOf: string) => string;
  addressee: (unit: string) => string;
  opening: (issuer: string, year: number, asOf: string, items: number, vetoes: number) => string;
  nothingOwed: (asOf: string) => string;
  demand: (replyBy: string) => string;
  steps: string[];
  col: {
    no: string;
    task: string;
    basis: string;
    publish: string;
    due: string;
    overdue: string;
    evidence: string;
  };
  owedTitle: string;
  unjudgedTitle: string;
  vetoTitle: string;
  dueSoonTitle: string;
  /** A section heading with its number (1-based). */
  numbered: (n: number, title: string) => string;
  vetoRow: (rule: string, since: string | null) => string;
  overdueDays: (days: number) => string;
  dueIn: (days: number) => string;
  periodsMore: (n: number) => string;
  evidenceMore: (n: number) => string;
  noEvidence: string;
  archived: string;
  fetched: string;
  nearMiss: string;
  lookedAt: string;
  /** The plan item a duty comes from; a duty added by hand (no item number) cites the plan alone. */
  basis: (group: ObligationGroup, plan: string, item: number | null, packTitle: string | undefined) => string;
  planTitle: (issuer: string, year: number) => string;
  issuedBy: (issuer: string) => string;
  replyTo: string;
  footer: (runId: string, generatedAt: string) => string;
  report: string;
}

const ANNUAL_REPORT_BASIS_ZH = '《中华人民共和国政府信息公开条例》第四十九条';
const WEBSITE_BASIS_ZH = '政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）';

export const NOTICE_ZH: NoticeStrings = {
  htmlLang: 'zh-CN',
  title: '政务公开整改通知',
  docNo: (issuer, asOf) => `${issuer}政务公开监测 · ${asOf}`,
  addressee: (unit) => `${unit}：`,
  opening: (issuer, year, asOf, items, vetoes) =>
    `根据${issuer}${year}年政务公开工作安排和《中华人民共和国政府信息公开条例》，经监测，截至${asOf}，你单位有 ${items} 项公开任务逾期未公开或无法核实${vetoes > 0 ? `，${vetoes} 个网站已触发政府网站单项否决指标` : ''}，具体如下。`,
  nothingOwed: (asOf) => `经监测，截至${asOf}，你单位没有逾期未公开的事项。`,
  demand: (replyBy) => `请于 ${replyBy} 前完成整改，并将整改情况书面回复。`,
  steps: [
    '在本单位网站或政府门户网站相应栏目公开上述信息，注明发布日期；',
    '依法不予公开或无需公开的，说明理由和依据；',
    '网站无法访问或栏目长期未更新的，查明原因并恢复正常更新；',
    '回复时列明每项信息的发布网址和发布日期。',
  ],
  col: {
    no: '序号',
    task: '事项',
    basis: '依据',
    publish: '应公开内容（期次）',
    due: '公开时限',
    overdue: '逾期',
    evidence: '监测所见',
  },
  owedTitle: '逾期未公开事项',
  unjudgedTitle: '网站无法访问、无法核实的事项',
  vetoTitle: '已触发单项否决的网站',
  dueSoonTitle: '即将到期事项（请按时公开）',
  numbered: (n, title) => `${'一二三四五六七八九十'[n - 1] ?? n}、${title}`,
  vetoRow: (rule, since) => `${rule}${since ? `（自 ${since} 起）` : ''}`,
  overdueDays: (days) => `逾期 ${days} 天`,
  dueIn: (days) => (days <= 0 ? '今日到期' : `${days} 天后到期`),
  periodsMore: (n) => `另有 ${n} 期，详见部门报告`,
  evidenceMore: (n) => `另有 ${n} 个页面，详见部门报告`,
  noEvidence: '未找到相关信息',
  archived: '存档',
  fetched: '抓取于',
  nearMiss: '近似文档（不计入）',
  lookedAt: '检查页面',
  basis: (group, plan, item, packTitle) =>
    group === 'website'
      ? (packTitle ?? WEBSITE_BASIS_ZH)
      : group === 'annual-report'
        ? (packTitle ?? ANNUAL_REPORT_BASIS_ZH)
        : item === null
          ? plan
          : `${plan}第 ${item} 项`,
  planTitle: (issuer, year) => `《${issuer}${year}年政务公开工作要点》`,
  issuedBy: (issuer) => `${issuer}政务公开工作主管部门`,
  replyTo: '联系人：__________  电话：__________',
  footer: (runId, generatedAt) => `本通知依据监测报告（运行 ${runId}，生成于 ${generatedAt}）。`,
  report: '部门监测报告',
};

export const NOTICE_EN: NoticeStrings = {
  htmlLang: 'en',
  title: 'Rectification notice (government information disclosure)',
  docNo: (issuer, asOf) => `${issuer} disclosure monitoring · ${asOf}`,
  addressee: (unit) => `To: ${unit}`,
  opening: (issuer, year, asOf, items, vetoes) =>
    `Under the ${year} disclosure work plan of ${issuer} and the Regulations on Open Government Information, monitoring found that on ${asOf} your unit has ${items} disclosure duties overdue or unverifiable${vetoes > 0 ? `, and ${vetoes} sites have tripped a single-veto website inspection item` : ''}, as follows.`,
  nothingOwed: (asOf) => `Monitoring found nothing overdue for your unit on ${asOf}.`,
  demand: (replyBy) => `Please put these right by ${replyBy} and reply in writing.`,
  steps: [
    'publish the information in the matching column of your site or the government portal, with its publication date;',
    'where it may lawfully be withheld or need not be published, state why and on what basis;',
    'where a site is unreachable or columns are stale, find the cause and restore regular updates;',
    'list in the reply the address and publication date of every item.',
  ],
  col: {
    no: 'No.',
    task: 'Duty',
    basis: 'Basis',
    publish: 'To publish (period)',
    due: 'Due',
    overdue: 'Overdue',
    evidence: 'What the monitor saw',
  },
  owedTitle: 'Overdue, not published',
  unjudgedTitle: 'Cannot be verified: site unreachable',
  vetoTitle: 'Sites that have tripped a single veto',
  dueSoonTitle: 'Due soon (publish on time)',
  numbered: (n, title) => `${n}. ${title}`,
  vetoRow: (rule, since) => `${rule}${since ? ` (since ${since})` : ''}`,
  overdueDays: (days) => `${days} days overdue`,
  dueIn: (days) => (days <= 0 ? 'due today' : `due in ${days} days`),
  periodsMore: (n) => `${n} more periods: see the department report`,
  evidenceMore: (n) => `${n} more pages: see the department report`,
  noEvidence: 'nothing found',
  archived: 'archived',
  fetched: 'fetched',
  nearMiss: 'near miss (not counted)',
  lookedAt: 'page checked',
  basis: (group, plan, item, packTitle) =>
    group === 'website'
      ? (packTitle ?? 'Government website inspection indicators (国办秘函〔2019〕19号)')
      : group === 'annual-report'
        ? (packTitle ?? 'Regulations on Open Government Information, Art. 49')
        : item === null
          ? plan
          : `${plan}, item ${item}`,
  planTitle: (issuer, year) => `${issuer} ${year} disclosure work plan`,
  issuedBy: (issuer) => `${issuer}, office in charge of government disclosure`,
  replyTo: 'Contact: __________  Phone: __________',
  footer: (runId, generatedAt) => `Based on the monitoring report of run ${runId}, generated ${generatedAt}.`,
  report: 'Department report',
};

export function noticeStringsFor(lang: ReportLang): NoticeStrings {
  return lang === 'en' ? NOTICE_EN : NOTICE_ZH;
}
