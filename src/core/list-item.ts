/**
 * An item as a list page shows it: what the crawler reads from a column's list, and what a paused
 * crawl keeps in its cursor for the items whose documents it has not yet written.
 */
import { z } from 'zod';
import { IsoDateSchema } from './dates';
import { AttachmentSchema } from './document';

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
