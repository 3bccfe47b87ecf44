/**
 * Reading a list item's own page: the detail page (or the file it links to), its attachments, the
 * evidence checks of what came back, the personal-data scan, and how a page read again updates the
 * document already stored.
 */
import type { Attachment, Document } from '../../core/document';
import { afterReread } from '../../core/privacy';
import type { Column } from '../../core/source';
import { visibleText } from '../../core/visible-text';
import { contentProblem, fetchProblem } from '../evidence-check';
import { completesCutTitle, decodeHtml, extractDetail, isCutTitle, type ListItem } from '../extract';
import { PersonalDataCollector } from '../personal-data';
import { archivePage } from './archiving';
import { type ColumnOutcome, emptyOutcome } from './column-outcome';
import type { CrawlScope } from './crawl-context';
import { describeFailure } from './page-checks';
import { isHtml, looksLikeFile } from './page-kinds';
import type { PageRead } from './pass-budget';

const ATTACHMENTS_PER_ITEM = 5;

/**
 * Reads an item's page as `discover` does, counting its requests in `outcome`. Undefined when the
 * pause cut the page or one of its attachments off: nothing of it is written and its failures are
 * not counted (the next pass reads it whole).
 */
export async function readItem(
  scope: CrawlScope,
  column: Column,
  item: ListItem,
  outcome: ColumnOutcome,
): Promise<Document | undefined> {
  const read: PageRead = { paused: false };
  const own = emptyOutcome();
  const doc = await discover(scope, column, item, own, read);
  outcome.pages += own.pages;
  outcome.bytes += own.bytes;
  outcome.cut ||= own.cut;
  if (read.paused) return undefined;
  outcome.errors += own.errors;
  return doc;
}

/** A new item: fetch its page (or the file it links to), archive it, read its date and attachments. */
async function discover(
  scope: CrawlScope,
  column: Column,
  item: ListItem,
  outcome: ColumnOutcome,
  read?: PageRead,
): Promise<Document> {
  const { source, ctx, limits, checkedAt } = scope;
  const doc: Document = {
    url: item.url,
    sourceId: source.id,
    columnId: column.id,
    columnKind: column.kind,
    units: source.units,
    title: item.title,
    dateText: item.dateText,
    date: item.date,
    dateOrigin: item.dateOrigin,
    urlDate: item.urlDate ?? null,
    firstSeen: checkedAt,
    lastSeen: checkedAt,
    sha256: null,
    fetchedAt: null,
    problem: null,
    attachments: item.attachments.map((a) => ({ url: a.url, name: a.name })),
    absences: [],
  };
  if (!limits.fetchDetails) {
    doc.problem = { reason: 'detail page not fetched: this source has fetchDetails off', unread: true };
    return doc;
  }
  const file = looksLikeFile(item.url);
  const what = file ? 'file' : 'detail page';
  const page = await scope.budget.fetch(item.url, outcome, {}, read);
  if (!page.ok || page.notModified) {
    outcome.errors += page.ok ? 0 : 1;
    doc.problem = page.ok
      ? { reason: `${what} answered HTTP 304 to a request that was not conditional`, unread: true }
      : fetchProblem(page, what);
    return doc;
  }
  outcome.pages += 1;
  outcome.bytes += page.body.byteLength;
  doc.fetchedAt = ctx.now().toISOString();
  // The page is read while the archive writes it; the document waits for both. Error pages are
  // archived too: an auditor can open what the site served instead of the document.
  const archiving = archivePage(scope, page);
  const privacy = personalData(scope);
  if (file || !isHtml(page)) {
    const archived = await archiving;
    doc.sha256 = archived.sha256;
    doc.archiveKey = archived.key;
    doc.problem = contentProblem(page, what);
    doc.attachments = mergeAttachments(doc.attachments, [
      {
        url: item.url,
        name: item.title,
        sha256: archived.sha256,
        archiveKey: archived.key,
        ...(doc.problem ? { problem: doc.problem } : {}),
      },
    ]);
    await privacy?.scan(page, archived.sha256);
    return withPersonalData(scope, doc, privacy);
  }
  const { text } = decodeHtml(page.body, {
    contentTypeHeader: page.contentType,
    charsetHint: source.charset,
  });
  doc.problem = contentProblem(page, what, text);
  const archived = await archiving;
  doc.sha256 = archived.sha256;
  doc.archiveKey = archived.key;
  // An error page's date and links say nothing about the document.
  if (doc.problem) return doc;
  // The crawler keeps the date, title and attachments; the article text is not stored, so not read.
  const detail = extractDetail(text, { url: page.finalUrl, maxTextChars: 0 });
  await privacy?.scan(page, doc.sha256);
  if (!doc.date && detail.date) {
    doc.date = detail.date;
    doc.dateText = detail.dateText;
    doc.dateOrigin = detail.dateOrigin;
  }
  // A list that cut the title short (`关于…的通...`) leaves the whole title to the detail page.
  if (detail.title && (!doc.title || completesCutTitle(detail.title, doc.title))) doc.title = detail.title;
  const attachments = mergeAttachments(doc.attachments, detail.attachments);
  doc.attachments = await fetchAttachments(scope, attachments, outcome, privacy, read);
  return withPersonalData(scope, doc, privacy);
}

