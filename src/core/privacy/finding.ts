import { z } from 'zod';

/** The kinds of personal data the detectors recognise. */
export const PersonalDataKindSchema = z.enum(['resident-id', 'mobile', 'bank-card', 'name', 'home-address']);
export type PersonalDataKind = z.infer<typeof PersonalDataKindSchema>;

/** Names the kinds in reports: 身份证号 / ID number and so on. */
export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, { zh: string; en: string }> = {
  'resident-id': { zh: '身份证号', en: 'resident ID number' },
  mobile: { zh: '手机号', en: 'mobile number' },
  'bank-card': { zh: '银行卡号', en: 'bank card number' },
  name: { zh: '姓名', en: 'personal name' },
  'home-address': { zh: '家庭住址', en: 'home address' },
};

/**
 * One piece of personal data found in a published file. Only masked values are kept: the clear
 * value exists in the archived copy (by `sha256`) and nowhere else the monitor writes.
 */
export const PersonalDataFindingSchema = z.object({
  kind: PersonalDataKindSchema,
  masked: z.string().describe('The value masked (4407**********1234, 张*, 江门市蓬江区****)'),
  file: z.string().describe('URL of the page or attachment it was found in'),
  sha256: z.string().nullable().describe('The archived copy of that file'),
  where: z.string().describe('Location in the file: "page 2", "sheet 名单 row 5", "paragraph 3", "line 7"'),
  excerpt: z.string().describe('A few characters around it, every long number masked'),
});
export type PersonalDataFinding = z.infer<typeof PersonalDataFindingSchema>;

/** A file that could not be read in full, and why: the scan of it says nothing about what it holds. */
export const UnreadFileSchema = z.object({
  file: z.string(),
  reason: z.string(),
});
export type UnreadFile = z.infer<typeof UnreadFileSchema>;

/**
 * What scanning a document (its page and attachments) found. `fixedAt` is set when a later read of
 * the page found it no longer carries what was found (the department fixed it in place).
 */
export const PersonalDataScanSchema = z.object({
  scannedAt: z.string(),
  findings: z.array(PersonalDataFindingSchema).default([]),
  /** How many more findings there were than kept (a list of thousands is kept to its first ones). */
  more: z.number().int().min(0).default(0),
  unread: z.array(UnreadFileSchema).default([]),
  fixedAt: z.string().optional(),
});
export type PersonalDataScan = z.infer<typeof PersonalDataScanSchema>;

/**
 * One piece of text and where it sits in its file; `context` is what labels it (a column header and
 * the cell before). Segments with the same `where` are one table row or one line: names and home
 * addresses are judged by what else that row carries.
 */
export interface TextSegment {
  text: string;
  where: string;
  context?: string;
  /** The header of the table column the cell is in, when it is a table cell. */
  header?: string;
}
