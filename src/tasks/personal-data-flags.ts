/**
 * Flags for personal data (隐私泄露): one per document that published some, raised while it is
 * public and settled when it is taken down or fixed. The monthly verdicts of the privacy pack say
 * which months a site failed; the flag is what a person acts on, so it is raised (and notified)
 * once per document, not once per month. EvaluateVerdicts counts this work; RaiseFlags does it.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../core/dates';
import { shanghaiDate } from '../core/dates';
import type { Document } from '../core/document';
import type { Obligation } from '../core/obligation';
import { describeKinds, exposedBetween, hasFindings, settledOn } from '../core/privacy';
import type { Flag } from '../store/ports';

/** The period key of a document's flag: stable for its URL, short enough for a table key. */
export const documentFlagKey = (url: string) =>
  `document-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;

export interface PersonalDataFlagWork {
  toRaise: { obligationId: string; periodKey: string; due: IsoDate; units: string[]; detail: string }[];
  toSettle: { flag: Flag; note: string }[];
}

/** The notification line of a document: title, URL, kinds, each place masked, the archived copies. */
export function documentDetail(doc: Document): string {
  const findings = doc.personalData?.findings ?? [];
  const places = findings
    .slice(0, 5)
    .map((f) => `${f.where}: ${f.excerpt}`)
    .join('; ');
  const copies = [...new Set(findings.map((f) => f.sha256).filter(Boolean))].map((h) => `sha256 ${h}`);
  const more = findings.length > 5 || doc.personalData?.more ? ' …' : '';
  return `“${doc.title}” ${doc.url} — ${describeKinds(findings)}: ${places}${more} (archived: ${copies.join(', ') || 'none'})`;
}

/** `flags` keyed `<obligationId>|<periodKey>`; `obligations` the expanded catalogue's. */
export function personalDataFlagWork(
  obligations: readonly Obligation[],
  documents: readonly Document[],
  flags: ReadonlyMap<string, Flag>,
  asOf: IsoDate,
): PersonalDataFlagWork {
  const work: PersonalDataFlagWork = { toRaise: [], toSettle: [] };
  const bySite = new Map<string, Document[]>();
  for (const d of documents)
    if (d.personalData) bySite.set(d.sourceId, [...(bySite.get(d.sourceId) ?? []), d]);
  for (const o of obligations) {
    const rule = o.evidence.personalData;
    if (!rule || !o.site) continue;
    for (const doc of bySite.get(o.site) ?? []) {
      if (!hasFindings(doc, rule.kinds)) continue;
      const periodKey = documentFlagKey(doc.url);
      const flag = flags.get(`${o.id}|${periodKey}`);
      const settled = settledOn(doc, asOf);
      if (!flag && !settled && exposedBetween(doc, asOf, asOf)) {
        work.toRaise.push({
          obligationId: o.id,
          periodKey,
          due: shanghaiDate(doc.firstSeen),
          units: o.units,
          detail: documentDetail(doc),
        });
      } else if (flag?.status === 'open' && settled) {
        work.toSettle.push({ flag, note: `${settled.how} ${settled.on}: ${doc.url}` });
      }
    }
  }
  return work;
}

/** Ids of the obligations judged by the personal-data rule (their monthly verdicts raise no flag). */
export function personalDataObligationIds(obligations: readonly Obligation[]): Set<string> {
  return new Set(obligations.filter((o) => o.evidence.personalData).map((o) => o.id));
}
