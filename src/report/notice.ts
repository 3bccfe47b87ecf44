/**
 * 整改通知 (rectification notice): what a supervisor sends one department. It lists what that
 * department still owes on the report date — every period whose flag is open, every obligation
 * that cannot be judged, every site whose single veto has tripped — with since when, on what rule,
 * what to publish, and the evidence the finding rests on; then what falls due soon. It is read from
 * the report only, so it says nothing the report does not.
 */
import { addDays, daysBetween } from '../core/dates';
import type { ObligationGroup, Report, ReportObligation, ReportPeriod, ReportSiteVeto } from './model';

export interface NoticePeriod {
  period: ReportPeriod;
  /** Days from the due date to the report date. */
  daysOverdue: number;
}

export interface NoticeItem {
  obligation: ReportObligation;
  group: ObligationGroup;
  /** The periods owed, oldest first. */
  periods: NoticePeriod[];
  /** The oldest due date among them: overdue since. */
  since: string;
  state: 'missing' | 'insufficient-data';
}

export interface DueSoonItem {
  obligation: ReportObligation;
  period: ReportPeriod;
  /** Days left to the due date (0: due today). */
  daysLeft: number;
}

export interface RectificationNotice {
  unit: string;
  asOf: string;
  /** The day the department must reply by. */
  replyBy: string;
  items: NoticeItem[];
  vetoes: ReportSiteVeto[];
  dueSoon: DueSoonItem[];
}

/** The default time given to reply: ten days from the report date. */
export const DEFAULT_REPLY_DAYS = 10;

function owedPeriods(o: ReportObligation, openKeys: ReadonlySet<string>, outstanding: ReadonlySet<string>) {
  return o.periods.filter(
    (p) =>
      (p.verdict === 'missing' && openKeys.has(`${o.id}\u0000${p.key}`)) ||
      ((p.verdict === 'missing' || p.verdict === 'insufficient-data') &&
        outstanding.has(`${o.id}\u0000${p.key}`)),
  );
}

/**
 * The notice for `unit` from its department report (see departmentReport): the periods of its
 * obligations that have an open flag (a plan item or annual report published late still puts it
 * right; a website month that can no longer be put right has lapsed and is left out) or that the
 * report lists as outstanding now, most overdue first.
 */
export function buildNotice(
  report: Report,
  unit: string,
  options: { replyBy?: string; replyDays?: number } = {},
): RectificationNotice {
  const openKeys = new Set(
    report.flags.filter((f) => f.status === 'open').map((f) => `${f.obligationId}\u0000${f.periodKey}`),
  );
  const outstanding = new Set(
    report.outstanding
      .filter((i) => i.state !== 'due-soon')
      .map((i) => `${i.obligationId}\u0000${i.periodKey}`),
  );
  const items = report.obligations.flatMap((o): NoticeItem[] => {
    const owed = owedPeriods(o, openKeys, outstanding).sort((a, b) => (a.due < b.due ? -1 : 1));
    const first = owed[0];
    if (!first) return [];
    return [
      {
        obligation: o,
        group: o.group,
        periods: owed.map((period) => ({ period, daysOverdue: daysBetween(period.due, report.asOf) })),
        since: first.due,
        state: owed.some((p) => p.verdict === 'missing') ? 'missing' : 'insufficient-data',
      },
    ];
  });
  items.sort(
    (a, b) =>
      Number(a.state !== 'missing') - Number(b.state !== 'missing') ||
      (a.since < b.since ? -1 : a.since > b.since ? 1 : 0),
  );
  const byId = new Map(report.obligations.map((o) => [o.id, o]));
  const dueSoon = report.outstanding.flatMap((i): DueSoonItem[] => {
    const o = byId.get(i.obligationId);
    const period = o?.periods.find((p) => p.key === i.periodKey);
    return i.state === 'due-soon' && o && period ? [{ obligation: o, period, daysLeft: -i.daysOverdue }] : [];
  });
  return {
    unit,
    asOf: report.asOf,
    replyBy: options.replyBy ?? addDays(report.asOf, options.replyDays ?? DEFAULT_REPLY_DAYS),
    items,
    vetoes: (report.siteVetoes?.sites ?? []).filter((site) => site.state === 'tripped'),
    dueSoon,
  };
}
