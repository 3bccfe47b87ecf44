/** The province roll-up page's words, in Chinese and English (data stays as the cities wrote it). */
import type { ReportLang } from './strings';

export interface ProvinceStrings {
  htmlLang: string;
  heading: (title: string) => string;
  generated: string;
  cities: (n: number) => string;
  otherLanguage: string;
  intro: string;
  totals: string;
  outstanding: (missing: number, unjudged: number, dueSoon: number) => string;
  tableTitle: string;
  col: {
    city: string;
    asOf: string;
    rate: string;
    overdue: string;
    unjudged: string;
    dueSoon: string;
    flags: string;
    vetoes: string;
    worst: string;
  };
  groupCol: (label: string) => string;
  missingShort: string;
  vetoes: (tripped: number, warned: number) => string;
  worstItem: (unit: string, missing: number, website: number) => string;
  noReport: string;
  none: string;
}

const ZH: ProvinceStrings = {
  htmlLang: 'zh-CN',
  heading: (title) => `${title} 政务公开监测汇总`,
  generated: '生成时间',
  cities: (n) => `共 ${n} 个市`,
  otherLanguage: 'English',
  intro:
    '每行一个市：各类任务的按时公开率与未公开期次、当前逾期与即将到期事项、未处理预警、触发单项否决的网站及未公开最多的部门。按工作要点任务与年度报告未公开期次从多到少排列；点击市名打开该市报告。',
  totals: '全省合计',
  outstanding: (m, u, d) => `当前逾期未公开 ${m} 项，无法判定 ${u} 项，即将到期 ${d} 项。`,
  tableTitle: '各市情况',
  col: {
    city: '市',
    asOf: '监测日期',
    rate: '总体按时公开率',
    overdue: '当前逾期',
    unjudged: '无法判定',
    dueSoon: '即将到期',
    flags: '未处理预警',
    vetoes: '单项否决网站',
    worst: '未公开最多的部门',
  },
  groupCol: (label) => label,
  missingShort: '未公开',
  vetoes: (t, w) => `${t} 个已触发${w > 0 ? `，${w} 个预警` : ''}`,
  worstItem: (unit, m, w) => `${unit}（要点/年报 ${m}，网站 ${w}）`,
  noReport: '（无报告页面）',
  none: '无',
};

const EN: ProvinceStrings = {
  htmlLang: 'en',
  heading: (title) => `${title}: disclosure monitoring roll-up`,
  generated: 'Generated',
  cities: (n) => `${n} cit${n === 1 ? 'y' : 'ies'}`,
  otherLanguage: '中文',
  intro:
    "One row per city: each kind of duty's on-time rate and missing periods, what is overdue and due soon now, open flags, sites with a single veto tripped and the departments with most missing periods. Cities with most missing plan and annual-report periods first; a city's name opens its report.",
  totals: 'Province totals',
  outstanding: (m, u, d) => `Overdue now: ${m}; cannot be judged: ${u}; due soon: ${d}.`,
  tableTitle: 'Cities',
  col: {
    city: 'City',
    asOf: 'As of',
    rate: 'On-time rate (all)',
    overdue: 'Overdue now',
    unjudged: 'Cannot be judged',
    dueSoon: 'Due soon',
    flags: 'Open flags',
    vetoes: 'Sites vetoed',
    worst: 'Departments most behind',
  },
  groupCol: (label) => label,
  missingShort: 'missing',
  vetoes: (t, w) => `${t} tripped${w > 0 ? `, ${w} warned` : ''}`,
  worstItem: (unit, m, w) => `${unit} (plan/annual ${m}, website ${w})`,
  noReport: '(no report page)',
  none: 'none',
};

export function provinceStringsFor(lang: ReportLang): ProvinceStrings {
  return lang === 'en' ? EN : ZH;
}
