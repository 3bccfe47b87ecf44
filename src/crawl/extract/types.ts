/** What the extract layer hands to the crawler, as schemas so `gongkai extract` output can be checked. */
import { z } from 'zod';
import { IsoDateSchema } from '../../core/dates';
import { ExtractedAttachmentSchema, ListItemSchema } from '../../core/list-item';

export {
  type ExtractedAttachment,
  ExtractedAttachmentSchema,
  type ListDateOrigin,
  ListDateOriginSchema,
  type ListItem,
  ListItemSchema,
} from '../../core/list-item';

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
