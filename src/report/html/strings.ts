/**
 * Every UI string of the HTML report, in Chinese (the default: supervisors read Chinese) and
 * English. Data taken from plans and web pages is never translated: it stays as published.
 */
import type { VerdictKind } from '../../core/verdict';
import { NOW_EN, NOW_ZH, type NowStrings } from './strings-now';

export type ReportLang = 'zh' | 'en';

/** How a verdict is shown: a text label always, plus a shape, so colour is never the only signal. */
export interface VerdictLook {
  label: string;
  /** A glyph present in common system fonts (DejaVu, Segoe UI Symbol, PingFang). */
  icon: string;
  /** One sentence for the legend: how to read the verdict. */
  meaning: string;
}

/** The 政府网站单项否决预警 section. */
export interface VetoStrings {
  intro: (warningDays: number) => string;
  summary: (tripped: number, warn: number, total: number) => string;
  /** A site's state: text label and a shape, never colour alone. */
  state: Record<'tripped' | 'warn' | 'clear' | 'no-data', { label: string; icon: string }>;
  units: string;
  homepage: string;
  next: string;
  nextNone: string;
  inDays: (days: number) => string;
  withinWindow: string;
  col: { rule: string; now: string; forecast: string; pages: string };
  trippedSince: (since: string) => string;
  trippedAt: (at: string) => string;
  clear: (count: number, threshold: number) => string;
  noData: string;
  failedChecks: (failed: number, total: number, share: string, from: string, to: string) => string;
  noForecast: string;
  offence: Record<'stale' | 'undated' | 'blank', string>;
  newest: (date: string) => string;
  staleSince: (date: string) => string;
  undatedOf: (undated: number, items: number) => string;
  readAt: string;
  unobserved: (pages: string) => string;
  undatedTitle: (n: number) => string;
  undatedNote: string;
  undatedNone: string;
  homeUndated: (undated: number, items: number) => string;
  shownAs: string;
}