function personalData(scope: CrawlScope): PersonalDataCollector | undefined {
  return scope.ctx.scanPersonalData === false ? undefined : new PersonalDataCollector(scope.source.charset);
}

function withPersonalData(
  scope: CrawlScope,
  doc: Document,
  privacy: PersonalDataCollector | undefined,
): Document {
  const scan = privacy?.result(scope.checkedAt);
  return scan ? { ...doc, personalData: scan } : doc;
}

async function fetchAttachments(
  scope: CrawlScope,
  attachments: Attachment[],
  outcome: ColumnOutcome,
  privacy?: PersonalDataCollector,
  read?: PageRead,
): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const [i, attachment] of attachments.entries()) {
    if (i >= ATTACHMENTS_PER_ITEM || attachment.sha256) {
      out.push(attachment);
      continue;
    }
    const what = `attachment “${attachment.name}”`;
    const file = await scope.budget.fetch(attachment.url, outcome, {}, read);
    if (!file.ok || file.notModified) {
      outcome.errors += file.ok ? 0 : 1;
      if (!file.ok && file.reason === 'too-large') privacy?.notFetched(attachment.url, describeFailure(file));
      const problem = file.ok
        ? { reason: `${what} answered HTTP 304 to a request that was not conditional`, unread: true }
        : fetchProblem(file, what);
      out.push({ ...attachment, problem });
      continue;
    }
    outcome.pages += 1;
    outcome.bytes += file.body.byteLength;
    const archived = await archivePage(scope, file);
    await privacy?.scan(file, archived.sha256);
    const problem = contentProblem(file, what);
    out.push({
      ...attachment,
      sha256: archived.sha256,
      archiveKey: archived.key,
      ...(problem ? { problem } : {}),
    });
  }
  return out;
}

/**
 * A known item whose page was read again: a new title makes a new version (first-seen restarts,
 * the old title, hash and times are kept in `versions`); otherwise the page's fetch outcome is
 * updated and the item keeps its first-seen.
 */
export function reread(scope: CrawlScope, existing: Document, read: Document, item: ListItem): Document {
  const present = refresh(scope, existing);
  if (retitled(existing, item)) {
    const version = {
      title: existing.title,
      firstSeen: existing.firstSeen,
      lastSeen: existing.lastSeen,
      sha256: existing.sha256,
      ...(existing.fetchedAt !== undefined ? { fetchedAt: existing.fetchedAt } : {}),
    };
    return { ...read, versions: [...(existing.versions ?? []), version] };
  }
  // A good page read again only for personal data keeps its reading when this read fails.
  if (!existing.problem && read.problem) return present;
  const readInFull = !read.problem && read.attachments.every((a) => a.sha256 && !a.problem);
  const personalData = afterReread(existing.personalData, read.personalData, scope.checkedAt, readInFull);
  return {
    ...present,
    ...(personalData ? { personalData } : {}),
    // The hash and the archive key of one copy go together: both from this read, or both kept.
    ...(read.sha256 ? { sha256: read.sha256, archiveKey: read.archiveKey } : {}),
    fetchedAt: read.fetchedAt ?? existing.fetchedAt ?? null,
    problem: read.problem ?? null,
    attachments: read.attachments,
    ...(existing.date ? {} : { date: read.date, dateText: read.dateText, dateOrigin: read.dateOrigin }),
  };
}

/** A known item seen again: only a return from absence changes it (a new title is reread above). */
export function refresh(scope: CrawlScope, doc: Document): Document {
  const open = doc.absences.at(-1);
  const absences =
    open && open.to === null
      ? [...doc.absences.slice(0, -1), { ...open, to: scope.checkedAt }]
      : doc.absences;
  return { ...doc, absences, lastSeen: scope.checkedAt };
}

/**
 * Whether a known item's list title changed materially (beyond spacing and invisible characters):
 * a retitled page is a new document for backdating, never the old one's first-seen date.
 */
export function retitled(existing: Document, item: ListItem): boolean {
  if (!item.title) return false;
  const norm = (t: string) => visibleText(t).replace(/\s+/g, '');
  // A stored title taken whole from the detail page is the same title the list shows cut short.
  if (isCutTitle(item.title) && completesCutTitle(norm(existing.title), norm(item.title))) return false;
  return norm(existing.title) !== norm(item.title);
}

/** A stored document as the list item it was read from: dates read from the detail page count as none. */
export function itemOf(doc: Document): ListItem {
  return {
    url: doc.url,
    title: doc.title,
    dateText: doc.dateText,
    date: doc.date,
    dateOrigin: listOrigin(doc.dateOrigin),
    urlDate: doc.urlDate ?? null,
    attachments: doc.attachments.map((a) => ({ url: a.url, name: a.name })),
  };
}

/** A document's date origin as a list item's: dates read from the detail page count as none. */
function listOrigin(origin: Document['dateOrigin']): ListItem['dateOrigin'] {
  return origin === 'detail-meta' || origin === 'detail-text' ? 'none' : origin;
}

function mergeAttachments(a: Attachment[], b: Attachment[]): Attachment[] {
  const byUrl = new Map<string, Attachment>();
  for (const x of [...a, ...b]) if (!byUrl.has(x.url)) byUrl.set(x.url, x);
  return [...byUrl.values()];
}
