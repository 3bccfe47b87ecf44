/**
 * A synthetic report with the website-inspection veto rules over four sites as of 2016-10-17,
 * judged by the real core (expandObligations, forecastSites, judgeSiteRule) from hand-written
 * checks and documents:
 *
 * - 甲 (jm-jia): home page's newest item 2016-09-01, so the home-stale veto tripped on 2016-09-16;
 * - 乙 (jm-yi): home page's newest item 2016-10-10, so it trips on 2016-10-25, in 8 days (warning);
 * - 丙 (jm-bing, a hostile name): home updated on the day, trips 2016-11-01, in 15 days (outside
 *   the 14-day window); an undated notice column, a blank column, two undated items still listed
 *   (one with a hostile title) and one that vanished;
 * - 丁 (jm-ding): never read, no data.
 */
import { createHash } from 'node:crypto';
import type { Document } from '../../../src/core/document';
import { expandObligations } from '../../../src/core/expand-obligations';
import { type Catalogue, CatalogueSchema } from '../../../src/core/obligation';
import { forecastSites } from '../../../src/core/site-forecast';
import { judgeSiteRule } from '../../../src/core/site-verdicts';
import type { Source, SourcesFile } from '../../../src/core/source';
import { SourceSchema } from '../../../src/core/source';
import type { Verdict } from '../../../src/core/verdict';
import { buildReport, type ReportInput } from '../../../src/report/build-report';
import type { Report } from '../../../src/report/model';
import type { HealthCheck } from '../../../src/store/ports';

export const AS_OF = '2016-10-17';
export const PACK_TITLE = '政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）';
export const HOSTILE_SITE = '江门市<b>丙</b>局网站';
export const HOSTILE_UNDATED_TITLE = '<img src=x onerror=alert(1)>关于征求意见的通知';
export const VANISHED_TITLE = '已撤下的无日期通知';
export const UNDATED_TITLE = '办事指南（无日期）';

const CHECKED_AT = '2016-10-17T02:00:00.000Z';

