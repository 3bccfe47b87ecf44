/**
 * Whether a fetched page or file looks like the content it stands for, and how a failed fetch reads
 * in a reason line. Evidence is what was fetched, archived and looks like content: a 200 "页面不存在"
 * page, an HTML login form served as a .pdf, or an empty body is archived (an auditor can open what
 * the site served) but never counts.
 */
import type { FetchProblem } from '../core/document';
import { textOf } from './extract';
import { parseIndexed } from './extract/dom';
import type { FetchedBody, FetchFailure } from './fetch';

/** Phrases of the error pages Chinese government CMSs answer with status 200. */
const SOFT_404 =
  /页面不存在|您访问的页面不存在|页面未找到|找不到(?:该|您要访问的|你要访问的)?页面|页面找不到|该页面已(?:被)?删除|信息不存在|文章不存在|内容不存在|稿件不存在|页面已失效|链接已失效|404\s*(?:错误|error|not found)|not found/i;
/**
 * A bare 404 counts only in the page's <title>, and only as its one number: 江府函〔2016〕404号 is a
 * document number, “404 - 江门市人民政府” an error page.
 */
function title404(title: string): RegExpExecArray | null {
  const found = /(?:^|[^0-9])404(?:[^0-9]|$)/.exec(title);
  return found && !/\d/.test(title.replaceAll('404', '')) ? found : null;
}
const LOGIN = /登录|登陆|用户名|密码|验证码|统一身份认证|log ?in|sign ?in|password/i;
/** Visible text below which a page says nothing (an empty template, a bare error). */
const MIN_TEXT_CHARS = 10;
/** Error pages are short; a long page mentioning 404 is an article. */
const SHORT_PAGE_CHARS = 600;
const MIN_FILE_BYTES = 32;

const FILE_KINDS: Record<string, string> = {
  pdf: 'PDF',
  doc: 'Word file',
  docx: 'Word file',
  xls: 'Excel file',
  xlsx: 'Excel file',
  wps: 'WPS file',
  et: 'WPS file',
  ppt: 'PowerPoint file',
  pptx: 'PowerPoint file',
  ofd: 'OFD file',
  zip: 'ZIP archive',
  rar: 'RAR archive',
  '7z': '7z archive',
};

/** The file type a URL's path names (`.pdf` → pdf), or null for pages. */
export function fileExtension(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0] ?? url;
  }
  const ext = /\.([a-z0-9]{1,4})$/i.exec(path)?.[1]?.toLowerCase();
  return ext && ext in FILE_KINDS ? ext : null;
}

const ascii = (body: Uint8Array, bytes: number) =>
  Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, bytes)).toString('latin1');

/** Whether the bytes are an HTML document, whatever the server called them. */
function sniffsHtml(body: Uint8Array): boolean {
  const head = ascii(body, 1024)
    .replace(/^\ufeff|^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith('<') && /<(?:!doctype html|html|head|body|title|meta|script|div|form)[\s>]/.test(head)
  );
}

/** Whether a file's first bytes fit its extension; only PDF is strict (Office files are renamed freely). */
function fitsExtension(ext: string, body: Uint8Array): boolean {
  if (ext === 'pdf') return ascii(body, 1024).includes('%PDF-');
  return true;
}

/**
 * Why a fetched body is not content for `what` ("detail page", "attachment “x”"), or null when it
 * looks like content. `text` is the decoded HTML when the body is a page.
 */
export function contentProblem(
  page: Pick<FetchedBody, 'finalUrl' | 'url' | 'body'>,
  what: string,
  text?: string,
): FetchProblem | null {
  const ext = fileExtension(page.url) ?? fileExtension(page.finalUrl);
  const html = text !== undefined || sniffsHtml(page.body);
  if (ext) {
    const kind = FILE_KINDS[ext]!;
    if (html) {
      const shown = text ?? Buffer.from(page.body).toString('utf8');
      const login = LOGIN.test(visiblePart(shown).text) || /type\s*=\s*["']?password/i.test(shown);
      return { reason: `${what}: ${login ? 'login page' : 'HTML page'} served as ${kind}`, unread: false };
    }
    if (page.body.byteLength < MIN_FILE_BYTES)
      return { reason: `${what}: empty file (${page.body.byteLength} bytes)`, unread: false };
    if (!fitsExtension(ext, page.body))
      return { reason: `${what}: not a ${kind} (its content does not start like one)`, unread: false };
    return null;
  }
  if (!html) {
    return page.body.byteLength < MIN_FILE_BYTES
      ? { reason: `${what}: empty file (${page.body.byteLength} bytes)`, unread: false }
      : null;
  }
  const { title, text: visible } = visiblePart(text ?? Buffer.from(page.body).toString('utf8'));
  const soft =
    SOFT_404.exec(title) ??
    title404(title) ??
    (visible.length <= SHORT_PAGE_CHARS ? SOFT_404.exec(visible) : null);
  if (soft) return { reason: `${what}: error page (“${soft[0].trim()}”)`, unread: false };
  if (
    /type\s*=\s*["']?password/i.test(text ?? '') &&
    LOGIN.test(`${title} ${visible}`) &&
    visible.length <= SHORT_PAGE_CHARS
  )
    return { reason: `${what}: login page instead of the document`, unread: false };
  const chars = visible.replace(/\s/g, '').length;
  if (chars < MIN_TEXT_CHARS)
    return { reason: `${what}: nearly empty page (${chars} characters of text)`, unread: false };
  return null;
}

function visiblePart(html: string): { title: string; text: string } {
  const page = parseIndexed(html, ['title', 'body']);
  const title = page.tagged('title')[0];
  const body = page.tagged('body')[0] ?? page.document;
  return { title: title ? textOf(title, 500) : '', text: textOf(body, 20_000) };
}

const UNREAD_REASONS = new Set([
  'deadline',
  'timeout',
  'too-large',
  'decompression-failed',
  'redirect-loop',
  'too-many-redirects',
  'network',
  'blocked-robots',
  'host-not-allowed',
]);

/** How a failed fetch of `what` reads in a reason line, and whether it left the page unread. */
export function fetchProblem(result: FetchFailure, what: string): FetchProblem {
  if (result.reason === 'http-status') {
    const status = result.status ?? 0;
    const unread = status === 429 || status >= 500 || status === 408;
    const note = status === 429 ? ' (too many requests)' : '';
    return { reason: `${what} answered HTTP ${status}${note}`, unread };
  }
  if (result.reason === 'host-not-allowed') {
    const host = safeHost(result.finalUrl ?? result.url);
    return {
      reason: `${what} not fetched: other host${host ? ` ${host}` : ''} (list it in the source's hosts if it belongs to the same government)`,
      unread: true,
    };
  }
  if (result.reason === 'blocked-robots')
    return { reason: `${what} not fetched: robots.txt disallows it`, unread: true };
  if (result.reason === 'too-large')
    return { reason: `${what} refused as too large: ${result.message}`, unread: true };
  if (result.reason === 'blocked-ssrf')
    return { reason: `${what} not fetched: it lies on a private or reserved address`, unread: false };
  if (result.reason === 'invalid-url')
    return { reason: `${what} not fetched: not an http(s) address`, unread: false };
  return {
    reason: `${what} not read (${result.reason}): ${result.message}`,
    unread: UNREAD_REASONS.has(result.reason),
  };
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
