/**
 * The evidence of an absence: a `missing` or `insufficient-data` period has no document to link,
 * so it links what the crawler read of the department's sites by the due date — each column as read
 * (archived copy, SHA-256, when, its newest dated item) — and the error a site answered with when a
 * read failed. An auditor opens the archived column and sees for himself that the document is not
 * there, or sees why nothing could be read.
 */
import type { PageCheck } from '../model';
import { text } from './escape';
import { instant, link } from './markup';
import type { ReportStrings } from './strings';

function pageLine(p: PageCheck, s: ReportStrings): string {
  const page = `${text(p.siteName)} · ${link(p.url, p.url, s, 'original')}`;
  if (!p.ok) {
    const error = p.error ? `: ${text(s.now.sourceError(p.error))}` : p.status ? `: HTTP ${p.status}` : '';
    return `<li class="read-failed">${page} · ${instant(p.checkedAt)} · <strong>${text(s.ev.readFailed)}</strong>${error}</li>`;
  }
  const copy = p.archived
    ? link(p.archived, s.ev.archived, s, 'archived')
    : `<span class="muted">${text(s.ev.archivedMissing)}</span>`;
  const sha = p.sha256 ? ` <code class="sha">${text(p.sha256)}</code>` : '';
  const items = p.itemCount !== undefined ? ` · ${text(s.ev.items(p.itemCount))}` : '';
  const newest =
    p.newestItemDate !== undefined ? ` · ${text(s.ev.newestItem)} ${text(p.newestItemDate ?? s.none)}` : '';
  return `<li>${page} · ${copy}${sha} · ${text(s.ev.checkedAt)} ${instant(p.checkedAt)}${items}${newest}</li>`;
}

/** The block under a period's evidence; nothing when the period cites no page read. */
export function pagesReadByDue(pages: readonly PageCheck[] | undefined, s: ReportStrings): string {
  if (!pages || pages.length === 0) return '';
  return `<div class="ev-read"><p>${text(s.ev.readByDue)}</p><ul class="obs">${pages.map((p) => pageLine(p, s)).join('')}</ul></div>`;
}
