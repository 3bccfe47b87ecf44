import type { IsoDate } from './dates';

/** A missed obligation-period (or a forecast veto) raised for people to act on; resolved, waived or lapsed later. */
export interface Flag {
  obligationId: string;
  periodKey: string;
  due: IsoDate;
  raisedOn: IsoDate;
  raisedAt: string;
  units: string[];
  /** lapsed: a site rule's past period, which nothing published later can put right. */
  status: 'open' | 'resolved' | 'waived' | 'lapsed';
  history: { at: string; status: Flag['status']; note: string }[];
  /** Set once the notification for this flag went out; Notify is retried until it is. */
  notifiedAt?: string;
  /**
   * `missing` (absent: the same): no evidence by the due date. `veto-warning`: a single-veto site
   * rule is forecast to trip on `due` (period key `warning-<due>`), raised once per forecast date.
   * `personal-data`: a document published personal data (period key `document-<hash of its URL>`,
   * `due` the day it was first seen), raised once per document and settled when it is taken down.
   */
  kind?: 'missing' | 'veto-warning' | 'personal-data';
  /** What the flag is about, for the notification: the document, masked findings, archived copy. */
  detail?: string;
}
