/**
 * The on-time rate of one kind of duty month by month: of the periods due in each month, the share
 * published on time (met ÷ (met + late + missing)). Unlike the sweep-by-sweep rate, which carries
 * the whole year so far and flattens as the year goes on, this shows which months went wrong, and it
 * needs nothing but the verdicts, so a department's report and a province roll-up have it too.
 */
import type { ReportObligation } from './model';

/** One month of the trend; `judged` 0 means nothing due that month was judged (rate null). */
export interface MonthRate {
  month: string;
  judged: number;
  complianceRate: number | null;
}

/**
 * Months in order, from the first month any period falls due in to the last month with a judged
 * period (gaps kept): months whose periods are all still to come (due soon, pending) are no trend.
 */
export function ratesByDueMonth(obligations: readonly Pick<ReportObligation, 'periods'>[]): MonthRate[] {
  const months = new Map<string, { met: number; judged: number }>();
  for (const o of obligations)
    for (const p of o.periods) {
      const month = p.due.slice(0, 7);
      const m = months.get(month) ?? { met: 0, judged: 0 };
      months.set(month, m);
      if (p.verdict === 'met' || p.verdict === 'late' || p.verdict === 'missing') {
        m.judged += 1;
        if (p.verdict === 'met') m.met += 1;
      }
    }
  const keys = [...months.keys()].sort();
  const last = keys.findLast((month) => months.get(month)!.judged > 0);
  if (last === undefined) return [];
  const out: MonthRate[] = [];
  for (let month = keys[0]!; month <= last; month = nextMonth(month)) {
    const m = months.get(month) ?? { met: 0, judged: 0 };
    out.push({
      month,
      judged: m.judged,
      complianceRate: m.judged === 0 ? null : Math.round((m.met / m.judged) * 1000) / 1000,
    });
  }
  return out;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
