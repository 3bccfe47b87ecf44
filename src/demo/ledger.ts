/**
 * The demo ledger (seeds/jiangmen-2016/demo/ledger.json): what people enter by hand during the demo
 * year — waivers, recorded events and manual evidence. `npm start` appends them through the same
 * code path as `gongkai waive`, `gongkai event add` and `gongkai evidence add`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { parseOrThrow, ValidationError } from '../core/validation';
import type { LedgerEntry } from '../store/ports';
import { DEFAULT_DEMO_DIR } from './content';

const InstantSchema = z.iso.datetime({ offset: true });
const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id: lowercase letters, digits and dashes');

export const DemoWaiverSchema = z.object({
  id: IdSchema,
  obligationId: z.string().min(1),
  periodKey: z.string().min(1).optional().describe('Omit to waive every period due on or before `until`'),
  reason: z.string().min(1),
  until: IsoDateSchema,
  by: z.string().min(1),
  at: InstantSchema,
});

export const DemoEventSchema = z.object({
  id: IdSchema,
  obligationId: z.string().min(1),
  date: IsoDateSchema,
  note: z.string().min(1),
  by: z.string().min(1),
  at: InstantSchema,
});

export const DemoManualEvidenceSchema = z.object({
  id: IdSchema,
  obligationId: z.string().min(1),
  periodKey: z.string().min(1),
  url: z.string().url(),
  note: z.string().min(1),
  publishedOn: IsoDateSchema,
  by: z.string().min(1),
  at: InstantSchema,
});

export const DemoLedgerSchema = z
  .object({
    $comment: z.string().optional(),
    waivers: z.array(DemoWaiverSchema).default([]),
    events: z.array(DemoEventSchema).default([]),
    manualEvidence: z.array(DemoManualEvidenceSchema).default([]),
  })
  .superRefine((ledger, ctx) => {
    const seen = new Set<string>();
    for (const [list, entries] of Object.entries({
      waivers: ledger.waivers,
      events: ledger.events,
      manualEvidence: ledger.manualEvidence,
    })) {
      entries.forEach((entry, i) => {
        if (seen.has(entry.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'id'],
            message: `duplicate ledger id "${entry.id}"`,
          });
        }
        seen.add(entry.id);
      });
    }
  });
export type DemoLedger = z.infer<typeof DemoLedgerSchema>;
export type DemoWaiver = z.infer<typeof DemoWaiverSchema>;
export type DemoEvent = z.infer<typeof DemoEventSchema>;
export type DemoManualEvidence = z.infer<typeof DemoManualEvidenceSchema>;

/** Reads and validates `<dir>/ledger.json`. */
export async function loadDemoLedger(dir: string = DEFAULT_DEMO_DIR): Promise<DemoLedger> {
  const path = join(dir, 'ledger.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ValidationError(path, [`(root): cannot read JSON: ${(error as Error).message}`]);
  }
  return parseOrThrow(DemoLedgerSchema, raw, path);
}

/** The ledger as store entries, in the order a person would have entered them (by `at`). */
export function demoLedgerEntries(ledger: DemoLedger): LedgerEntry[] {
  const entries: LedgerEntry[] = [
    ...ledger.waivers.map((w) => ({ type: 'waiver' as const, ...w })),
    ...ledger.events.map((e) => ({ type: 'event' as const, ...e })),
    ...ledger.manualEvidence.map((m) => ({ type: 'manual-evidence' as const, ...m })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
