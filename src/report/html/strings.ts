/**
 * Every UI string of the HTML report, in Chinese (the default: supervisors read Chinese) and
 * English. Data taken from plans and web pages is never translated: it stays as published.
 */
import type { VerdictKind } from '../../core/verdict';

export type ReportLang = 'zh' | 'en';

/** How a verdict is shown: a text label always, plus a shape, so colour is never the only signal. */
export interface VerdictLook {
  label: string;
  /** A glyph present in common system fonts (DejaVu, Segoe UI Symbol, PingFang). */
  icon: string;
  /** One sentence for the legend: how to read the verdict. */
  meaning: string;
}

export interface ReportStrings {
  htmlLang: string;
  title: (issuer: string, year: number) => string;
  asOf: string;
  generatedAt: string;
  runId: string;
  otherLanguage: string;
  otherLanguageHref: string;
  downloads: string;
  contents: string;
  sections: {
    overview: string;
    departments: string;
    obligations: string;
    flags: string;
    waivers: string;
    events: string;
    warnings: string;
    sources: string;
    legend: string;
  };
  verdicts: Record<VerdictKind, VerdictLook>;
  scheduleKinds: Record<string, string>;
  flagStatus: Record<'open' | 'resolved' | 'waived', string>;
  evidenceKind: Record<'match' | 'candidate' | 'manual', string>;
  complianceRate: string;
  complianceRateNote: string;
  notJudged: string;
  obligationsCount: (n: number) => string;
  periodsCount: (n: number) => string;
  trendTitle: string;
  trendDescription: (points: number, first: string, last: string) => string;
  trendEmpty: string;
  trendTable: string;
  monthTick: (month: number) => string;
  date: string;
  col: {
    unit: string;
    obligations: string;
    rate: string;
    missingObligations: string;
    item: string;
    obligation: string;
    period: string;
    window: string;
    due: string;
    verdict: string;
    reasons: string;
    evidence: string;
    status: string;
    raisedOn: string;
    notifiedAt: string;
    history: string;
    reason: string;
    until: string;
    by: string;
    at: string;
    note: string;
    message: string;
    source: string;
    homepage: string;
    checks: string;
    failedChecks: string;
    lastCheckedAt: string;
    lastOk: string;
    lastError: string;
    documents: string;
    count: string;
  };
  itemNo: (item: number) => string;
  meta: {
    id: string;
    units: string;
    category: string;
    schedule: string;
    deadlineText: string;
    verifiable: string;
    decision: string;
  };
  yes: string;
  no: string;
  none: string;
  noUnits: string;
  allPeriods: string;
  periodsSummary: (n: number) => string;
  noPeriods: string;
  ev: {
    original: string;
    archived: string;
    archivedMissing: string;
    sha256: string;
    fetchedAt: string;
    shownDate: string;
    publishedOn: string;
    terms: string;
    score: string;
    reason: string;
    by: string;
    unsafeUrl: string;
    candidates: string;
    noEvidence: string;
  };
  warningsLabel: string;
  backdating: string;
  filters: {
    legend: string;
    unit: string;
    verdict: string;
    kind: string;
    search: string;
    searchPlaceholder: string;
    all: string;
    reset: string;
    /** `{shown}` and `{total}` are replaced by the client script. */
    status: string;
    printed: string;
  };
  sourcesUnreachable: (n: number) => string;
  sourcesAllOk: string;
  sourceState: { ok: string; failing: string; unknown: string };
  emptyTable: string;
  reportWarnings: string;
  periodWarnings: string;
  planWide: string;
}

const SCHEDULE_KINDS_ZH: Record<string, string> = {
  once: '限期完成',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  semiannual: '每半年',
  annual: '每年',
  seasonal: '季节性',
  event: '事件触发',
  continuous: '长期公开',
  unspecified: '未规定时限',
};

const SCHEDULE_KINDS_EN: Record<string, string> = {
  once: 'Fixed date(s)',
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  semiannual: 'Half-yearly',
  annual: 'Yearly',
  seasonal: 'Seasonal',
  event: 'After an event',
  continuous: 'Kept published',
  unspecified: 'No deadline stated',
};

