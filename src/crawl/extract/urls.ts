/** Link resolution rules shared by list, pagination and detail extraction. */

/** File types that are evidence in their own right when a notice links them. */
const ATTACHMENT_PATH = /\.(pdf|docx?|xlsx?|csv|wps|zip|rar|et|pptx?|ofd)$/i;

/**
 * Resolves an href against the page URL; null for links that lead nowhere a crawler can go
 * (javascript:, mailto:, bare fragments, unparseable text). The fragment is dropped.
 */
export function resolveHref(href: string | undefined | null, base: string): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith('#') || /^(javascript|mailto|tel|data|vbscript):/i.test(trimmed))
    return null;
  try {
    const url = new URL(trimmed, base);
    // file: links only make sense on a page read from disk; from a web page they would reach the crawler's own disk.
    const allowed = base.startsWith('file:') ? ['http:', 'https:', 'file:'] : ['http:', 'https:'];
    if (!allowed.includes(url.protocol)) return null;
    url.hash = '';
    // Userinfo in a link is never sent and must not be stored or reported with the document's URL.
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return null;
  }
}

/** True when the URL points straight at a document file (PDF, Word, WPS, Excel, OFD, archives…). */
export function isAttachmentUrl(url: string): boolean {
  try {
    return ATTACHMENT_PATH.test(decodeURIComponent(new URL(url).pathname));
  } catch {
    return ATTACHMENT_PATH.test(url.split(/[?#]/)[0] ?? '');
  }
}

export function sameHost(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol.replace('https', 'http') === y.protocol.replace('https', 'http') && x.host === y.host;
  } catch {
    return false;
  }
}

/** The last path segment, decoded: the name to show for an attachment whose link has no text. */
export function fileNameOf(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').pop() ?? '';
    return decodeURIComponent(segment);
  } catch {
    return url;
  }
}
