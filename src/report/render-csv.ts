import { withoutBidiControls } from '../core/visible-text';
import type { Report } from './model';

/** Excel opens a UTF-8 CSV as UTF-8 (and shows Chinese correctly) only when it starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

const HEADER = [
  'obligation_id',
  'item',
  'units',
  'task',
  'schedule',
  'period',
  'period_label',
  'start',
  'end',
  'due',
  'verdict',
  'reasons',
  'evidence_urls',
  'archived_copies',
  'sha256',
  'warnings',
  'pack',
  'site',
  'forecast',
];

/** Quotes a field when it holds a comma, quote or line break; neutralises spreadsheet formulas. */
export function csvField(value: string | number): string {
  // Bidi controls go first: U+202E would reverse the cell, and "\u202E=1+1" still runs as a formula.
  let text = withoutBidiControls(String(value));
  // A cell starting with = + - @ would run as a formula in Excel: a page title must never do that.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One row per obligation-period, with verdict, due date and evidence links. Rule-pack rows name
 * their pack (their `item` is the pack's indicator number), the site they judge, and for site
 * rules that hold, the day they trip if nothing new is published.
 */
export function renderCsv(report: Report): string {
  const rows = [HEADER.join(',')];
  for (const o of report.obligations) {
    for (const p of o.periods) {
      rows.push(
        [
          o.id,
          // Empty for an obligation written by hand: it has no plan item.
          o.item ?? '',
          o.units.join('、'),
          o.task.replace(/\s+/g, ' '),
          o.schedule,
          p.key,
          p.label,
          p.start,
          p.end,
          p.due,
          p.verdict,
          p.reasons.join('；'),
          p.evidence.map((e) => e.url).join(' '),
          p.evidence.map((e) => e.archived ?? '').join(' '),
          p.evidence.map((e) => e.sha256 ?? '').join(' '),
          p.warnings.join('；'),
          o.packTitle ?? o.pack ?? '',
          o.siteName ?? o.site ?? '',
          p.forecast ?? '',
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${UTF8_BOM}${rows.join('\r\n')}\r\n`;
}
