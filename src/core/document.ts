import { z } from 'zod';
import { IsoDateSchema } from './dates';
import { PersonalDataScanSchema } from './privacy/finding';
import { ColumnKindSchema } from './source';

/** Where a document's date was read from; auditors need to know how much to trust it. */
export const DateOriginSchema = z.enum(['list', 'detail-meta', 'detail-text', 'url', 'context', 'none']);
export type DateOrigin = z.infer<typeof DateOriginSchema>;

export const AttachmentSchema = z.object({
  url: z.string(),
  name: z.string(),
  sha256: z.string().optional().describe('Set once the attachment was fetched and archived'),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

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
  attachments: z.array(AttachmentSchema).default([]),
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
