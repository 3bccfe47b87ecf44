/**
 * Escaping for the HTML report. Titles, URLs, unit names and reasons come from crawled pages and
 * from the catalogue: every one of them goes through `text` or `attr`, and URLs become links only
 * through `safeHref`.
 */
import { escapeMarkup } from '../../core/escape-markup';
import { withoutBidiControls } from '../../core/visible-text';

/**
 * Escapes text for element content and for quoted attribute values alike, and drops bidirectional
 * controls, so no title, reason, unit name or error message can reverse what a reader sees.
 */
export function text(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return escapeMarkup(withoutBidiControls(String(value)));
}

/** Same escaping as `text`; named for where it is used, so reviews can see every attribute. */
export const attr = text;

// Browsers drop ASCII tab and line breaks anywhere in a URL and leading/trailing C0 controls and
// spaces, so `java\tscript:` is `javascript:` to them: the scheme test must see what they see.
const IGNORED_IN_URLS = /[\u0000-\u0020\u007f]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * The href for a URL taken from data, or null when it must not become a link. Allowed: absolute
 * http(s) URLs and relative paths (archived copies next to the report). Refused: every other
 * scheme (javascript:, data:, vbscript:, file:…) and protocol-relative `//host` links, which on a
 * report opened from disk would point at a network share.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const seen = url.replace(IGNORED_IN_URLS, '');
  if (seen === '') return null;
  const scheme = SCHEME.exec(seen)?.[1]?.toLowerCase();
  if (scheme !== undefined) return scheme === 'http' || scheme === 'https' ? url.trim() : null;
  if (/^[/\\]{2}/.test(seen)) return null;
  return url.trim();
}

/** True when a link leaves the report's folder (opens a web page rather than an archived copy). */
export function isExternal(href: string): boolean {
  return /^https?:/i.test(href.replace(IGNORED_IN_URLS, ''));
}