const ICONS: Record<VerdictKind, string> = {
  met: '✓',
  late: '▲',
  missing: '✗',
  'due-soon': '◔',
  pending: '○',
  waived: '⊘',
  unverifiable: '?',
  'insufficient-data': '◌',
};

const zh: ReportStrings = {
  htmlLang: 'zh-CN',
  title: (issuer, year) => `${issuer} ${year} 年政务公开监测报告`,
  asOf: '监测截至',
  generatedAt: '生成时间',
  runId: '运行编号',
  otherLanguage: 'English',
  otherLanguageHref: 'report.en.html',
  downloads: '数据文件',
  contents: '目录',
  sections: {
    overview: '总体情况',
    departments: '各部门情况',
    obligations: '各项公开任务',
    flags: '预警记录',
    waivers: '豁免记录',
    events: '触发事件',
    warnings: '警告（含倒签发布日期）',
    sources: '数据源（部门网站）',
    legend: '结论说明',
  },
  verdicts: {
    met: { label: '按时公开', icon: ICONS.met, meaning: '到期日前已找到公开证据。' },
    late: { label: '逾期公开', icon: ICONS.late, meaning: '已公开，但最早的证据晚于到期日。' },
    missing: { label: '未公开', icon: ICONS.missing, meaning: '已过到期日，网站可访问，但未找到公开证据。' },
    'due-soon': { label: '即将到期', icon: ICONS['due-soon'], meaning: '尚无证据，到期日在几个工作日内。' },
    pending: { label: '未到期', icon: ICONS.pending, meaning: '期次尚未开始或距到期日尚远。' },
    waived: {
      label: '已豁免',
      icon: ICONS.waived,
      meaning: '经批准豁免（见豁免记录：批准人、理由、期限）。',
    },
    unverifiable: {
      label: '无法核验',
      icon: ICONS.unverifiable,
      meaning: '该任务无法通过网站核验，需人工检查。',
    },
    'insufficient-data': {
      label: '数据不足',
      icon: ICONS['insufficient-data'],
      meaning: '已过到期日，但期间网站始终无法访问，无法判断，不计为未公开。',
    },
  },
  scheduleKinds: SCHEDULE_KINDS_ZH,
  flagStatus: { open: '未处理', resolved: '已补公开', waived: '已豁免' },
  evidenceKind: { match: '自动匹配', candidate: '近似（未采纳）', manual: '人工录入' },
  complianceRate: '按时公开率',
  complianceRateNote: '按时公开 ÷（按时公开 + 逾期公开 + 未公开）',
  notJudged: '暂无可判定期次',
  obligationsCount: (n) => `${n} 项任务`,
  periodsCount: (n) => `${n} 个期次`,
  trendTitle: '全年按时公开率变化',
  trendDescription: (n, first, last) => `折线图：${first} 至 ${last} 共 ${n} 次监测的按时公开率（0–100%）。`,
  trendEmpty: '尚无历次监测记录。',
  trendTable: '历次监测数据表',
  monthTick: (m) => `${m}月`,
  date: '日期',
  col: {
    unit: '责任单位',
    obligations: '任务数',
    rate: '按时公开率',
    missingObligations: '有未公开期次的任务',
    item: '序号',
    obligation: '任务',
    period: '期次',
    window: '起止',
    due: '到期日',
    verdict: '结论',
    reasons: '理由与警告',
    evidence: '证据',
    status: '状态',
    raisedOn: '预警日期',
    notifiedAt: '通知时间',
    history: '处理记录',
    reason: '理由',
    until: '有效期至',
    by: '批准人',
    at: '录入时间',
    note: '说明',
    message: '内容',
    source: '数据源',
    homepage: '网址',
    checks: '检查次数',
    failedChecks: '失败次数',
    lastCheckedAt: '最近检查',
    lastOk: '最近状态',
    lastError: '最近错误',
    documents: '文档数',
    count: '数量',
  },
  itemNo: (item) => `第 ${item} 项`,
  meta: {
    id: '编号',
    units: '责任单位',
    category: '工作任务',
    schedule: '时限',
    deadlineText: '方案原文时限',
    verifiable: '可通过网站核验',
    decision: '处理说明',
  },
  yes: '是',
  no: '否',
  none: '无',
  noUnits: '（未指定责任单位）',
  allPeriods: '全部期次',
  periodsSummary: (n) => `各期次情况（${n} 期）`,
  noPeriods: '暂无期次（事件类任务在记录事件后才产生期次）。',
  ev: {
    original: '原始网址',
    archived: '存档副本',
    archivedMissing: '无存档副本',
    sha256: 'SHA-256',
    fetchedAt: '首次抓取',
    shownDate: '页面显示日期',
    publishedOn: '认定发布日期',
    terms: '匹配词',
    score: '匹配分',
    reason: '依据',
    by: '录入人',
    unsafeUrl: '（网址不是 http/https，未生成链接）',
    candidates: '近似文档（未采纳，供核查）',
    noEvidence: '无证据',
  },
  warningsLabel: '警告',
  backdating: '倒签',
  filters: {
    legend: '筛选与搜索',
    unit: '部门',
    verdict: '结论',
    kind: '时限类型',
    search: '搜索',
    searchPlaceholder: '任务、单位、标题、网址…',
    all: '全部',
    reset: '清除筛选',
    status: '显示 {shown} / {total} 项任务',
    printed: '打印时的筛选条件：',
  },
  sourcesUnreachable: (n) => `${n} 个数据源最近一次检查失败或曾无法访问：`,
  sourcesAllOk: '所有数据源最近一次检查均正常。',
  sourceState: { ok: '正常', failing: '无法访问', unknown: '未检查' },
  emptyTable: '无记录。',
  reportWarnings: '全局警告',
  periodWarnings: '期次警告',
  planWide: '（全局）',
};

