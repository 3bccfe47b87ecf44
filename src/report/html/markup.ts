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

/** The CSP of a page with no script: styles inline, nothing loaded, no form posts. */
export const SCRIPTLESS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The start of a self-contained page, through `<body>`: its language, a Content-Security-Policy that
 * forbids loading anything, no referrer, and its inline styles.
 */
export function documentHead(page: { lang: string; csp: string; title: string; css: string }): string {
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(page.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="gongkai-monitor">
<title>${text(page.title)}</title>
<style>${page.css}</style>
</head>`;
}
