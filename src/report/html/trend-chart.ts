/**
 * The "compliance through the year" chart: an inline SVG drawn here, at render time, so the report
 * needs no script or library to show it and prints as crisply as text. A table carries the same
 * numbers for screen readers, for copying into a spreadsheet and for anyone who prefers digits.
 */
import { VERDICT_KINDS } from '../../core/verdict';
import type { Report } from '../model';
import { text } from './escape';
import type { ReportStrings } from './strings';

const WIDTH = 760;
const HEIGHT = 240;
const PAD = { left: 48, right: 16, top: 16, bottom: 32 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** Beyond this many sweeps a dot per sweep is clutter; the line alone reads better. */
const MAX_DOTS = 60;

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

function fmt(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '');
}

/** A percentage for display, or the "not judged" text. */
export function percent(rate: number | null, s: ReportStrings): string {
  return rate === null ? s.notJudged : `${(rate * 100).toFixed(1)}%`;
}

/** The SVG chart of report.trend over the plan year, plus its data table. */
export function renderTrend(report: Report, s: ReportStrings): string {
  const trend = report.trend;
  if (trend.length === 0) return `<p class="muted">${text(s.trendEmpty)}</p>`;
  const year = report.plan.year;
  const first = trend[0]!.asOf;
  const last = trend.at(-1)!.asOf;
  // The x axis spans the plan year, widened when sweeps ran outside it (January reports).
  const from = Math.min(dayNumber(`${year}-01-01`), dayNumber(first));
  const to = Math.max(dayNumber(`${year}-12-31`), dayNumber(last));
  const span = Math.max(1, to - from);
  const x = (iso: string) => PAD.left + ((dayNumber(iso) - from) / span) * PLOT_W;
  const y = (rate: number) => PAD.top + (1 - rate) * PLOT_H;

  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const ty = fmt(y(tick));
    parts.push(
      `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${ty}" y2="${ty}"/>`,
      `<text class="tick" x="${PAD.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${tick * 100}%</text>`,
    );
  }
  for (let month = 1; month <= 12; month += 1) {
    const iso = `${year}-${String(month).padStart(2, '0')}-01`;
    const tx = fmt(x(iso));
    parts.push(
      `<line class="grid month" x1="${tx}" x2="${tx}" y1="${PAD.top}" y2="${PAD.top + PLOT_H}"/>`,
      `<text class="tick" x="${tx}" y="${HEIGHT - 10}">${text(s.monthTick(month))}</text>`,
    );
  }
  // A sweep with nothing judged has no rate: the line breaks there instead of dropping to zero.
  const segments: string[][] = [[]];
  for (const point of trend) {
    if (point.complianceRate === null) {
      if (segments.at(-1)!.length > 0) segments.push([]);
      continue;
    }
    segments.at(-1)!.push(`${fmt(x(point.asOf))},${fmt(y(point.complianceRate))}`);
  }
  for (const points of segments.filter((p) => p.length > 0)) {
    parts.push(`<polyline class="rate" points="${points.join(' ')}"/>`);
  }
  if (trend.length <= MAX_DOTS) {
    for (const point of trend) {
      if (point.complianceRate === null) continue;
      parts.push(
        `<circle class="dot" cx="${fmt(x(point.asOf))}" cy="${fmt(y(point.complianceRate))}" r="3"><title>${text(point.asOf)}: ${text(percent(point.complianceRate, s))}</title></circle>`,
      );
    }
  }
  const svg = `<svg class="trend" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="trend-title trend-desc" preserveAspectRatio="xMidYMid meet"><title id="trend-title">${text(s.trendTitle)}</title><desc id="trend-desc">${text(s.trendDescription(trend.length, first, last))}</desc>${parts.join('')}</svg>`;

  const head = VERDICT_KINDS.map((k) => `<th scope="col">${text(s.verdicts[k].label)}</th>`).join('');
  const rows = trend
    .map(
      (p) =>
        `<tr><th scope="row">${text(p.asOf)}</th><td>${text(percent(p.complianceRate, s))}</td>${VERDICT_KINDS.map((k) => `<td class="num">${p.counts[k] ?? 0}</td>`).join('')}</tr>`,
    )
    .join('');
  const table = `<details class="trend-data"><summary>${text(s.trendTable)}</summary><div class="scroll"><table><caption class="vh">${text(s.trendTable)}</caption><thead><tr><th scope="col">${text(s.date)}</th><th scope="col">${text(s.complianceRate)}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div></details>`;
  return `<figure class="chart">${svg}<figcaption>${text(s.trendTitle)} — ${text(s.complianceRateNote)}</figcaption></figure>${table}`;
}
