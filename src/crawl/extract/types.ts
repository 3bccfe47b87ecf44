/** What the extract layer hands to the crawler, as schemas so `gongkai extract` output can be checked. */
import { z } from 'zod';
import { IsoDateSchema } from '../../core/dates';
import { AttachmentSchema } from '../../core/document';

export const ExtractedAttachmentSchema = AttachmentSchema.pick({ url: true, name: true });
export type ExtractedAttachment = z.infer<typeof ExtractedAttachmentSchema>;

export const ListDateOriginSchema = z.enum(['list', 'url', 'context', 'none']);
export type ListDateOrigin = z.infer<typeof ListDateOriginSchema>;

export const ListItemSchema = z.object({
  title: z.string(),
  url: z.string().describe('Absolute URL of the item (the file itself when the item is an attachment link)'),
  dateText: z.string().nullable().describe('The date exactly as shown next to the link'),
  date: IsoDateSchema.nullable(),
  dateOrigin: ListDateOriginSchema.describe(
    'list: a full date shown in the list; context: a month-day with the year from the page; url: from a TRS URL',
  ),
  urlDate: IsoDateSchema.nullable()
    .optional()
    .describe('Date encoded in the URL, when it disagrees with the shown one'),
  yearFrom: z
    .enum([
      'row-comment',
      'item-url',
      'group-heading',
      'heading',
      'url',
      'comment',
      'page-date',
      'now',
      'new-year',
    ])
    .optional()
    .describe(
      'context dates: where the year came from (a comment in the row, the item URL, the heading of its group, a heading, the page URL, a comment in the page, the page date, today, or newest-first order crossing New Year)',
    ),
  attachments: z.array(ExtractedAttachmentSchema),
});
export type ListItem = z.infer<typeof ListItemSchema>;

export const ListExtractionSchema = z.object({
  items: z.array(ListItemSchema),
  next: z.array(z.string()).describe('Absolute same-host URLs of further list pages'),
  warnings: z.array(z.string()),
  cut: z
    .object({
      links: z.number().int().describe('Links (<a> tags) the whole page holds'),
      parsedLinks: z.number().int().describe('Links in the part of the page that was parsed'),
      parsedChars: z.number().int().describe('Characters of the page parsed for items'),
    })
    .optional()
    .describe('Set when the page held too many links for `maxItems`: only its start was parsed for items'),
});
export type ListExtraction = z.infer<typeof ListExtractionSchema>;

export const DetailDateOriginSchema = z.enum(['detail-meta', 'detail-text', 'url', 'none']);
export type DetailDateOrigin = z.infer<typeof DetailDateOriginSchema>;

export const DetailExtractionSchema = z.object({
  title: z.string(),
  dateText: z.string().nullable(),
  date: IsoDateSchema.nullable(),
  dateOrigin: DetailDateOriginSchema,
  urlDate: IsoDateSchema.nullable().optional(),
  text: z.string().describe('Main body text, whitespace collapsed, capped'),
  attachments: z.array(ExtractedAttachmentSchema),
  warnings: z.array(z.string()),
});
export type DetailExtraction = z.infer<typeof DetailExtractionSchema>;
