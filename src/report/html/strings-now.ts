/**
 * Strings of the parts a supervisor reads first (当前待办 / Outstanding now, kinds of duty, the
 * flags table) and the translation of the notes the monitor writes into flag histories, one object
 * per language.
 */
import type { ObligationGroup, OutstandingItem } from '../model';
import { reasonInChinese } from './reasons-zh';
import { sourceErrorInChinese } from './source-errors';

export interface NowStrings {
  title: string;
  intro: (asOf: string) => string;
  none: string;
  groups: Record<ObligationGroup, { label: string; short: string }>;
  groupFilter: string;
  state: Record<OutstandingItem['state'], { label: string; icon: string }>;
  overdue: (days: number) => string;
  dueIn: (days: number) => string;
  dueToday: string;
  col: {
    state: string;
    group: string;
    unit: string;
    task: string;
    period: string;
    due: string;
    days: string;
  };
  cards: { rate: string; missing: string; dueSoon: string; obligations: string };
  /** The card's month-by-month on-time rate (periods by the month they fall due). */
  monthly: { title: (first: string, last: string) => string; month: (month: string, rate: string) => string };
  sites: string;
  sitesNone: string;
  siteCol: { site: string; unit: string; state: string; rule: string; when: string };
  tripped: (since: string | null) => string;
  trips: (on: string, days: number) => string;
  more: (n: number) => string;
  collective: string;
  collectiveNote: string;
  groupRates: string;
  flagsIntro: (open: number, lapsed: number, total: number) => string;
  flagAge: string;
  ageDays: (days: number) => string;
  sortHint: string;
  /** A reason, warning or flag note the monitor wrote (in English), in this language. */
  monitorText: (note: string) => string;
  /** A source's recorded error (`reason: message`, in English), in this language. */
  sourceError: (error: string) => string;
  /** A department's own report and the drill-down to it. */
  department: {
    scope: (unit: string) => string;
    notice: string;
    city: string;
    report: string;
  };
}

export const NOW_ZH: NowStrings = {
  title: '当前待办',
  intro: (asOf) =>
    `截至 ${asOf}：最近一期未公开、即将到期的任务，以及已触发或即将触发单项否决的网站，最紧急的在前。`,
  none: '目前没有待办事项。',
  groups: {
    plan: { label: '工作要点任务', short: '要点任务' },
    website: { label: '政府网站检查指标', short: '网站指标' },
    'annual-report': { label: '政府信息公开工作年度报告', short: '年度报告' },
  },
  groupFilter: '任务类型',
  state: {
    missing: { label: '逾期未公开', icon: '✗' },
    'insufficient-data': { label: '无法判定（网站无法访问）', icon: '◌' },
    'due-soon': { label: '即将到期', icon: '◔' },
  },
  overdue: (d) => (d > 0 ? `逾期 ${d} 天` : '已认定未公开'),
  dueIn: (d) => `还有 ${d} 天`,
  dueToday: '今天到期',
  col: {
    state: '状态',
    group: '类型',
    unit: '责任单位',
    task: '任务',
    period: '期次',
    due: '截止日期',
    days: '逾期天数',
  },
  cards: { rate: '按时公开率', missing: '未公开期次', dueSoon: '即将到期', obligations: '项任务' },
  monthly: {
    title: (first, last) => `各月按时公开率（按应公开月份，${first} 至 ${last}）`,
    month: (month, rate) => `${month}：${rate}`,
  },
  sites: '政府网站单项否决',
  sitesNone: '没有网站已触发或即将触发单项否决。',
  siteCol: { site: '网站', unit: '主办单位', state: '状态', rule: '否决指标', when: '时间' },
  tripped: (since) => (since ? `自 ${since} 起` : '已触发'),
  trips: (on, d) => `预计 ${on} 触发（${d} 天后）`,
  more: (n) => `另有 ${n} 项，见下文各项公开任务`,
  collective: '统称责任单位（不参与排名）',
  collectiveNote: '“市直有关单位”“市政府各部门”等统称不指向某一个部门，单独列出，不参与排名。',
  groupRates: '分类按时公开率',
  flagsIntro: (open, lapsed, total) =>
    `共 ${total} 条预警：${open} 条未处理；${lapsed} 条已过期（网站检查指标的往月，无法补救）。点击表头排序；上方筛选同样适用于本表。`,
  flagAge: '已持续',
  ageDays: (d) => `${d} 天`,
  sortHint: '点击排序',
  monitorText: reasonInChinese,
  sourceError: sourceErrorInChinese,
  department: {
    scope: (unit) => `部门报告：${unit}`,
    notice: '整改通知',
    city: '全市报告',
    report: '部门报告',
  },
};

export const NOW_EN: NowStrings = {
  title: 'Outstanding now',
  intro: (asOf) =>
    `As of ${asOf}: obligations whose latest period is missing, periods due soon, and sites whose single veto has tripped or is forecast; most urgent first.`,
  none: 'Nothing is outstanding.',
  groups: {
    plan: { label: 'Plan obligations', short: 'Plan' },
    website: { label: 'Website inspection rules', short: 'Website rules' },
    'annual-report': { label: 'Annual disclosure reports', short: 'Annual reports' },
  },
  groupFilter: 'Kind of duty',
  state: {
    missing: { label: 'Overdue, not published', icon: '✗' },
    'insufficient-data': { label: 'Cannot tell (site unreachable)', icon: '◌' },
    'due-soon': { label: 'Due soon', icon: '◔' },
  },
  overdue: (d) => (d > 0 ? `${d} day${d === 1 ? '' : 's'} overdue` : 'found missing'),
  dueIn: (d) => `due in ${d} day${d === 1 ? '' : 's'}`,
  dueToday: 'due today',
  col: {
    state: 'State',
    group: 'Kind',
    unit: 'Responsible unit',
    task: 'Task',
    period: 'Period',
    due: 'Due',
    days: 'Days overdue',
  },
  cards: {
    rate: 'On-time rate',
    missing: 'Missing periods',
    dueSoon: 'Due soon',
    obligations: 'obligations',
  },
  monthly: {
    title: (first, last) => `On-time rate by month due, ${first} to ${last}`,
    month: (month, rate) => `${month}: ${rate}`,
  },
  sites: 'Website single veto',
  sitesNone: 'No site has tripped a single veto or is forecast to.',
  siteCol: { site: 'Site', unit: 'Run by', state: 'State', rule: 'Veto rule', when: 'When' },
  tripped: (since) => (since ? `since ${since}` : 'tripped'),
  trips: (on, d) => `forecast to trip on ${on} (in ${d} days)`,
  more: (n) => `${n} more: see the obligations below`,
  collective: 'Collective units (not ranked)',
  collectiveNote:
    'Names such as 市直有关单位 (the relevant city units) or 市政府各部门 (all city departments) point at no single department: they are listed apart and not ranked.',
  groupRates: 'On-time rate by kind of duty',
  flagsIntro: (open, lapsed, total) =>
    `${total} flags: ${open} open; ${lapsed} lapsed (past months of website rules, which cannot be remedied). Click a column heading to sort; the filters above apply to this table too.`,
  flagAge: 'Age',
  ageDays: (d) => `${d} day${d === 1 ? '' : 's'}`,
  sortHint: 'click to sort',
  monitorText: (note) => note,
  sourceError: (error) => error,
  department: {
    scope: (unit) => `Department report: ${unit}`,
    notice: 'Rectification notice',
    city: 'City report',
    report: 'Department report',
  },
};
