import type { IsoDate } from './dates';

/** Entries a person makes; kept in an append-only audit trail. */
export type LedgerEntry =
  | { type: 'event'; id: string; obligationId: string; date: IsoDate; note: string; by: string; at: string }
  | {
      type: 'manual-evidence';
      id: string;
      obligationId: string;
      periodKey: string;
      url: string;
      note: string;
      publishedOn: IsoDate;
      by: string;
      at: string;
    }
  | {
      type: 'waiver';
      id: string;
      obligationId: string;
      periodKey?: string;
      reason: string;
      until: IsoDate;
      by: string;
      at: string;
    };
