/**
 * The shape of the HTML report's UI strings and the choice of language. The strings themselves are
 * in strings-zh.ts (the default: supervisors read Chinese) and strings-en.ts; the first screen's,
 * the notice's and the roll-up's in strings-now.ts, strings-notice.ts and strings-province.ts. Data
 * taken from plans and web pages is never translated: it stays as published.
 */
import type { VerdictKind } from '../../core/verdict';
import { REPORT_EN } from './strings-en';
import type { NowStrings } from './strings-now';
import { REPORT_ZH } from './strings-zh';

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

/** The UI strings for one language. */
export function stringsFor(lang: ReportLang): ReportStrings {
  return lang === 'en' ? REPORT_EN : REPORT_ZH;
}
