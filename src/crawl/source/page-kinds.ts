/** What kind of page a crawl got: HTML, list markup, or (by its address) a file. */
import { classifyContentType, type FetchedBody, isXmlType } from '../fetch';

/** An HTML page, or a page whose server named no type. */
export function isHtml(result: FetchedBody): boolean {
  const kind = classifyContentType(result.contentType);
  return kind === 'html' || (kind === 'other' && !result.contentType);
}

/** A list page is HTML, or the XML a list's paging endpoint answers (Hanweb's dataproxy.jsp). */
export function isListMarkup(result: FetchedBody): boolean {
  return isHtml(result) || isXmlType(result.contentType);
}

/** A link to a file (PDF, office document, archive) rather than a detail page. */
export function looksLikeFile(url: string): boolean {
  return /\.(pdf|docx?|xlsx?|wps|et|pptx?|zip|rar|7z|ofd|txt|csv)(\?|#|$)/i.test(url);
}
