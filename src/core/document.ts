import { z } from 'zod';
import { IsoDateSchema } from './dates';
import { PersonalDataScanSchema } from './privacy/finding';
import { ColumnKindSchema } from './source';

/** Where a document's date was read from; auditors need to know how much to trust it. */
export const DateOriginSchema = z.enum(['list', 'detail-meta', 'detail-text', 'url', 'context', 'none']);
export type DateOrigin = z.infer<typeof DateOriginSchema>;

/**
 * Why a fetched (or unfetched) page is not evidence. `unread`: the monitor could not read it (rate
 * limited, timed out, too large, on a host it may not fetch): the period cannot be judged missing
 * on its account. Otherwise the site served no content (404, a soft-404 page, a login page served
 * as a PDF): as good as absent.
 */
export const FetchProblemSchema = z.object({
  reason: z.string().describe('One line an auditor can read, e.g. "detail page answered HTTP 404"'),
  unread: z.boolean(),
});
export type FetchProblem = z.infer<typeof FetchProblemSchema>;

export const AttachmentSchema = z.object({
  url: z.string(),
  name: z.string(),
  sha256: z.string().optional().describe('Set once the attachment was fetched and archived'),
  archiveKey: z
    .string()
    .optional()
    .describe(
      'Where the archive keeps that copy (its key), recorded with the sha256: a report links it without a lookup',
    ),
  problem: FetchProblemSchema.optional().describe('Why the file is not evidence; absent when it is'),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** An earlier version of an item: the title it had, when, and the hash of its page then. */
export const DocumentVersionSchema = z.object({
  title: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  sha256: z.string().nullable(),
  fetchedAt: z.string().nullable().optional(),
});
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>;

/**
 * One item the crawler found on a department site. `firstSeen`/`lastSeen` are instants (ISO 8601
 * with time): they are facts about the crawl, while `date` is what the page claims.
 */
export const DocumentSchema = z.object({
  url: z.string(),
  sourceId: z.string(),
  columnId: z.string(),
  columnKind: ColumnKindSchema,
  units: z.array(z.string()),
  title: z.string(),
  dateText: z.string().nullable().describe('The date exactly as shown'),
  date: IsoDateSchema.nullable().describe('Normalised publication date, or null when none could be read'),
  dateOrigin: DateOriginSchema,
  urlDate: IsoDateSchema.nullable().optional().describe('Date encoded in a TRS-style URL, when it disagrees'),
  firstSeen: z.string(),
  lastSeen: z.string(),
  sha256: z.string().nullable().describe('sha256 of the archived detail page (or the attachment itself)'),
  archiveKey: z
    .string()
    .optional()
    .describe(
      'Where the archive keeps that copy (its key), recorded when archived: a report links it without a lookup',
    ),
  fetchedAt: z
    .string()
    .nullable()
    .optional()
    .describe('When the detail page (or the file) was fetched and archived; null: never'),
  problem: FetchProblemSchema.nullable()
    .optional()
    .describe('Why the detail page is not evidence (not fetched, an error page); null when it is'),
  versions: z
    .array(DocumentVersionSchema)
    .optional()
    .describe('Earlier versions of the item at this URL (older titles), oldest first'),
  attachments: z.array(AttachmentSchema).default([]),
  goneSince: z
    .string()
    .nullable()
    .optional()
    .describe(
      'While the document is still listed: the instant its page first answered 404 or 410 to a re-check (the archived copy stands); null or absent: it answered',
    ),
  recheckedAt: z
    .string()
    .nullable()
    .optional()
    .describe('When a known, archived page was last requested again to see that it still answers'),
  absences: z
    .array(z.object({ from: z.string(), to: z.string().nullable() }))
    .default([])
    .describe(
      'Spans (instants) during which the document had vanished from its column; `to: null` = still gone',
    ),
  personalData: PersonalDataScanSchema.optional().describe(
    'Personal data found in the page or its attachments (masked), and files that could not be read; absent when nothing was found',
  ),
});
export type Document = z.infer<typeof DocumentSchema>;

/**
 * Why a document does not count as evidence, or null when it does: evidence is what was fetched,
 * archived and looks like content. When an attachment is the evidence (the rule wants a file, or the
 * topic is only in the file's name), the file must have been fetched and archived; otherwise the
 * detail page itself. Documents stored before fetch problems were recorded count when archived.
 */
export function notEvidence(doc: Document, attachment?: Attachment): FetchProblem | null {
  if (attachment && attachment.url !== doc.url) {
    if (attachment.problem) return attachment.problem;
    return attachment.sha256 ? null : { reason: `attachment “${attachment.name}” not fetched`, unread: true };
  }
  if (doc.problem) return doc.problem;
  return doc.sha256 ? null : { reason: 'detail page not fetched', unread: true };
}