const en: ReportStrings = {
  htmlLang: 'en',
  title: (issuer, year) => `${issuer} ${year}: government disclosure compliance report`,
  asOf: 'As of',
  generatedAt: 'Generated',
  runId: 'Run',
  otherLanguage: '中文',
  otherLanguageHref: 'report.html',
  downloads: 'Data files',
  contents: 'Contents',
  sections: {
    overview: 'Overview',
    departments: 'Departments',
    obligations: 'Obligations',
    flags: 'Flags',
    waivers: 'Waivers',
    events: 'Triggering events',
    warnings: 'Warnings (including backdated publication dates)',
    sources: 'Sources (department sites)',
    legend: 'How to read the verdicts',
  },
  verdicts: {
    met: { label: 'Met', icon: ICONS.met, meaning: 'Evidence was published on or before the due date.' },
    late: {
      label: 'Late',
      icon: ICONS.late,
      meaning: 'Published, but the earliest evidence is after the due date.',
    },
    missing: {
      label: 'Missing',
      icon: ICONS.missing,
      meaning: 'Past due, the site was reachable, and no evidence was found.',
    },
    'due-soon': {
      label: 'Due soon',
      icon: ICONS['due-soon'],
      meaning: 'No evidence yet; due within a few working days.',
    },
    pending: {
      label: 'Pending',
      icon: ICONS.pending,
      meaning: 'Not started yet, or the due date is still far off.',
    },
    waived: {
      label: 'Waived',
      icon: ICONS.waived,
      meaning: 'Waived by a person (see Waivers: who, why, until when).',
    },
    unverifiable: {
      label: 'Unverifiable',
      icon: ICONS.unverifiable,
      meaning: 'No website can show this duty; it needs a manual check.',
    },
    'insufficient-data': {
      label: 'Insufficient data',
      icon: ICONS['insufficient-data'],
      meaning:
        'Past due, but the sites were unreachable throughout: the monitor cannot tell, so it never says missing.',
    },
  },
  scheduleKinds: SCHEDULE_KINDS_EN,
  flagStatus: { open: 'Open', resolved: 'Resolved (published late)', waived: 'Waived' },
  evidenceKind: { match: 'Matched', candidate: 'Near miss (not counted)', manual: 'Entered manually' },
  complianceRate: 'On-time rate',
  complianceRateNote: 'met ÷ (met + late + missing)',
  notJudged: 'nothing judged yet',
  obligationsCount: (n) => `${n} obligation${n === 1 ? '' : 's'}`,
  periodsCount: (n) => `${n} obligation-period${n === 1 ? '' : 's'}`,
  trendTitle: 'On-time rate through the year',
  trendDescription: (n, first, last) =>
    `Line chart: on-time rate (0–100%) at ${n} sweeps from ${first} to ${last}.`,
  trendEmpty: 'No sweeps recorded yet.',
  trendTable: 'Sweep-by-sweep data',
  monthTick: (m) =>
    ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? String(m),
  date: 'Date',
  col: {
    unit: 'Responsible unit',
    obligations: 'Obligations',
    rate: 'On-time rate',
    missingObligations: 'Obligations with a missing period',
    item: 'Item',
    obligation: 'Obligation',
    period: 'Period',
    window: 'Window',
    due: 'Due',
    verdict: 'Verdict',
    reasons: 'Reasons and warnings',
    evidence: 'Evidence',
    status: 'Status',
    raisedOn: 'Raised on',
    notifiedAt: 'Notified',
    history: 'History',
    reason: 'Reason',
    until: 'Until',
    by: 'By',
    at: 'Entered',
    note: 'Note',
    message: 'Message',
    source: 'Source',
    homepage: 'Address',
    checks: 'Checks',
    failedChecks: 'Failed',
    lastCheckedAt: 'Last check',
    lastOk: 'Last state',
    lastError: 'Last error',
    documents: 'Documents',
    count: 'Count',
  },
  itemNo: (item) => `Item ${item}`,
  meta: {
    id: 'Id',
    units: 'Responsible units',
    category: 'Category',
    schedule: 'Schedule',
    deadlineText: 'Deadline as written in the plan',
    verifiable: 'Checkable on a website',
    decision: 'Decision',
  },
  yes: 'yes',
  no: 'no',
  none: 'none',
  noUnits: '(no responsible unit named)',
  allPeriods: 'all periods',
  periodsSummary: (n) => `Periods (${n})`,
  noPeriods: 'No periods yet (event obligations get periods once an event is recorded).',
  ev: {
    original: 'Original',
    archived: 'archived',
    archivedMissing: 'no archived copy',
    sha256: 'SHA-256',
    fetchedAt: 'First fetched',
    shownDate: 'Date shown on the page',
    publishedOn: 'Counts as published',
    terms: 'Matched terms',
    score: 'Score',
    reason: 'Why',
    by: 'Entered by',
    unsafeUrl: '(not an http/https address: not linked)',
    candidates: 'Near misses (not counted, for review)',
    noEvidence: 'no evidence',
  },
  warningsLabel: 'Warning',
  backdating: 'backdated',
  filters: {
    legend: 'Filter and search',
    unit: 'Department',
    verdict: 'Verdict',
    kind: 'Schedule',
    search: 'Search',
    searchPlaceholder: 'task, unit, title, address…',
    all: 'All',
    reset: 'Clear filters',
    status: 'Showing {shown} of {total} obligations',
    printed: 'Printed with filters: ',
  },
  sourcesUnreachable: (n) =>
    `${n} source${n === 1 ? '' : 's'} failed the last check or could not be reached at times:`,
  sourcesAllOk: 'Every source passed its last check.',
  sourceState: { ok: 'reachable', failing: 'unreachable', unknown: 'not checked' },
  emptyTable: 'None.',
  reportWarnings: 'Report-wide warnings',
  periodWarnings: 'Period warnings',
  planWide: '(whole report)',
};

/** The UI strings for one language. */
export function stringsFor(lang: ReportLang): ReportStrings {
  return lang === 'en' ? en : zh;
}