export interface ReportStrings {
  htmlLang: string;
  title: (issuer: string, year: number) => string;
  asOf: string;
  generatedAt: string;
  runId: string;
  otherLanguage: string;
  /** Header notice: periods due in a year the working-day calendar has no holiday data for. */
  calendarGap(year: number, periods: number, firstDue: string): string;
  calendarGapFix: string;
  otherLanguageHref: string;
  /** Shown when the browser cannot inflate a large report's compressed rows. */
  lazyFailed: string;
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
    siteVetoes: string;
  };
  verdicts: Record<VerdictKind, VerdictLook>;
  scheduleKinds: Record<string, string>;
  flagStatus: Record<'open' | 'resolved' | 'waived' | 'lapsed', string>;
  evidenceKind: Record<'match' | 'candidate' | 'manual' | 'observation', string>;
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
  /** An obligation's plan item; null for one written by hand into the catalogue. */
  itemNo: (item: number | null) => string;
  meta: {
    id: string;
    units: string;
    category: string;
    schedule: string;
    deadlineText: string;
    verifiable: string;
    decision: string;
    pack: string;
    site: string;
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
    earlierVersions: string;
    shownDate: string;
    publishedOn: string;
    /** The page has since vanished from its column; the archived copy still proves publication. */
    withdrawnOn(date: string): string;
    terms: string;
    score: string;
    reason: string;
    by: string;
    unsafeUrl: string;
    candidates: string;
    noEvidence: string;
    checkedAt: string;
    newestItem: string;
    /** A block identical to one shown under an earlier period: where to find it. */
    sameAs: (period: string) => string;
    /** Missing / insufficient-data periods: the pages read by the due date, and the errors. */
    readByDue: string;
    homePage: string;
    items: (n: number) => string;
    readFailed: string;
  };
  veto: VetoStrings;
  /** 当前待办, kinds of duty, flags: src/report/html/strings-now.ts. */
  now: NowStrings;
  /** 巡检所见页面: the pages site-rule verdicts rest on, once per site card. */
  pagesRead: {
    title: (n: number) => string;
    note: string;
    col: { page: string; checks: string; newest: string; copy: string };
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
    withdrawn: string;
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
  calendarGap: (year, periods, firstDue) =>
    `${year}年没有节假日数据：${periods}个期次的截止日期（最早${firstDue}）按普通工作日推算，可能提前或推后。`,
  calendarGapFix:
    '修正方法：按国务院办公厅公布的当年部分节假日安排，填写日历文件（模板见 seeds/calendars/），在目录的 policy.calendar 中引用，或运行时加 --calendar 文件。',
  otherLanguageHref: 'report.en.html',
  lazyFailed:
    '此浏览器无法展开各期明细、预警记录和巡检所见页面（需要 Chrome/Edge 80、Firefox 113、Safari 16.4 或更新版本）。请换用较新的浏览器打开，或查看 report.csv。',
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
    siteVetoes: '政府网站单项否决预警',
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
  flagStatus: { open: '未处理', resolved: '已补公开', waived: '已豁免', lapsed: '已过期（无法补救）' },
  evidenceKind: {
    match: '自动匹配',
    candidate: '近似（未采纳）',
    manual: '人工录入',
    observation: '巡检所见',
  },
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
  itemNo: (item) => (item === null ? '自定义事项' : `第 ${item} 项`),
  meta: {
    id: '编号',
    units: '责任单位',
    category: '工作任务',
    schedule: '时限',
    deadlineText: '方案原文时限',
    verifiable: '可通过网站核验',
    decision: '处理说明',
    pack: '规则来源',
    site: '网站',
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
    earlierVersions: '此前版本（同一网址的旧标题）',
    shownDate: '页面显示日期',
    publishedOn: '认定发布日期',
    withdrawnOn: (date) => `已于${date}撤下（以存档副本为证）`,
    terms: '匹配词',
    score: '匹配分',
    reason: '依据',
    by: '录入人',
    unsafeUrl: '（网址不是 http/https，未生成链接）',
    candidates: '近似文档（未采纳，供核查）',
    noEvidence: '无证据',
    checkedAt: '巡检时间',
    newestItem: '最新有日期条目',
    sameAs: (period) => `（同 ${period}，详见该期）`,
    readByDue: '截止日期前巡检所读页面（未见该文件）',
    homePage: '首页',
    items: (n) => `${n} 条`,
    readFailed: '读取失败',
  },
  now: NOW_ZH,
  veto: {
    intro: (days) =>
      `按《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）的单项否决项逐站判定：首页2周未更新、站点无法访问、栏目不更新累计5个以上、长期未更新栏目10个以上、空白栏目5个以上。预计日期指此后不再发布新内容时首个否决项触发的日期；${days} 天内将触发的标为“预警”。无发布日期的条目按未更新计。`,
    summary: (tripped, warn, total) =>
      `共 ${total} 个网站：${tripped} 个已触发单项否决，${warn} 个处于预警期。`,
    state: {
      tripped: { label: '已触发单项否决', icon: '✗' },
      warn: { label: '预警', icon: '⚠' },
      clear: { label: '暂未触发', icon: '✓' },
      'no-data': { label: '无数据', icon: '◌' },
    },
    units: '责任单位',
    homepage: '网址',
    next: '预计首个否决',
    nextNone: '无可预测的触发日期',
    inDays: (n) => (n === 0 ? '今天' : `${n} 天后`),
    withinWindow: '预警期内',
    col: { rule: '否决项', now: '当前状态', forecast: '预计触发（若不再更新）', pages: '扣分页面' },
    trippedSince: (since) => `已触发，自 ${since} 起`,
    trippedAt: (at) => `已触发（${at} 判定）`,
    clear: (count, threshold) => `未触发：${count} / ${threshold}`,
    noData: '无数据：尚未成功读取相关页面',
    failedChecks: (failed, total, share, from, to) =>
      `${from} 至 ${to} 共检查 ${total} 次，${failed} 次未能在规定时间内打开（${share}）`,
    noForecast: '—',
    offence: { stale: '未更新', undated: '条目均无日期', blank: '空白栏目' },
    newest: (d) => `最新条目 ${d}`,
    staleSince: (d) => `自 ${d} 起计为未更新`,
    undatedOf: (u, n) => `${n} 条中 ${u} 条无日期`,
    readAt: '读取于',
    unobserved: (pages) => `未能读取（不计入）：${pages}`,
    undatedTitle: (n) => `无发布日期的条目（${n} 条，计为未更新）`,
    undatedNote: '检查时这些条目未显示可识别的发布日期，按检查指标计为未更新。',
    undatedNone: '未发现无日期条目。',
    homeUndated: (u, n) => `首页最近一次检查：${n} 条中 ${u} 条无日期`,
    shownAs: '页面显示',
  },
  pagesRead: {
    title: (n) => `巡检所见页面（${n} 个）`,
    note: '各期次的判定所依据的页面，按巡检时读取的原样存档：同一页面内容未变的多次巡检合为一行。任务各期次中的“巡检所见”链接到这里。',
    col: {
      page: '页面',
      checks: '巡检时间（北京时间）',
      newest: '最新有日期条目',
      copy: '存档副本与 SHA-256',
    },
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
    withdrawn: '证据已撤下',
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
  calendarGap: (year, periods, firstDue) =>
    `No holiday data for ${year}: ${periods} due date${periods === 1 ? '' : 's'} (the first on ${firstDue}) counted on plain weekdays, and may be early or late.`,
  calendarGapFix:
    "To fix: write the State Council's holiday arrangement for that year into a calendar file (template in seeds/calendars/) and name it in the catalogue's policy.calendar, or pass --calendar FILE.",
  otherLanguageHref: 'report.html',
  lazyFailed:
    'This browser cannot unfold the period details, flags and pages as read (Chrome/Edge 80, Firefox 113, Safari 16.4 or newer are needed). Open the report in a newer browser, or see report.csv.',
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
    siteVetoes: 'Website single-veto early warning',
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
  flagStatus: {
    open: 'Open',
    resolved: 'Resolved (published late)',
    waived: 'Waived',
    lapsed: 'Lapsed (cannot be remedied)',
  },
  evidenceKind: {
    match: 'Matched',
    candidate: 'Near miss (not counted)',
    manual: 'Entered manually',
    observation: 'as read at check',
  },
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
  itemNo: (item) => (item === null ? 'Added by hand' : `Item ${item}`),
  meta: {
    id: 'Id',
    units: 'Responsible units',
    category: 'Category',
    schedule: 'Schedule',
    deadlineText: 'Deadline as written in the plan',
    verifiable: 'Checkable on a website',
    decision: 'Decision',
    pack: 'Rule pack',
    site: 'Site',
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
    earlierVersions: 'Earlier versions (older titles at this URL)',
    shownDate: 'Date shown on the page',
    publishedOn: 'Counts as published',
    withdrawnOn: (date) => `withdrawn on ${date} (the archived copy stands)`,
    terms: 'Matched terms',
    score: 'Score',
    reason: 'Why',
    by: 'Entered by',
    unsafeUrl: '(not an http/https address: not linked)',
    candidates: 'Near misses (not counted, for review)',
    noEvidence: 'no evidence',
    checkedAt: 'Checked at',
    newestItem: 'Newest dated item',
    sameAs: (period) => `(as under ${period}: details there)`,
    readByDue: 'Pages read by the due date (the document was not on them)',
    homePage: 'home page',
    items: (n) => `${n} item${n === 1 ? '' : 's'}`,
    readFailed: 'read failed',
  },
  now: NOW_EN,
  veto: {
    intro: (days) =>
      `Each site judged on the single-veto items of the national website-inspection indicators (国办秘函〔2019〕19号): home page not updated for 2 weeks, site unreachable, 5 or more stale columns, 10 or more long-stale columns, 5 or more blank columns. The forecast is the day the first veto trips if nothing new is published; one within ${days} days is a warning. Items without a date count as not updated.`,
    summary: (tripped, warn, total) =>
      `${total} site${total === 1 ? '' : 's'}: ${tripped} with a veto tripped, ${warn} within the warning window.`,
    state: {
      tripped: { label: 'Veto tripped', icon: '✗' },
      warn: { label: 'Warning', icon: '⚠' },
      clear: { label: 'Clear', icon: '✓' },
      'no-data': { label: 'No data', icon: '◌' },
    },
    units: 'Units',
    homepage: 'Address',
    next: 'First veto forecast',
    nextNone: 'no trip date can be forecast',
    inDays: (n) => (n === 0 ? 'today' : `in ${n} day${n === 1 ? '' : 's'}`),
    withinWindow: 'within the warning window',
    col: {
      rule: 'Veto item',
      now: 'Now',
      forecast: 'Trips on (if nothing is published)',
      pages: 'Pages counted',
    },
    trippedSince: (since) => `tripped since ${since}`,
    trippedAt: (at) => `tripped (as judged on ${at})`,
    clear: (count, threshold) => `clear: ${count} of ${threshold}`,
    noData: 'no data: the pages it needs were never read',
    failedChecks: (failed, total, share, from, to) =>
      `${failed} of ${total} checks from ${from} to ${to} failed to open in time (${share})`,
    noForecast: '—',
    offence: { stale: 'not updated', undated: 'no dated item', blank: 'blank column' },
    newest: (d) => `newest item ${d}`,
    staleSince: (d) => `not updated since ${d}`,
    undatedOf: (u, n) => `${u} of ${n} items undated`,
    readAt: 'read at',
    unobserved: (pages) => `never read (not counted): ${pages}`,
    undatedTitle: (n) => `Items with no publication date (${n}, counted as not updated)`,
    undatedNote: 'These items showed no date the monitor could read; inspectors count them as not updated.',
    undatedNone: 'No undated items found.',
    homeUndated: (u, n) => `Home page at its last check: ${u} of ${n} items undated`,
    shownAs: 'shown as',
  },
  pagesRead: {
    title: (n) => `Pages as read (${n})`,
    note: 'The pages the period verdicts rest on, archived as read at the check; checks that read the same bytes of a page share one row. The “as read at check” entries under each obligation link here.',
    col: {
      page: 'Page',
      checks: 'Checked at (UTC+8)',
      newest: 'Newest dated item',
      copy: 'Archived copy and SHA-256',
    },
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
    withdrawn: 'Evidence withdrawn',
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