export function sha(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function archivedPath(hash: string): string {
  return `../archive/sha256/${hash.slice(0, 2)}/${hash}.html`;
}

function vetoObligation(id: string, item: number, task: string, site: object) {
  return {
    id,
    item,
    category: '单项否决指标',
    task,
    units: [],
    unitsCarried: false,
    deadlineText: '每月检查',
    schedule: { kind: 'monthly', graceWorkingDays: 0 },
    review: [],
    source: { reference: PACK_TITLE },
    scope: 'each-site',
    pack: 'website-inspection-2019',
    evidence: { site: { ...site, veto: true } },
  };
}

/** One plan obligation and the five single-veto rules of the website-inspection pack. */
export const catalogue: Catalogue = CatalogueSchema.parse({
  plan: { issuer: '江门市', year: 2016 },
  obligations: [
    {
      id: 'budget-disclosure',
      item: 12,
      category: null,
      task: '公开市级部门预算',
      units: ['市财政局'],
      unitsCarried: false,
      deadlineText: null,
      schedule: { kind: 'once', dates: ['2016-05-31'] },
      review: [],
      source: { lines: [40, 41] },
      evidence: { keywords: ['预算'] },
    },
    vetoObligation('website-home-stale', 1, '首页栏目2周内有更新', {
      measure: 'stale-columns',
      groups: [{ columnKinds: ['home'], maxAge: { days: 14 } }],
    }),
    vetoObligation('website-unreachable', 5, '站点可用', { measure: 'availability' }),
    vetoObligation('website-veto-stale-columns', 6, '栏目不更新累计不超过5个', {
      measure: 'stale-columns',
      groups: [
        { columnKinds: ['news'], maxAge: { days: 14 } },
        { columnKinds: ['notice', 'policy'], maxAge: { months: 6 } },
      ],
      atLeast: 5,
    }),
    vetoObligation('website-veto-long-stale-columns', 7, '长期未更新栏目不超过10个', {
      measure: 'stale-columns',
      groups: [
        { columnKinds: ['news', 'notice', 'policy', 'data', 'budget', 'other'], maxAge: { months: 12 } },
      ],
      atLeast: 10,
    }),
    vetoObligation('website-veto-blank-columns', 8, '空白栏目不超过5个', {
      measure: 'blank-columns',
      atLeast: 5,
    }),
  ],
});

const sources: Source[] = [
  {
    id: 'jm-ding',
    units: ['市丁局'],
    name: '江门市丁局网站',
    homepage: 'http://ding.jiangmen.gov.cn/',
    columns: [{ id: 'ding-news', name: '工作动态', url: 'http://ding.jiangmen.gov.cn/gzdt/', kind: 'news' }],
  },
  {
    id: 'jm-bing',
    units: ['市"丙"局'],
    name: HOSTILE_SITE,
    homepage: 'http://bing.jiangmen.gov.cn/',
    columns: [
      { id: 'bing-tzgg', name: '通知公告', url: 'http://bing.jiangmen.gov.cn/tzgg/', kind: 'notice' },
      { id: 'bing-blank', name: '专题专栏', url: 'http://bing.jiangmen.gov.cn/ztzl/', kind: 'other' },
    ],
  },
  {
    id: 'jm-yi',
    units: ['市乙局', '市乙局下属中心'],
    name: '江门市乙局网站',
    homepage: 'http://yi.jiangmen.gov.cn/',
    columns: [{ id: 'yi-news', name: '工作动态', url: 'http://yi.jiangmen.gov.cn/gzdt/', kind: 'news' }],
  },
  {
    id: 'jm-jia',
    units: ['市甲局'],
    name: '江门市甲局网站',
    homepage: 'http://jia.jiangmen.gov.cn/',
    columns: [{ id: 'jia-news', name: '工作动态', url: 'http://jia.jiangmen.gov.cn/gzdt/', kind: 'news' }],
  },
].map((s) => SourceSchema.parse(s));

function check(
  source: Source,
  columnId: string | undefined,
  stats: { itemCount: number; undatedCount?: number; newestItemDate: string | null },
): HealthCheck {
  const url = columnId ? source.columns.find((c) => c.id === columnId)!.url : source.homepage;
  return {
    sourceId: source.id,
    ...(columnId ? { columnId } : {}),
    url,
    checkedAt: CHECKED_AT,
    ok: true,
    status: 200,
    latencyMs: 320,
    undatedCount: 0,
    ...stats,
    sha256: sha(`${url} as read ${CHECKED_AT}`),
  };
}

const site = (id: string) => sources.find((s) => s.id === id)!;

const checks = new Map<string, HealthCheck[]>([
  [
    'jm-jia',
    [
      check(site('jm-jia'), undefined, { itemCount: 10, undatedCount: 2, newestItemDate: '2016-09-01' }),
      check(site('jm-jia'), 'jia-news', { itemCount: 8, newestItemDate: '2016-10-12' }),
    ],
  ],
  [
    'jm-yi',
    [
      check(site('jm-yi'), undefined, { itemCount: 12, newestItemDate: '2016-10-10' }),
      check(site('jm-yi'), 'yi-news', { itemCount: 5, newestItemDate: '2016-10-14' }),
    ],
  ],
  [
    'jm-bing',
    [
      check(site('jm-bing'), undefined, { itemCount: 9, newestItemDate: AS_OF }),
      check(site('jm-bing'), 'bing-tzgg', { itemCount: 3, undatedCount: 3, newestItemDate: null }),
      check(site('jm-bing'), 'bing-blank', { itemCount: 0, newestItemDate: null }),
    ],
  ],
]);

function document(url: string, title: string, more: Partial<Document> = {}): Document {
  return {
    url,
    sourceId: 'jm-bing',
    columnId: 'bing-tzgg',
    columnKind: 'notice',
    units: ['市"丙"局'],
    title,
    dateText: null,
    date: null,
    dateOrigin: 'none',
    firstSeen: '2016-10-03T02:00:00.000Z',
    lastSeen: CHECKED_AT,
    sha256: sha(url),
    attachments: [],
    absences: [],
    ...more,
  };
}

const documents: Document[] = [
  document('http://bing.jiangmen.gov.cn/tzgg/a1.html', HOSTILE_UNDATED_TITLE, { dateText: '日期：待定' }),
  document('http://bing.jiangmen.gov.cn/tzgg/a2.html', UNDATED_TITLE, {
    firstSeen: '2016-09-20T02:00:00.000Z',
  }),
  document('http://bing.jiangmen.gov.cn/tzgg/a3.html', VANISHED_TITLE, {
    absences: [{ from: '2016-10-10T02:00:00.000Z', to: null }],
  }),
  document('http://bing.jiangmen.gov.cn/tzgg/a4.html', '关于2016年国庆节放假的通知', {
    date: '2016-09-28',
    dateText: '2016-09-28',
    dateOrigin: 'list',
  }),
];

/** The inputs of buildReport, judged by the core as the sweep judges them. */
export function siteVetoInput(): ReportInput {
  const obligations = expandObligations(catalogue, sources);
  const judged: Catalogue = { ...catalogue, obligations };
  const forecasts = forecastSites({ obligations, sites: sources, checks, asOf: AS_OF, warningDays: 14 });
  const homeStale = obligations.find((o) => o.id === 'website-home-stale--jm-jia')!;
  const period = {
    obligationId: homeStale.id,
    key: '2016-10',
    label: '2016年10月',
    start: '2016-10-01',
    end: '2016-10-31',
    due: '2016-10-31',
    graceWorkingDays: 0,
    warnings: [],
  };
  const judgement = judgeSiteRule(homeStale.id, homeStale.evidence.site!, period, {
    source: site('jm-jia'),
    checks: checks.get('jm-jia')!,
    asOf: AS_OF,
    warningDays: 14,
  });
  const verdict: Verdict = {
    obligationId: homeStale.id,
    periodKey: period.key,
    periodLabel: period.label,
    start: period.start,
    end: period.end,
    due: period.due,
    kind: judgement.kind,
    reasons: judgement.reasons,
    evidence: judgement.evidence,
    candidates: [],
    warnings: [],
  };
  const yiHome = obligations.find((o) => o.id === 'website-home-stale--jm-yi')!;
  const yiJudgement = judgeSiteRule(
    yiHome.id,
    yiHome.evidence.site!,
    { ...period, obligationId: yiHome.id },
    {
      source: site('jm-yi'),
      checks: checks.get('jm-yi')!,
      asOf: AS_OF,
      warningDays: 14,
    },
  );
  const yiVerdict: Verdict = {
    ...verdict,
    obligationId: yiHome.id,
    kind: yiJudgement.kind,
    reasons: yiJudgement.reasons,
    evidence: yiJudgement.evidence,
    ...(yiJudgement.forecast ? { forecast: yiJudgement.forecast } : {}),
  };
  const archived = new Map<string, string>();
  for (const list of checks.values())
    for (const c of list) if (c.sha256) archived.set(c.sha256, archivedPath(c.sha256));
  for (const d of documents) if (d.sha256) archived.set(d.sha256, archivedPath(d.sha256));
  const sourcesFile: SourcesFile = { sources };
  return {
    catalogue: judged,
    sources: sourcesFile,
    asOf: AS_OF,
    runId: 'run-veto',
    generatedAt: '2016-10-17T03:00:00.000Z',
    verdicts: [verdict, yiVerdict],
    documents,
    flags: [],
    checks,
    waivers: [],
    events: [],
    summaries: [],
    warnings: [],
    archived,
    forecasts,
    vetoWarningDays: 14,
  };
}

/** The report model built from siteVetoInput(). */
export function siteVetoReport(): Report {
  return buildReport(siteVetoInput());
}
