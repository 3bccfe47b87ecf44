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

/** An instant shown in Beijing time (the plans' and the supervisors' clock), exact ISO kept in datetime. */
export function instant(iso: string | null): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return text(iso);
  const shown = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return `<time datetime="${attr(iso)}">${text(shown)} (UTC+8)</time>`;
}

/** The fragment id of an obligation's section. */
export function anchorId(obligationId: string): string {
  return `o-${obligationId}`;
}
