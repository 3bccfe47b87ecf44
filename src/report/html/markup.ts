/**
 * Small pieces of markup every section of the HTML report shares: links made only from safe URLs,
 * instants in Beijing time, anchors of obligations.
 */
import { attr, isExternal, safeHref, text } from './escape';
import type { ReportStrings } from './strings';

/** A link when the URL is safe to follow, otherwise the URL as plain text with a note. */
export function link(url: string | null, label: string, s: ReportStrings, className?: string): string {
  const href = safeHref(url);
  const cls = className ? ` class="${attr(className)}"` : '';
  if (href === null) return `${text(label)} <span class="muted">${text(s.ev.unsafeUrl)}</span>`;
  const rel = isExternal(href) ? ' rel="noopener noreferrer" target="_blank"' : ' target="_blank"';
  return `<a${cls} href="${attr(href)}"${rel}>${text(label)}</a>`;
}

/** `YYYY-MM-DD HH:MM` in Beijing time, or null when `iso` is not an instant. */
export function beijingTime(iso: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * An instant shown in Beijing time (the plans' and the supervisors' clock), exact ISO kept in
 * datetime. `zone: false` leaves out the "(UTC+8)" for tables whose heading names the zone once.
 */
export function instant(iso: string | null, zone = true): string {
  if (!iso) return '—';
  const shown = beijingTime(iso);
  if (shown === null) return text(iso);
  return `<time datetime="${attr(iso)}">${text(shown)}${zone ? ' (UTC+8)' : ''}</time>`;
}

/** The fragment id of an obligation's section. */
export function anchorId(obligationId: string): string {
  return `o-${obligationId}`;
}
